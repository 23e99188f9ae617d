/**
 * Formula text as a file or a host holds it, read only as far as the reader needs: whether a total's
 * formula is a plain SUM of given cells of its own sheet (the template's own total), and a shared
 * formula's text moved to another cell (xlsx stores a filled-down formula once, with `t="shared"`).
 */
import { colLetter } from './a1';

/** A cell reference inside formula text: optional `$`, column letters, optional `$`, row. */
const REF = /(\$?)([A-Z]{1,3})(\$?)(\d{1,7})/g;

const colNumber = (letters: string) => letters.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);


/**
 * The cells a formula `SUM(D6:D9,D12)` adds up (row * 16384 + col), or undefined when the formula is
 * anything else: another function, another sheet, an operator, a constant.
 */
export function sumCells(formula: string): Set<number> | undefined {
  const m = /^=?\s*SUM\((.*)\)\s*$/i.exec(formula.trim());
  if (!m) return undefined;
  const out = new Set<number>();
  for (const arg of m[1]!.split(',')) {
    const r = /^\s*\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?\s*$/i.exec(arg);
    if (!r) return undefined;
    const c1 = colNumber(r[1]!.toUpperCase());
    const r1 = Number(r[2]);
    const c2 = r[3] ? colNumber(r[3].toUpperCase()) : c1;
    const r2 = r[4] ? Number(r[4]) : r1;
    // A reference far larger than a table is no total of ours (and stays bounded).
    if ((Math.abs(r2 - r1) + 1) * (Math.abs(c2 - c1) + 1) > 10_000) return undefined;
    for (let row = Math.min(r1, r2); row <= Math.max(r1, r2); row++) for (let col = Math.min(c1, c2); col <= Math.max(c1, c2); col++) out.add(row * 16384 + col);
  }
  return out;
}

/** Whether a formula is exactly the SUM of these cells (places on the formula's own sheet). */
export function isSumOf(formula: string, cells: readonly { readonly row: number; readonly col: number }[]): boolean {
  const refs = sumCells(formula);
  if (!refs || refs.size !== cells.length) return false;
  return cells.every((c) => refs.has(c.row * 16384 + c.col));
}

/**
 * A shared formula's text as it reads in a cell `rows` and `cols` away from the cell that holds the
 * text: relative references move, `$`-fixed ones stay; text in quotes is left alone.
 */
export function shiftFormula(formula: string, rows: number, cols: number): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(REF, (whole, dc: string, letters: string, dr: string, row: string, offset: number, all: string) => {
            // Part of a name or a function (LOG10, a sheet called ABC1): not a reference.
            if (offset > 0 && /[A-Za-z0-9_.]/.test(all[offset - 1]!)) return whole;
            if (/[A-Za-z0-9_(]/.test(all[offset + whole.length] ?? '')) return whole;
            const c = dc ? colNumber(letters) : colNumber(letters) + cols;
            const r = dr ? Number(row) : Number(row) + rows;
            return c < 1 || r < 1 ? '#REF!' : `${dc}${colLetter(c)}${dr}${r}`;
          }),
    )
    .join('');
}
