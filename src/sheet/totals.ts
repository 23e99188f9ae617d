/** 填入合计 in a spreadsheet: which totals to write back, with the template's formula for each. */
import { getFormat, suggestTotals, type Report, type TotalChange } from '../model/core';
import { sumFormula } from './formulas';
import { getLayout } from './layout';
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

/** 填入合计: the totals that differ from their formulas, with the formula to write back, where the cell was found. */
export function totalRepairs(report: Report, places: Places): TotalRepair[] {
  const f = getFormat(report.format);
  const layout = getLayout(report.format);
  return suggestTotals(report).flatMap((s) => {
    const cell = f.byId.get(s.cell)!;
    const place = places[s.cell];
    if (!place || !cell.derived) return [];
    const where = `${f.tables.find((t) => t.id === cell.table)!.name} ${cell.rowTitle} · ${cell.colLabel}`;
    return [{ ...s, place, address: placeText(place), where, formula: sumFormula(layout, cell.derived.of.map((i) => f.cells[i]!.id)) }];
  });
}
