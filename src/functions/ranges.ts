/**
 * Turns the ranges a custom function receives into a report, cell by cell through the layout: the
 * same cells the workbook reader reads, the same values the rules judge.
 */
import { assembleReport, emptyTables, FORMAT_IDS, getFormat, METADATA_FIELDS, type CellValue, type FormatId, type Metadata, type Report } from '../model/core';
import { getLayout, type Layout } from '../sheet/layout';
import { hostCell, metadataValue } from '../sheet/reader';

export type Matrix = readonly (readonly unknown[])[];

/** A bad argument: the message is shown with #VALUE! in Excel. */
export class ShapeError extends Error {}

/** The rectangle of a table's value cells in the template (1-based, inclusive). */
export function tableArea(layout: Layout, table: 't2' | 't3' | 't4'): { top: number; left: number; rows: number; cols: number } {
  const cells = [...layout.cells].filter(([id]) => id.startsWith(`${table}.`)).map(([, p]) => p);
  const top = Math.min(...cells.map((p) => p.row));
  const left = Math.min(...cells.map((p) => p.col));
  return { top, left, rows: Math.max(...cells.map((p) => p.row)) - top + 1, cols: Math.max(...cells.map((p) => p.col)) - left + 1 };
}

function dims(m: Matrix): [number, number] {
  return [m.length, m[0]?.length ?? 0];
}

/** A value from a range as the model takes it: blank "" or null → blank, errors and text kept. */
export function cellValue(v: unknown): CellValue {
  return hostCell(v).value;
}

/** The format whose 表三 has this many rows. */
export function formatOfTable3(t3: Matrix): FormatId {
  const [rows, cols] = dims(t3);
  for (const f of FORMAT_IDS) {
    const a = tableArea(getLayout(f), 't3');
    if (rows === a.rows && cols === a.cols) return f;
  }
  const shapes = FORMAT_IDS.map((f) => {
    const a = tableArea(getLayout(f), 't3');
    return `${a.rows} 行 × ${a.cols} 列（${f} 版）`;
  });
  throw new ShapeError(`表三的区域应为 ${shapes.join('或 ')}，收到 ${rows} 行 × ${cols} 列，请选择表三的全部数字单元格`);
}

/** Fills the cells of one table from its range. */
function fill(format: FormatId, table: 't2' | 't3' | 't4', m: Matrix, tables: Record<string, Record<string, Record<string, CellValue>>>, name: string): void {
  const layout = getLayout(format);
  const a = tableArea(layout, table);
  const [rows, cols] = dims(m);
  if (rows !== a.rows || cols !== a.cols) throw new ShapeError(`${name}的区域应为 ${a.rows} 行 × ${a.cols} 列（${format} 版），收到 ${rows} 行 × ${cols} 列`);
  for (const c of getFormat(format).cells) {
    if (c.table !== table) continue;
    const p = layout.cells.get(c.id)!;
    (tables[table]![c.row] ??= {})[c.col] = cellValue(m[p.row - a.top]![p.col - a.left]);
  }
}

/** A report from the three table ranges (and the cover range B3:B9, when given). */
export function reportFromRanges(t2: Matrix, t3: Matrix, t4: Matrix, info?: Matrix): Report {
  const format = formatOfTable3(t3);
  const tables = emptyTables();
  fill(format, 't2', t2, tables, '表二');
  fill(format, 't3', t3, tables, '表三');
  fill(format, 't4', t4, tables, '表四');
  return assembleReport(format, info ? metadataFrom(info) : { agencyName: '' }, tables);
}

function metadataFrom(info: Matrix): Metadata {
  const flat = info.flat();
  if (flat.length !== METADATA_FIELDS.length) throw new ShapeError(`基本信息的区域应为 ${METADATA_FIELDS.length} 个单元格（${METADATA_FIELDS.map((f) => f.label).join('、')}），收到 ${flat.length} 个`);
  const m: Record<string, unknown> = { agencyName: '' };
  METADATA_FIELDS.forEach((f, i) => {
    const v = flat[i];
    if (v === null || v === undefined || v === '') return;
    // The same reading as the workbook reader's cover sheet; an unreadable field is left out.
    const value = metadataValue(f.id, { text: String(v), value: typeof v === 'number' ? v : String(v) });
    if (value !== undefined) m[f.id] = value;
  });
  return m as Metadata;
}
