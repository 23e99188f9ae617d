/**
 * One entrance to the model: code outside src/model imports it only through model/core (or
 * model/index for the zod side), and the zod-side readers' chunk (model/schema/lazy) only where a
 * surface loads it on demand. Internals can then move without their users noticing.
 */
import { readFileSync } from 'fs';
import { join, relative } from 'path';
import { sourceFiles } from '../helpers/source-files';

const ROOT = join(__dirname, '../..');
const SRC = join(ROOT, 'src');

const files = sourceFiles;

/** Every `from '…/model/…'` (import, export or import()) in a file, as the path inside src/model. */
const modelImports = (text: string) => [...text.matchAll(/(?:from\s+|import\()\s*'(?:\.\.\/)+(?:src\/)?model\/([^']+)'/g)].map((m) => m[1]!);

const ALLOWED = new Set(['core', 'index', 'schema/lazy']);

test('outside src/model, the model is imported only through model/core or model/index (and its lazy zod chunk)', () => {
  const outside = files(SRC).filter((f) => !f.startsWith(join(SRC, 'model')));
  const wrong = outside.flatMap((f) => modelImports(readFileSync(f, 'utf8')).filter((m) => !ALLOWED.has(m)).map((m) => `${relative(ROOT, f)} → model/${m}`));
  expect(wrong).toEqual([]);
  // The check is live: the surfaces do import the model this way.
  expect(outside.filter((f) => modelImports(readFileSync(f, 'utf8')).length > 0).length).toBeGreaterThan(30);
});
