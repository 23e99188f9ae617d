/**
 * Reports assembled cell by cell — by the workbook reader, the published-report importer, 汇总 and
 * the custom functions — all go through here: the one place where tables built by cell id become
 * the typed tables of a format.
 */
import type { FormatId } from './formats';
import type { CellValue, Metadata, Narrative, Report } from './schema/report';

/** Tables as they are filled in: table → row → column → the cell as found. */
export type LooseTables = Record<string, Record<string, Record<string, CellValue>>>;

/** Empty tables of every format: 表二, 表三, 表四 without rows yet. */
export const emptyTables = (): LooseTables => ({ t2: {}, t3: {}, t4: {} });

export function assembleReport(format: FormatId, metadata: Metadata, tables: LooseTables, narrative?: Narrative): Report {
  // The cells come from the format's own cell list, so the shape is the format's: checked by the tests' schema round trips.
  return { format, metadata, tables, ...(narrative ? { narrative } : {}) } as unknown as Report;
}
