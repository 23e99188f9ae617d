/**
 * The report as an agency publishes it, as a Word document laid out after GB/T 9704 (党政机关公文格式):
 * A4 with the standard margins, title in 小标宋 二号, text in 仿宋 三号 on a fixed 28-point line,
 * headings in 黑体 三号, all black; page numbers “— 1 —” at the foot. The text a clerk wrote under
 * each table's heading comes before the table.
 */
import { AlignmentType, BorderStyle, Document, Footer, Header, HeadingLevel, LineRuleType, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, VerticalMergeType, WidthType } from 'docx';
import { SECTIONS, type Report } from '../model/core';
import { tableGrid, type TableGrid } from '../sheet/table-grid';
import { reportTitle } from './render-html';

const FONT = '仿宋_GB2312';
const HEADING_FONT = '黑体';
const TITLE_FONT = '方正小标宋简体';
/**
 * What Word uses where the official fonts are not installed: the fonts every Chinese Windows has,
 * declared in the document's font table as each font's alternate name (w:altName), as Word reads it.
 */
const FALLBACKS: Readonly<Record<string, string>> = { [FONT]: '仿宋', [HEADING_FONT]: 'SimHei', [TITLE_FONT]: '宋体' };
/** Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt; table text 五号 10.5 pt. */
const SIZE = { title: 44, text: 32, folio: 28, table: 21 } as const;
/** GB/T 9704: 天头 37 mm, 订口 28 mm, text block 156 × 225 mm (1 mm = 56.7 twips). */
const MARGINS = { top: 2098, bottom: 1984, left: 1587, right: 1474 } as const;
const TEXT_WIDTH = 11906 - MARGINS.left - MARGINS.right;
/** A fixed 28-point line (22 lines a page). */
const LINE = { line: 560, lineRule: LineRuleType.EXACT } as const;
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };

const run = (text: string, options: { font?: string; size?: number; bold?: boolean; break?: number } = {}) =>
  new TextRun({ text, font: { eastAsia: options.font ?? FONT, ascii: options.font ?? FONT, hAnsi: options.font ?? FONT }, size: options.size ?? 21, bold: options.bold ?? false, ...(options.break ? { break: options.break } : {}) });

/** Word merges vertically by marking the covered cells “continue”: the grid's row spans are expanded so. */
function table(grid: TableGrid): Table {
  // The rows before the first row with a row label are the table's heading rows.
  const firstBody = grid.rows.findIndex((row) => row.some((c) => c.rowLabel));
  const headingRows = firstBody < 0 ? 0 : firstBody;
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
          children: [new Paragraph({ alignment: c.rowLabel ? AlignmentType.LEFT : AlignmentType.CENTER, children: [run(c.text, { size: SIZE.table })] })],
          columnSpan: c.colSpan,
          ...(c.rowSpan > 1 ? { verticalMerge: VerticalMergeType.RESTART } : {}),
          verticalAlign: VerticalAlign.CENTER,
          borders: BORDERS,
        }),
      );
      col += c.colSpan;
    }
    pushContinues();
    // The heading rows repeat on every page the table runs onto; no row splits across a page break.
    const heading = r < headingRows;
    return new TableRow({ children: out, cantSplit: true, ...(heading ? { tableHeader: true } : {}) });
  });
  // The text block's width; columns keep the template's proportions.
  const total = grid.widths.reduce((a, b) => a + b, 0);
  const columnWidths = grid.widths.map((w) => Math.round((w / total) * TEXT_WIDTH));
  return new Table({ rows, columnWidths, width: { size: TEXT_WIDTH, type: WidthType.DXA } });
}

const paragraphs = (text: string | undefined): Paragraph[] =>
  (text ?? '')
    .split(/\n+/)
    .filter((l) => l.trim())
    .map((line) => new Paragraph({ indent: { firstLine: 640 }, spacing: LINE, alignment: AlignmentType.JUSTIFIED, children: [run(line.trim(), { size: SIZE.text })] }));

