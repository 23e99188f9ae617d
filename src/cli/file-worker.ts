/** A worker thread of mapFiles (files.ts): does its task for each file it is sent, one at a time. */
import { parentPort, workerData } from 'worker_threads';
import { taskRunner, type FileTask } from './files';

// Run from the .ts sources (tsx, ts-jest), this thread has tsx's require hook only: its import() hooks are added first.
// (tsx is a development dependency, named only here: the built command line never takes this branch.)
const TSX_API: string = 'tsx/esm/api';
const hooks = __filename.endsWith('.ts') ? import(TSX_API).then((tsx: { register(): unknown }) => void tsx.register()) : Promise.resolve();
const ready = hooks.then(() => taskRunner(workerData as FileTask));
parentPort?.on('message', (m: { index: number; input: string }) => {
  void ready.then((run) => run(m.input)).then((output) => parentPort!.postMessage({ index: m.index, output }));
});
