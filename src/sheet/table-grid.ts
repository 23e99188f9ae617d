/**
 * A table of the report as printed: rows of header and value cells with their merged areas, from
 * the layout. The standalone page, the HTML and the Word renderings all draw from this.
 */
import { getFormat, type Report, type TableId, rawValue } from '../model/core';
import { getLayout } from './layout';

export interface GridCellOut {
  readonly text: string;
  readonly header: boolean;
  /** A row label (left-aligned in print). */
  readonly rowLabel?: boolean;
  readonly rowSpan: number;
  readonly colSpan: number;
  /** The report cell shown here. */
  readonly cellId?: string;
  readonly total?: boolean;
}

export interface TableGrid {
  readonly title: string;
  /** Printed note above the table (表三's 勾稽关系). */
  readonly rows: readonly (readonly GridCellOut[])[];
  readonly columns: number;
  /** Relative column widths, as in the template workbook. */
  readonly widths: readonly number[];
}

/** Text of a cell value as published: numbers as they are, error values by their code. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'error' in (v as object)) return String((v as { error: unknown }).error);
  return String(v);
}

export function tableGrid(report: Report, table: TableId): TableGrid {
  const layout = getLayout(report.format);
  const f = getFormat(report.format);
  const cells = [...layout.cells].filter(([, p]) => p.sheet === table);
  // The workbook's own check column and rows are not part of the printed table.
  const right = Math.max(...cells.map(([, p]) => p.col));
  const labels = layout.labels.filter((l) => l.sheet === table && l.role !== 'checkLabel' && l.role !== 'title' && l.col <= right);
  const top = Math.min(...labels.map((l) => l.row), ...cells.map(([, p]) => p.row));
  const bottom = Math.max(...labels.map((l) => l.row + (l.rows ?? 1) - 1), ...cells.map(([, p]) => p.row));
  const covered = new Set<string>();
  const rows: GridCellOut[][] = [];
  for (let r = top; r <= bottom; r++) {
    const row: GridCellOut[] = [];
    for (let c = 1; c <= right; c++) {
      if (covered.has(`${r},${c}`)) continue;
      const label = labels.find((l) => l.row === r && l.col === c);
      const cell = cells.find(([, p]) => p.row === r && p.col === c);
      if (label) {
        const rowSpan = label.rows ?? 1;
        const colSpan = Math.min(label.cols ?? 1, right - c + 1);
        for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) covered.add(`${r + dr},${c + dc}`);
        row.push({ text: label.text, header: true, ...(label.role === 'rowLabel' ? { rowLabel: true } : {}), rowSpan, colSpan });
      } else if (cell) {
        const [id] = cell;
        row.push({ text: valueText(rawValue(report, id)), header: false, rowSpan: 1, colSpan: 1, cellId: id, ...(f.byId.get(id)!.derived ? { total: true } : {}) });
      } else row.push({ text: '', header: false, rowSpan: 1, colSpan: 1 });
    }
    // A block narrower than the table (表二 第（五）项 has one column) spans the rest, as printed.
    let spare = 0;
    while (row.length > 1 && !row[row.length - 1]!.header && !row[row.length - 1]!.cellId) {
      spare += row.pop()!.colSpan;
    }
    if (spare) row[row.length - 1] = { ...row[row.length - 1]!, colSpan: row[row.length - 1]!.colSpan + spare };
    rows.push(row);
  }
  const widths = layout.sheets.find((s) => s.id === table)!.widths.slice(0, right);
  return { title: f.tables.find((t) => t.id === table)!.title, rows, columns: right, widths };
}
