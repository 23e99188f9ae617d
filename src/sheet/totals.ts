/** 填入合计 in a spreadsheet: which totals to write back, with the template's formula for each. */
import { computeTotals, getFormat, suggestTotals, type Issue, type Report, type TotalChange, rawValue } from '../model/core';
import { sumAt } from './formulas';
import { placeText } from './a1';
import type { Place, Places } from './places';

export interface TotalRepair extends TotalChange {
  /** Where the total was found. */
  readonly place: Place;
  /** The same as people read it (表三!D29). */
  readonly address: string;
  /** Table, row and column, as the clerk reads them. */
  readonly where: string;
  /** The template's formula for the total, without the leading `=`. */
  readonly formula: string;
}

/** The cells whose total formula a reading found typed over (FORM-FORMULA-REPLACED). */
export const lostFormulas = (issues: readonly Issue[]): string[] => issues.filter((i) => i.ruleId === 'FORM-FORMULA-REPLACED').flatMap((i) => i.cells);

/**
 * 填入合计: the totals that differ from their formulas, and those typed over even with the right
 * number (`lost`: they would not follow a later change), with the formula to write back, where found.
 */
export function totalRepairs(report: Report, places: Places, lost: readonly string[] = []): TotalRepair[] {
  const f = getFormat(report.format);
  const suggested = suggestTotals(report);
  const totals = computeTotals(report);
  const more = lost.filter((id) => !suggested.some((s) => s.cell === id) && totals.has(id)).map((id) => ({ cell: id, current: rawValue(report, id) ?? null, computed: totals.get(id)! }));
  return [...suggested, ...more].sort((a, b) => f.byId.get(a.cell)!.index - f.byId.get(b.cell)!.index).flatMap((s) => {
    const cell = f.byId.get(s.cell)!;
    const place = places[s.cell];
    if (!place || !cell.derived) return [];
    // The cells it adds up where this workbook holds them (rows inserted, an office's own layout); every one must be there.
    const terms = cell.derived.of.map((i) => places[f.cells[i]!.id]);
    if (terms.some((t) => !t)) return [];
    const where = `${f.tables.find((t) => t.id === cell.table)!.name} ${cell.rowTitle} · ${cell.colLabel}`;
    return [{ ...s, place, address: placeText(place), where, formula: sumAt(place, terms as Place[]) }];
  });
}
