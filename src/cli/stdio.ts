/** The CLI's output. Nothing calls process.exit: the exit code is set and Node exits once stdout has drained, so piped output is never cut off. */
export const out = (s: string): void => void process.stdout.write(s);
export const err = (s: string): void => void process.stderr.write(s);

export { printable } from '../model/core';
