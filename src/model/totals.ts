import { getFormat } from './formats';
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
