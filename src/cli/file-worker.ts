/** A worker thread of mapFiles (files.ts): does its task for each file it is sent, one at a time. */
import { parentPort, workerData } from 'worker_threads';
import { taskRunner, type FileTask } from './files';

const ready = taskRunner(workerData as FileTask);
parentPort?.on('message', (m: { index: number; input: string }) => {
  void ready.then((run) => run(m.input)).then((output) => parentPort!.postMessage({ index: m.index, output }));
});
