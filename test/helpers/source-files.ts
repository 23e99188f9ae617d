/** Every .ts file under a folder, for the tests that read the sources (layer boundaries, the model's entrance). */
import { readdirSync, statSync } from 'fs';
import { join } from 'path';

export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}
