/** Writes the generated files under assets/ from the model: the submission JSON Schema and the format catalogue. */
import { writeFileSync } from 'fs';
import { join } from 'path';
import { generatedAssets } from './generated-assets';

for (const [file, content] of Object.entries(generatedAssets())) {
  writeFileSync(join(__dirname, '..', file), content);
  console.log(`wrote ${file}`);
}
