import { getFormat } from './formats';
import { sumFormula } from './formulas';
import { getLayout } from './layout';
import type { CellValue, Report } from './schema/report';
import { viewOf } from './view';
import { rawValue } from './view';

/** Every derived cell (row totals, 三（七）总计, 表四 总计) computed from the cells it sums; blanks and text count as 0. */
export function computeTotals(report: Report): Map<string, number> {
  const { format, values } = viewOf(report);
  const v = values.slice();
  const out = new Map<string, number>();
  for (const i of format.derivedOrder) {
    const d = format.cells[i]!.derived!;
    let s = 0;
    for (const k of d.of) s += v[k]!;
    v[i] = s;
    out.set(format.cells[i]!.id, s);
  }
  return out;
}

export interface TotalChange {
  readonly cell: string;
  readonly current: unknown;
  readonly computed: number;
}

/** The derived cells whose content differs from the computed total, for a surface to show before filling. */
export function suggestTotals(report: Report): TotalChange[] {
  const changes: TotalChange[] = [];
  for (const [cell, computed] of computeTotals(report)) {
    const current = rawValue(report, cell);
    if (current !== computed) changes.push({ cell, current: current ?? null, computed });
  }
  return changes;
}

/** A copy of the report with every derived cell set to its computed total; the input is not changed. */
export function fillTotals(report: Report): Report {
  const format = getFormat(report.format);
  const tables = structuredCloneTables(report.tables);
  for (const [id, value] of computeTotals(report)) {
    const c = format.byId.get(id)!;
    const table = tables[c.table] as Record<string, Record<string, CellValue | undefined> | undefined>;
    table[c.row] = { ...(table[c.row] ?? {}), [c.col]: value };
  }
  return { ...report, tables } as Report;
}

function structuredCloneTables(t: Report['tables']): Report['tables'] {
  // Tables hold only JSON values: a JSON copy is exact.
  return JSON.parse(JSON.stringify(t)) as Report['tables'];
}

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
