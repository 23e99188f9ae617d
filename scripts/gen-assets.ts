/** Writes the files under assets/ generated from the model: JSON Schema, format catalogue, templates, sample workbooks. */
import { writeFileSync } from 'fs';
import { join } from 'path';
import { generatedAssets, generatedGuide, generatedWorkbooks } from './generated-assets';

(async () => {
  const files: Record<string, string | Buffer> = { ...generatedAssets(), ...(await generatedWorkbooks()), ...(await generatedGuide()) };
  for (const [file, content] of Object.entries(files)) {
    writeFileSync(join(__dirname, '..', file), content);
    console.log(`wrote ${file}`);
  }
})();
