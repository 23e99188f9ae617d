/** The CLI's output. Nothing calls process.exit: the exit code is set and Node exits once stdout has drained, so piped output is never cut off. */
export const out = (s: string): void => void process.stdout.write(s);
export const err = (s: string): void => void process.stderr.write(s);

/**
 * Text from files (names, 机关名称) as printed: control characters, line separators and bidi
 * overrides shown as escapes, so a name cannot recolour the terminal, forge a line or reorder text.
 */
export function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
