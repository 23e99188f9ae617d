/**
 * Many files, one task each, in this thread or on every core (pool.ts); results in the order of the
 * files. A worker sends back only what the main thread prints or sums, not whole readings: copying
 * between threads costs more than reading a workbook.
 */
import type { Report } from '../model/core';
import { runInWorkers, workersFor } from './pool';

/** What is done with each file: validated and printed (validate), or loaded for summing (aggregate). */
export type FileTask = { readonly kind: 'check'; readonly json: boolean; readonly previous?: Report } | { readonly kind: 'load' };

/** Runs `task` over `files` with up to `jobs` workers; `emit` is called in the files' order. */
export async function mapFiles<O>(files: readonly string[], task: FileTask, jobs: number, emit: (o: O, index: number) => void): Promise<void> {
  const workers = workersFor(files.length, jobs);
  if (workers === 0) {
    const run = await taskRunner(task);
    for (const [k, f] of files.entries()) emit((await run(f)) as O, k);
    return;
  }
  await runInWorkers<string, O>(require.resolve('./file-worker'), task, files, workers, emit);
}

/** The function that does `task` for one file. Its modules are loaded where it runs, not at start-up. */
export async function taskRunner(task: FileTask): Promise<(file: string) => Promise<unknown>> {
  if (task.kind === 'check') {
    const { checkFile } = await import('./check-file');
    return (file) => checkFile(file, task.json, task.previous);
  }
  const { loadReport } = await import('./load');
  return async (file) => {
    const loaded = await loadReport(file);
    // Only what 汇总 uses crosses back (the report, its reading issues, which totals are formulas): not the places.
    return loaded.ok ? { ok: true, report: loaded.report, reading: loaded.reading, computed: loaded.computed, aggregate: loaded.aggregate } : loaded;
  };
}
