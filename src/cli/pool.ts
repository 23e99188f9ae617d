/**
 * Many files on every core: `worker_threads`, one task per file, results handed back in the
 * order of the files whatever order they finish in. Under tsx or ts-jest (sources run as .ts)
 * the workers load the same TypeScript through tsx.
 */
import { availableParallelism } from 'os';
import { extname } from 'path';
import { Worker } from 'worker_threads';

/** The default --jobs: every core, at most 8. */
export const defaultJobs = () => Math.max(1, Math.min(8, availableParallelism()));

/** Below this many files per worker, starting workers costs more than it saves. */
const MIN_FILES_PER_WORKER = 4;

/** How many workers to use for `count` files with `jobs` asked for: 0 means run in this thread. */
export function workersFor(count: number, jobs: number): number {
  const n = Math.min(jobs, Math.floor(count / MIN_FILES_PER_WORKER));
  return n >= 2 ? n : 0;
}

/**
 * Runs `script` (a module whose worker side answers `{ index, input }` with `{ index, output }`)
 * over `inputs` on `workers` threads; `emit` is called in input order.
 */
export async function runInWorkers<I, O>(script: string, workerData: unknown, inputs: readonly I[], workers: number, emit: (output: O, index: number) => void): Promise<void> {
  // Sources run as .ts (tsx, ts-jest): the worker loads them through tsx's require hook (file-worker.ts adds its import() hooks).
  const execArgv = extname(script) === '.ts' ? ['--require', require.resolve('tsx/cjs')] : [];
  const done = new Map<number, O>();
  let nextOut = 0;
  let nextIn = 0;
  const flush = () => {
    while (done.has(nextOut)) {
      const o = done.get(nextOut)!;
      done.delete(nextOut);
      emit(o, nextOut++);
    }
  };
  const pool = Array.from({ length: workers }, () => new Worker(script, { workerData, execArgv }));
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let finished = false;
            const feed = () => {
              if (nextIn >= inputs.length) {
                finished = true;
                return void worker.terminate().then(() => resolve());
              }
              const index = nextIn++;
              worker.postMessage({ index, input: inputs[index] });
            };
            worker.on('message', (m: { index: number; output: O }) => {
              done.set(m.index, m.output);
              flush();
              feed();
            });
            worker.on('error', reject);
            // A worker that stops before its work is done must not leave the command waiting.
            worker.on('exit', (code) => (finished ? resolve() : reject(new Error(`worker stopped (exit code ${code})`))));
            worker.on('online', feed);
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
