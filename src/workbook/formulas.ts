/** Excel formula text for totals and checks; works the same in Excel, WPS and LibreOffice. */
import { a1, sheetName, type Layout, type SheetId } from '../model/layout';

/** A reference to a report cell from a formula on `from`'s sheet. */
export function cellRef(layout: Layout, from: SheetId, cellId: string): string {
  const p = layout.cells.get(cellId)!;
  const ref = a1(p.row, p.col);
  return p.sheet === from ? ref : `${sheetName(p.sheet)}!${ref}`;
}

/** SUM over cells of one sheet, contiguous runs of a column or a row written as ranges. */
export function sumFormula(layout: Layout, cellIds: readonly string[]): string {
  const ps = cellIds.map((id) => layout.cells.get(id)!);
  const parts: string[] = [];
  let i = 0;
  while (i < ps.length) {
    let j = i;
    const sameCol = (k: number) => ps[k + 1] && ps[k + 1]!.col === ps[k]!.col && ps[k + 1]!.row === ps[k]!.row + 1;
    const sameRow = (k: number) => ps[k + 1] && ps[k + 1]!.row === ps[k]!.row && ps[k + 1]!.col === ps[k]!.col + 1;
    if (sameCol(i)) while (sameCol(j)) j++;
    else if (sameRow(i)) while (sameRow(j)) j++;
    const a = a1(ps[i]!.row, ps[i]!.col);
    parts.push(j > i ? `${a}:${a1(ps[j]!.row, ps[j]!.col)}` : a);
    i = j + 1;
  }
  return `SUM(${parts.join(',')})`;
}

/** “✓” when both sides agree, otherwise “差 N”. SUM skips text, as the totals do. */
export const CHECK_FORMULA = (lhs: string, rhs: string): string =>
  `IF(ROUND(SUM(${lhs})-SUM(${rhs}),6)=0,"✓","差 "&ABS(ROUND(SUM(${lhs})-SUM(${rhs}),6)))`;
