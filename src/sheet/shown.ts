/**
 * What a spreadsheet shows in the report's cells once it recalculates: inputs as written, a total
 * that holds its SUM formula as the sum of what its terms show (the first error among them shown
 * instead), a total typed over as typed, and each check cell's “✓” or “差 N”. One function for
 * every writer that caches formula results (the template filled from a report, the page's
 * corrected copy of a clerk's workbook), so viewers that do not recalculate show the same numbers.
 */
import { getFormat, rawValue, type CellValue, type Equation, type Report } from '../model/core';
import { checkResult } from './formulas';

export type Shown = number | { readonly error: string };

export interface ShownCells {
  /** Each total (by cell index) that holds its formula: the result to cache with it. */
  readonly results: ReadonlyMap<number, Shown>;
  /** What a check cell over this equation shows. */
  check(equation: Equation): string;
}

/**
 * `holdsFormula(index, result)`: whether the total at this cell index holds its SUM formula (given
 * what the formula would show): a writer that lays out the report decides by the value it has, a
 * writer patching a workbook by what the cell holds.
 */
export function shownCells(report: Report, holdsFormula: (index: number, result: Shown) => boolean): ShownCells {
  const f = getFormat(report.format);
  // A SUM adds numbers only: text and blanks add nothing.
  const shown = new Float64Array(f.cells.length);
  const errors = new Map<number, string>();
  for (const c of f.cells) {
    const v = rawValue(report, c.id) as CellValue | undefined;
    if (typeof v === 'number') shown[c.index] = v;
    else if (v !== null && typeof v === 'object') errors.set(c.index, v.error);
  }
  const results = new Map<number, Shown>();
  for (const i of f.derivedOrder) {
    const of = f.cells[i]!.derived!.of;
    const error = of.map((k) => errors.get(k)).find((e) => e !== undefined);
    const result: Shown = error !== undefined ? { error } : of.reduce((s, k) => s + shown[k]!, 0);
    if (!holdsFormula(i, result)) continue;
    results.set(i, result);
    errors.delete(i);
    shown[i] = 0;
    if (typeof result === 'number') shown[i] = result;
    else errors.set(i, result.error);
  }
  const side = (cells: readonly number[]) => cells.reduce((s, k) => s + shown[k]!, 0);
  return { results, check: (eq) => checkResult(side(eq.lhs) - side(eq.rhs)) };
}
