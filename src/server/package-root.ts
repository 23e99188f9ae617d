/** The package's own folder (where package.json is), from the sources run by tsx or from the compiled dist/. */
import { existsSync } from 'fs';
import { dirname, join } from 'path';

export function packageRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
