/** Excel formula text for totals and checks; works the same in Excel, WPS and LibreOffice. */
import { a1, quoteSheet, type Layout } from './layout';

/** SUM over cells of one sheet, contiguous runs of a column or a row written as ranges. */
export function sumFormula(layout: Layout, cellIds: readonly string[]): string {
  return `SUM(${rangeList(layout, cellIds)})`;
}

/**
 * SUM over cells where a workbook holds them (rows inserted, a workbook not made from the template),
 * for a total written at `at`: cells of another sheet are named with their sheet.
 */
export function sumAt(at: { readonly sheet: string }, cells: readonly { readonly sheet: string; readonly row: number; readonly col: number }[]): string {
  const runs: string[] = [];
  for (let i = 0; i < cells.length; ) {
    const sheet = cells[i]!.sheet;
    let j = i;
    while (j + 1 < cells.length && cells[j + 1]!.sheet === sheet) j++;
    const list = runList(cells.slice(i, j + 1));
    runs.push(sheet === at.sheet ? list : list.split(',').map((r) => `${quoteSheet(sheet)}!${r}`).join(','));
    i = j + 1;
  }
  return `SUM(${runs.join(',')})`;
}

/** Cells of one sheet as a reference list: D8:D28,D30 */
export function rangeList(layout: Layout, cellIds: readonly string[]): string {
  return runList(cellIds.map((id) => layout.cells.get(id)!));
}

function runList(ps: readonly { readonly row: number; readonly col: number }[]): string {
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
  return parts.join(',');
}

/** What CHECK_FORMULA shows for a difference of its two sums: the cached result a workbook is written with. */
export function checkResult(difference: number): string {
  const d = Math.round(difference * 1e6) / 1e6;
  return d === 0 ? '✓' : `差 ${Math.abs(d)}`;
}

/** “✓” when both sides agree, otherwise “差 N”. SUM skips text, as the totals do. */
export const CHECK_FORMULA = (lhs: string, rhs: string): string =>
  `IF(ROUND(SUM(${lhs})-SUM(${rhs}),6)=0,"✓","差 "&ABS(ROUND(SUM(${lhs})-SUM(${rhs}),6)))`;

/** A check cell's colours: “✓” green; “差 N” red, by a conditional format on the cell itself. */
export const CHECK_COLORS = { ok: '#2E7D32', off: '#C00000' } as const;
/** The conditional format's condition for a check cell at `a1` (relative to the cell): it shows “差 N”. */
export const CHECK_OFF_CONDITION = (a1: string): string => `LEFT(${a1},1)="差"`;
