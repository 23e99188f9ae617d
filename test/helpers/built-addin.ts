/**
 * One production build of the add-in per test run, shared by the browser tests: the first worker
 * to ask builds it (holding a lock folder), the others wait for it. Jest's workers share a parent.
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const root = join(__dirname, '../..');

export async function builtAddin(): Promise<string> {
  const dir = join(tmpdir(), `xxgk-addin-run-${process.ppid}`);
  const done = join(dir, '.built');
  if (existsSync(done)) return dir;
  try {
    mkdirSync(`${dir}.lock`);
  } catch {
    // Another worker builds it: wait (bounded) for it to finish.
    for (let waited = 0; waited < 600_000; waited += 500) {
      if (existsSync(done)) return dir;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`the shared add-in build in ${dir} did not finish`);
  }
  execFileSync('npx', ['webpack', '--mode', 'production', '--env', `outDir=${dir}`], { cwd: root, stdio: 'pipe' });
  writeFileSync(done, '');
  return dir;
}
