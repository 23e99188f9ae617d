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
  const put = (i: number, v: unknown): void => {
    if (typeof v === 'number') {
      values[i] = v;
      // Fast path: a whole number in range is valid for every cell kind; the cell rules skip it.
      if (v >= 0 && v <= PLAUSIBLE_MAX && Math.floor(v) === v) return;
      if (Number.isFinite(v)) {
        irregular.push(i);
        return;
      }
    }
    const reading = readCell(v as Parameters<typeof readCell>[0]);
    values[i] = reading.value;
    states[i] = reading.state;
    irregular.push(i);
  };
  for (const g of format.rowGroups) {
    const row = tables[g.table]?.[g.row];
    const cols = g.cols;
    // Rows almost always hold their columns in the format's order: walking the keys (for…in uses
    // V8's enum cache) is faster than looking each column up. Anything else is read by name.
    let k = 0;
    const mark = irregular.length;
    if (row) {
      for (const key in row) {
        if (key !== cols[k]) {
          k = -1;
          break;
        }
        put(g.first + k, row[key]);
        k++;
      }
    }
    if (k === cols.length) continue;
    // Start the row again by name, forgetting what the walk noted.
    irregular.length = mark;
    for (let j = 0; j < cols.length; j++) {
      states[g.first + j] = 0;
      put(g.first + j, row?.[cols[j]!]);
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
