/** The report both host tests (Excel, WPS) run their scenarios on, and where its cells are. */
import type { Report } from '../../src/model';
import { getLayout } from '../../src/sheet/layout';
import { consistentReport, withCells } from './reports';

export const base = consistentReport('2021', Array.from({ length: 300 }, (_, i) => ((i * 7) % 5) + 1));

/** A county's report with a typed-over 三（七）总计, text in a number cell and a 规章 it cannot make. */
export const broken = withCells({ ...base, metadata: { ...base.metadata, agencyKind: 'county' } } as Report, {
  't3.resultTotal.natural': (base.tables.t3.resultTotal!.natural as number) + 1,
  // What the spreadsheet shows in J29: its formula, recalculated from the typed-over D29.
  't3.resultTotal.total': (base.tables.t3.resultTotal!.total as number) + 1,
  't2.license.decisions': '无',
  't2.rules.issued': 3,
});

export const layout = getLayout('2021');

/** A report cell's A1 address on its sheet (the 2021 template's). */
export const at = (id: string): string => {
  const p = layout.cells.get(id)!;
  return `${String.fromCharCode(64 + p.col)}${p.row}`;
};
