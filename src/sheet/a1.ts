/** A1 references: the one formatter and parser of cell addresses. Rows and columns are 1-based. */

/** Column letters: 1 → A, 27 → AA. */
export function colLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function a1(row: number, col: number): string {
  return `${colLetter(col)}${row}`;
}

/** A sheet name as a formula writes it: quoted where it is not letters, digits and underscores. */
export function quoteSheet(name: string): string {
  return /^[\p{L}\p{N}_]+$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** `表三!D29`, `='表 三'!$D$6:$J$30` (a name's value, a range address) → sheet, row and column of its first cell. */
export function parseSheetAddress(ref: string): { sheet: string; row: number; col: number } | undefined {
  const m = /^=?(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]+)\$?(\d+)/.exec(ref.trim());
  if (!m) return undefined;
  const col = m[3]!.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { sheet: (m[1] ?? m[2]!).replace(/''/g, "'"), row: Number(m[4]), col };
}

/** A place as people read it (表三!D29): for display only, never parsed back. */
export function placeText(p: { readonly sheet: string; readonly row: number; readonly col: number }): string {
  return `${p.sheet}!${a1(p.row, p.col)}`;
}