/** Headings keep Word's outline (navigation pane) but not its blue heading style: black, as published. */
const styles = {
  default: {
    title: { run: { color: '000000', size: SIZE.title, font: TITLE_FONT } },
    heading1: { run: { color: '000000', size: SIZE.text, bold: false, font: HEADING_FONT }, paragraph: { spacing: LINE, keepNext: true, keepLines: true } },
    document: { run: { color: '000000', font: FONT, size: SIZE.text } },
  },
};

/** The title as agencies print it: the body's name on the first line, 「YYYY年政府信息公开工作年度报告」 on the next — never broken inside a word. */
function titleRuns(report: Report): TextRun[] {
  const name = report.metadata.agencyName.trim();
  const rest = `${report.metadata.year ?? ''}年政府信息公开工作年度报告`;
  return name ? [run(name, { font: TITLE_FONT, size: SIZE.title }), run(rest, { font: TITLE_FONT, size: SIZE.title, break: 1 })] : [run(rest, { font: TITLE_FONT, size: SIZE.title })];
}

export interface DocxOptions {
  /** The report still has errors: every page's header says 草稿 with the count. */
  readonly draft?: { readonly errors: number };
}

export function buildDocx(report: Report, options: DocxOptions = {}): Document {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, heading: HeadingLevel.TITLE, spacing: { line: 700, lineRule: LineRuleType.AT_LEAST }, children: titleRuns(report) }),
    new Paragraph({ spacing: LINE, children: [] }),
  ];
  for (const s of SECTIONS) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, indent: { firstLine: 640 }, children: [run(s.heading, { font: HEADING_FONT, size: SIZE.text })] }));
    // The text written under the heading comes first, tables' sections included.
    children.push(...paragraphs(report.narrative?.[s.id]));
    if ('table' in s) children.push(table(tableGrid(report, s.table)), new Paragraph({ spacing: LINE, children: [] }));
  }
  const folio = new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run('— ', { size: SIZE.folio, font: '宋体' }), new TextRun({ children: [PageNumber.CURRENT], size: SIZE.folio, font: '宋体' }), run(' —', { size: SIZE.folio, font: '宋体' })] })],
  });
  const draft = options.draft
    ? { headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(`草稿：校验仍有 ${options.draft.errors} 个错误，未经改正，请勿发布`, { size: SIZE.folio, bold: true })] })] }) } }
    : {};
  return new Document({
    creator: 'xxgk',
    title: reportTitle(report),
    styles,
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: MARGINS } }, footers: { default: folio }, ...draft, children }],
  });
}

/** Word's font table with each official font's alternate (w:altName), so Word substitutes a like font. */
async function withFallbacks(docx: Uint8Array): Promise<Uint8Array> {
  const { unzipSync, zipSync, strFromU8, strToU8 } = await import('fflate');
  const files = unzipSync(docx);
  const name = 'word/fontTable.xml';
  const xml = files[name] ? strFromU8(files[name]) : '';
  if (!xml) return docx;
  const entries = Object.entries(FALLBACKS)
    .filter(([font]) => !xml.includes(`w:name="${font}"`))
    .map(([font, alt]) => `<w:font w:name="${font}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="auto"/></w:font>`)
    .join('');
  // The table may be written empty (`<w:fonts …/>`) or with fonts of its own.
  files[name] = strToU8(/<w:fonts([^>]*?)\/>/.test(xml) ? xml.replace(/<w:fonts([^>]*?)\/>/, `<w:fonts$1>${entries}</w:fonts>`) : xml.replace('</w:fonts>', `${entries}</w:fonts>`));
  return zipSync(files);
}

export async function renderDocx(report: Report, options: DocxOptions = {}): Promise<Buffer> {
  return Buffer.from(await withFallbacks(new Uint8Array(await Packer.toBuffer(buildDocx(report, options)))));
}

/** The Word file as a Blob, for the task pane and the standalone page. */
export async function renderDocxBlob(report: Report, options: DocxOptions = {}): Promise<Blob> {
  const bytes = await withFallbacks(new Uint8Array(await (await Packer.toBlob(buildDocx(report, options))).arrayBuffer()));
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
}
