import { getFormat } from './formats';
import type { Report } from './schema/report';
import type { PreviousView, ReportView } from './rules/types';
import { PLAUSIBLE_MAX, readCell } from './values';

type RawTables = Record<string, Record<string, Record<string, unknown> | undefined> | undefined>;

/** Reads every cell of a report once into typed arrays; the rules work on these. */
export function viewOf(report: Report): ReportView {
  const format = getFormat(report.format);
  const n = format.cells.length;
  const values = new Float64Array(n);
  const states = new Uint8Array(n);
  const tables = report.tables as RawTables;
  const irregular: number[] = [];
  for (const g of format.rowGroups) {
    const row = tables[g.table]?.[g.row];
    const cols = g.cols;
    for (let k = 0, i = g.first; k < cols.length; k++, i++) {
      const v = row?.[cols[k]!];
      if (typeof v === 'number') {
        values[i] = v;
        // Fast path: a whole number in range is valid for every cell kind; the cell rules skip it.
        if (v >= 0 && v <= PLAUSIBLE_MAX && Math.floor(v) === v) continue;
        if (Number.isFinite(v)) {
          irregular.push(i);
          continue;
        }
      }
      const reading = readCell(v as Parameters<typeof readCell>[0]);
      values[i] = reading.value;
      states[i] = reading.state;
      irregular.push(i);
    }
  }
  return {
    report,
    format,
    values,
    states,
    irregular,
    get(id: string): number {
      const c = format.byId.get(id);
      return c ? values[c.index]! : 0;
    },
  };
}

/** Last year's report, read lazily: the cross-year rules look at a few dozen of its cells. */
export function lazyViewOf(report: Report): PreviousView {
  const format = getFormat(report.format);
  return {
    report,
    format,
    get(id: string): number {
      const c = format.byId.get(id);
      if (!c) return 0;
      const v = (report.tables as RawTables)[c.table]?.[c.row]?.[c.col];
      return typeof v === 'number' ? v : readCell(v as Parameters<typeof readCell>[0]).value;
    },
  };
}

/** The raw value of a cell in the report, by cell id. */
export function rawValue(report: Report, id: string): unknown {
  const c = getFormat(report.format).byId.get(id);
  if (!c) return undefined;
  return (report.tables as RawTables)[c.table]?.[c.row]?.[c.col];
}
