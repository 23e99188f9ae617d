/**
 * Text from files (file names, 机关名称) as shown in a terminal or a status line: control characters,
 * line separators and bidi overrides as escapes, so a name cannot recolour a terminal, forge a line
 * or reverse the text around it. The one escaping function of the CLI and the page.
 */
export function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
