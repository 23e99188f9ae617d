/** 填入合计 in a spreadsheet: which totals to write back, with the template's formula for each. */
import { getFormat, suggestTotals, type Report, type TotalChange } from '../model/core';
import { sumFormula } from './formulas';
import { getLayout } from './layout';

export interface TotalRepair extends TotalChange {
  /** sheet!A1 where the total was found. */
  readonly address: string;
  /** Table, row and column, as the clerk reads them. */
  readonly where: string;
  /** The template's formula for the total, without the leading `=`. */
  readonly formula: string;
}

/** 填入合计: the totals that differ from their formulas, with the formula to write back, where the cell was found. */
export function totalRepairs(report: Report, addresses: Readonly<Record<string, string>>): TotalRepair[] {
  const f = getFormat(report.format);
  const layout = getLayout(report.format);
  return suggestTotals(report).flatMap((s) => {
    const cell = f.byId.get(s.cell)!;
    const address = addresses[s.cell];
    if (!address || !cell.derived) return [];
    const where = `${f.tables.find((t) => t.id === cell.table)!.name} ${cell.rowTitle} · ${cell.colLabel}`;
    return [{ ...s, address, where, formula: sumFormula(layout, cell.derived.of.map((i) => f.cells[i]!.id)) }];
  });
}
