/**
 * The command line from outside: start-up against a bare `node -e 0` (run side by side, medians),
 * and `validate` of many workbooks on every core against one worker.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { availableParallelism, tmpdir } from 'os';
import { join } from 'path';
import { filledBuffer } from '../src/workbook/fill';
import { generateReports } from './validate';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timeRun(args: string[]): number {
  const t0 = process.hrtime.bigint();
  try {
    execFileSync(process.execPath, args, { stdio: 'ignore' });
  } catch {
    // validate exits 1 when a report has errors: still timed
  }
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export async function benchCli(): Promise<void> {
  const cli = join(__dirname, '../src/cli/main.js');
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-cli-bench-'));
  const reports = generateReports(600, 11);
  const files = await Promise.all(
    reports.map(async (r, i) => {
      const f = join(dir, `r${i}.xlsx`);
      writeFileSync(f, await filledBuffer(r));
      return f;
    }),
  );
  console.log('\ncommand line — start-up against a bare `node -e 0`, 15 runs each side by side, medians');
  const runs = { bare: [] as number[], version: [] as number[], validate: [] as number[] };
  for (let i = 0; i < 15; i++) {
    runs.bare.push(timeRun(['-e', '0']));
    runs.version.push(timeRun([cli, '--version']));
    runs.validate.push(timeRun([cli, 'validate', files[0]!]));
  }
  const bare = median(runs.bare);
  console.log(`node -e 0: ${bare.toFixed(0)} ms · xxgk --version: ${median(runs.version).toFixed(0)} ms (ratio ${(median(runs.version) / bare).toFixed(2)}×, aim ≤ 1.5×) · xxgk validate of one workbook: ${median(runs.validate).toFixed(0)} ms (ratio ${(median(runs.validate) / bare).toFixed(2)}×, aim ≤ 2.5×)`);

  const workers = Math.min(4, availableParallelism());
  const one = median([0, 1, 2].map(() => timeRun([cli, 'validate', '--json', '--jobs', '1', ...files])));
  const many = median([0, 1, 2].map(() => timeRun([cli, 'validate', '--json', '--jobs', String(workers), ...files])));
  console.log(`validate --json of ${files.length} workbooks: one thread ${one.toFixed(0)} ms · ${workers} workers ${many.toFixed(0)} ms`);
  console.log(`parallel speedup: ${(one / many).toFixed(2)}× with ${workers} workers (aim ≥ ${(0.8 * workers).toFixed(1)}×)`);
}
