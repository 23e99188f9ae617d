import { getFormat } from './formats';
import type { Report } from './schema/report';
import type { ReportView } from './rules/types';
import { readCell } from './values';

/** Reads every cell of a report once into typed arrays; the rules work on these. */
export function viewOf(report: Report): ReportView {
  const format = getFormat(report.format);
  const n = format.cells.length;
  const values = new Float64Array(n);
  const states = new Uint8Array(n);
  const tables = report.tables as Record<string, Record<string, Record<string, unknown> | undefined> | undefined>;
  const paths = format.paths;
  let lastRow: Record<string, unknown> | undefined;
  let lastKey = '';
  for (let i = 0; i < n; i++) {
    const [t, r, c] = paths[i]!;
    const key = t + r;
    if (key !== lastKey) {
      lastRow = tables[t]?.[r];
      lastKey = key;
    }
    const v = lastRow?.[c];
    // Fast path: a plain number (state 0, CellState.Number) is the overwhelmingly common case.
    if (typeof v === 'number' && Number.isFinite(v)) {
      values[i] = v;
      continue;
    }
    const reading = readCell(v as Parameters<typeof readCell>[0]);
    values[i] = reading.value;
    states[i] = reading.state;
  }
  return {
    report,
    format,
    values,
    states,
    get(id: string): number {
      const c = format.byId.get(id);
      return c ? values[c.index]! : 0;
    },
  };
}

/** The raw value of a cell in the report, by cell id. */
export function rawValue(report: Report, id: string): unknown {
  const c = getFormat(report.format).byId.get(id);
  if (!c) return undefined;
  const tables = report.tables as Record<string, Record<string, Record<string, unknown> | undefined> | undefined>;
  return tables[c.table]?.[c.row]?.[c.col];
}
