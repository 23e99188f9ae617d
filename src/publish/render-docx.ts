/** The report as it is published, as a Word document (docx package): tables with borders, a Chinese font. */
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, VerticalMergeType, WidthType } from 'docx';
import { SECTIONS, type Report } from '../model/core';
import { tableGrid, type TableGrid } from '../sheet/table-grid';
import { reportTitle } from './render-html';

const FONT = '仿宋';
const HEADING_FONT = '黑体';
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };

const run = (text: string, options: { font?: string; size?: number; bold?: boolean } = {}) =>
  new TextRun({ text, font: { eastAsia: options.font ?? FONT, ascii: options.font ?? FONT, hAnsi: options.font ?? FONT }, size: options.size ?? 21, bold: options.bold ?? false });

/** Word merges vertically by marking the covered cells “continue”: the grid's row spans are expanded so. */
function table(grid: TableGrid): Table {
  const continues = new Map<string, number>(); // "row,col" → colSpan of the merged cell above
  const rows = grid.rows.map((row, r) => {
    const out: TableCell[] = [];
    let col = 0;
    const pushContinues = () => {
      while (continues.has(`${r},${col}`)) {
        const colSpan = continues.get(`${r},${col}`)!;
        out.push(new TableCell({ children: [new Paragraph('')], verticalMerge: VerticalMergeType.CONTINUE, columnSpan: colSpan, borders: BORDERS }));
        col += colSpan;
      }
    };
    for (const c of row) {
      pushContinues();
      for (let k = 1; k < c.rowSpan; k++) continues.set(`${r + k},${col}`, c.colSpan);
      out.push(
        new TableCell({
          children: [new Paragraph({ alignment: c.rowLabel ? AlignmentType.LEFT : AlignmentType.CENTER, children: [run(c.text, { size: 18 })] })],
          columnSpan: c.colSpan,
          ...(c.rowSpan > 1 ? { verticalMerge: VerticalMergeType.RESTART } : {}),
          verticalAlign: VerticalAlign.CENTER,
          borders: BORDERS,
        }),
      );
      col += c.colSpan;
    }
    pushContinues();
    return new TableRow({ children: out });
  });
  // A4 portrait text width is about 9,000 twips; columns keep the template's proportions.
  const total = grid.widths.reduce((a, b) => a + b, 0);
  const columnWidths = grid.widths.map((w) => Math.round((w / total) * 9000));
  return new Table({ rows, columnWidths, width: { size: 9000, type: WidthType.DXA } });
}

export function buildDocx(report: Report): Document {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, heading: HeadingLevel.TITLE, children: [run(reportTitle(report), { font: HEADING_FONT, size: 36 })] }),
  ];
  for (const s of SECTIONS) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(s.heading, { font: HEADING_FONT, size: 28 })] }));
    if ('table' in s) children.push(table(tableGrid(report, s.table)), new Paragraph(''));
    else for (const line of (report.narrative?.[s.id] ?? '').split(/\n+/).filter((l) => l.trim())) children.push(new Paragraph({ indent: { firstLine: 420 }, children: [run(line.trim(), { size: 24 })] }));
  }
  return new Document({
    creator: 'xxgk',
    title: reportTitle(report),
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 } } }, children }],
  });
}

export async function renderDocx(report: Report): Promise<Buffer> {
  return Packer.toBuffer(buildDocx(report));
}

/** The Word file as a Blob, for the task pane and the standalone page. */
export function renderDocxBlob(report: Report): Promise<Blob> {
  return Packer.toBlob(buildDocx(report));
}
