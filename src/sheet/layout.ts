/**
 * Where everything sits in the template workbook, derived from the format definition: sheets,
 * label cells, merged headers, the position of every report cell, the check cells and the defined
 * names. The template writer, the workbook reader, the Excel adapter and the table view all use it.
 * Rows and columns are 1-based, as in spreadsheets.
 */
import { getFormat, METADATA_FIELDS, SECTIONS, type CompiledFormat, type Equation, type FormatId, type MetadataFieldId, type RowDef, type SectionId, type TableId } from '../model/core';
import { a1, colLetter, quoteSheet } from './a1';

export { a1, colLetter, parseSheetAddress, quoteSheet } from './a1';

export type SheetId = 'cover' | TableId | 'text' | 'info';

export interface SheetInfo {
  readonly id: SheetId;
  readonly name: string;
  /** Column widths in characters, from column A. */
  readonly widths: readonly number[];
  /** Header rows to repeat on every printed page (1-based, inclusive). */
  readonly printTitleRows?: readonly [number, number];
  readonly hidden?: boolean;
  /** Protected (TEMPLATE_PROTECTION) so labels and formulas are not changed by a slip; 文字部分 is all input. */
  readonly protected?: boolean;
}

export type LabelRole = 'title' | 'note' | 'block' | 'header' | 'rowLabel' | 'checkLabel' | 'field' | 'heading';

export interface LabelCell {
  readonly sheet: SheetId;
  readonly row: number;
  readonly col: number;
  readonly text: string;
  readonly role: LabelRole;
  /** Merged area: number of rows and columns covered (1 when absent). */
  readonly rows?: number;
  readonly cols?: number;
  /** Set on a row label that is the row's own label (what the reader aligns rows by). */
  readonly rowId?: string;
  /** Indentation level of a row label (0 top-level). */
  readonly indent?: number;
}

export interface Placement {
  readonly sheet: SheetId;
  readonly row: number;
  readonly col: number;
}

/** A rectangle of report cells with a defined name; the reader finds tables by these. */
export interface Block {
  readonly name: string;
  readonly sheet: SheetId;
  readonly table: TableId;
  readonly top: number;
  readonly left: number;
  /** Rows in order, with the column holding each row's own label. */
  readonly rows: readonly { readonly id: string; readonly row: number; readonly labelCol: number; readonly label: string }[];
  readonly cols: readonly { readonly id: string; readonly col: number }[];
}

/** A cell that shows “✓” or the difference of one equation. */
export interface CheckCell extends Placement {
  readonly equation: Equation;
}

export interface Layout {
  readonly format: CompiledFormat;
  readonly sheets: readonly SheetInfo[];
  readonly labels: readonly LabelCell[];
  readonly cells: ReadonlyMap<string, Placement>;
  readonly blocks: readonly Block[];
  readonly checks: readonly CheckCell[];
  readonly meta: readonly (Placement & { readonly field: MetadataFieldId; readonly name: string })[];
  /** Each section's text box: its top-left cell, merged across `cols` columns. */
  readonly text: readonly (Placement & { readonly cols: number; readonly section: SectionId; readonly name: string })[];
  /** Hidden sheet cells recording the format id and the template version. */
  readonly info: {
    readonly format: Placement & { readonly name: string };
    readonly version: Placement & { readonly name: string };
    /** What kind of workbook it is: read and written by info-sheet.ts only. */
    readonly kind: Placement;
  };
}

/** Bumped whenever the template's layout changes. */
export const TEMPLATE_VERSION = '2';
export const NAME_PREFIX = 'XXGK_';
const TITLE = '政府信息公开工作年度报告';
const FORMAT_LABEL = '报告格式';

export function sheetName(id: SheetId): string {
  return SHEET_NAMES[id];
}

const SHEET_NAMES: Record<SheetId, string> = {
  cover: '基本信息',
  t2: '表二',
  t3: '表三',
  t4: '表四',
  text: '文字部分',
  info: '_xxgk',
};

/** sheet!A1 as users see it (表三!D12). */
export function sheetAddress(p: Placement): string {
  return `${sheetName(p.sheet)}!${a1(p.row, p.col)}`;
}

const cache = new Map<FormatId, Layout>();

/** A defined name of the template: its sheet and the rectangle it covers. */
export interface DefinedName extends Placement {
  readonly name: string;
  readonly rows: number;
  readonly cols: number;
}

/** Every defined name of the template, in the order the template defines them. */
export function definedNames(layout: Layout): DefinedName[] {
  const one = (p: Placement & { readonly name: string }): DefinedName => ({ name: p.name, sheet: p.sheet, row: p.row, col: p.col, rows: 1, cols: 1 });
  return [
    one(layout.info.format),
    one(layout.info.version),
    ...layout.meta.map(one),
    ...layout.text.map(one),
    ...layout.blocks.map((b) => ({
      name: b.name,
      sheet: b.sheet,
      row: b.top,
      col: b.left,
      rows: Math.max(...b.rows.map((r) => r.row)) - b.top + 1,
      cols: Math.max(...b.cols.map((c) => c.col)) - b.left + 1,
    })),
  ];
}

/** `表三!$D$6:$J$30`: where a defined name points, absolute, as Excel shows a name's value (without the `=`). */
export function nameReference(n: DefinedName): string {
  const abs = (row: number, col: number) => `$${colLetter(col)}$${row}`;
  const bottomRight = n.rows > 1 || n.cols > 1 ? `:${abs(n.row + n.rows - 1, n.col + n.cols - 1)}` : '';
  return `${quoteSheet(sheetName(n.sheet))}!${abs(n.row, n.col)}${bottomRight}`;
}

export function getLayout(format: FormatId): Layout {
  let l = cache.get(format);
  if (!l) cache.set(format, (l = buildLayout(getFormat(format))));
  return l;
}

/** What the sheet builders add to, in order. */
interface Sheets {
  readonly f: CompiledFormat;
  readonly labels: LabelCell[];
  readonly cells: Map<string, Placement>;
  readonly blocks: Block[];
  readonly checks: CheckCell[];
  readonly sheets: SheetInfo[];
}

const label = (l: Sheets, cell: LabelCell) => l.labels.push(cell);
const headingOf = (f: CompiledFormat, t: TableId) => f.tables.find((x) => x.id === t)!.title;
/** 表三's label for its row-total check column (总计检查), used again under 表四's groups. */
const rowCheckLabel = (f: CompiledFormat) => `${f.def.tables[1].columns.find((c) => c.sumOf)!.label}检查`;

/** 基本信息: a label and an input cell per field, and the format in words. */
function coverSheet(l: Sheets): Layout['meta'] {
  const { f } = l;
  label(l, { sheet: 'cover', row: 1, col: 1, text: TITLE, role: 'title', cols: 2 });
  const meta = METADATA_FIELDS.map((m, i) => {
    label(l, { sheet: 'cover', row: 3 + i, col: 1, text: m.label, role: 'field' });
    return { sheet: 'cover' as const, row: 3 + i, col: 2, field: m.id, name: `${NAME_PREFIX}META_${m.id.toUpperCase()}` };
  });
  label(l, { sheet: 'cover', row: 3 + METADATA_FIELDS.length, col: 1, text: FORMAT_LABEL, role: 'field' });
  label(l, { sheet: 'cover', row: 3 + METADATA_FIELDS.length, col: 2, text: `${f.id} 版（${f.def.notice}）`, role: 'note' });
  l.sheets.push({ id: 'cover', name: sheetName('cover'), widths: [22, 56], protected: true });
  return meta;
}

/** 表二: blocks one under another; column A holds the row labels. */
function table2Sheet(l: Sheets): void {
  const t2 = l.f.def.tables[0];
  const t2Width = 1 + Math.max(...t2.blocks.map((b) => b.columns.length));
  label(l, { sheet: 't2', row: 1, col: 1, text: headingOf(l.f, 't2'), role: 'title', cols: t2Width });
  let r = 2;
  for (const b of t2.blocks) {
    label(l, { sheet: 't2', row: r, col: 1, text: b.label, role: 'block', cols: t2Width });
    label(l, { sheet: 't2', row: r + 1, col: 1, text: t2.rowHeader, role: 'header' });
    b.columns.forEach((c, k) => label(l, { sheet: 't2', row: r + 1, col: 2 + k, text: c.label, role: 'header' }));
    const top = r + 2;
    b.rows.forEach((row, i) => {
      label(l, { sheet: 't2', row: top + i, col: 1, text: row.label, role: 'rowLabel', rowId: row.id, indent: 0 });
      b.columns.forEach((c, k) => l.cells.set(`t2.${row.id}.${c.id}`, { sheet: 't2', row: top + i, col: 2 + k }));
    });
    l.blocks.push({
      name: `${NAME_PREFIX}T2_${b.id.toUpperCase()}`,
      sheet: 't2',
      table: 't2',
      top,
      left: 2,
      rows: b.rows.map((row, i) => ({ id: row.id, row: top + i, labelCol: 1, label: row.label })),
      cols: b.columns.map((c, k) => ({ id: c.id, col: 2 + k })),
    });
    r = top + b.rows.length;
  }
  l.sheets.push({ id: 't2', name: sheetName('t2'), widths: [26, ...Array(t2Width - 1).fill(18)], protected: true });
}

/** 表三: three label columns (一 / （三） / 1.), the applicant columns, a check column and two check rows. */
function table3Sheet(l: Sheets): void {
  const { f } = l;
  const t3 = f.def.tables[1];
  const labelCols = 3;
  const first = labelCols + 1;
  const checkCol = first + t3.columns.length;
  label(l, { sheet: 't3', row: 1, col: 1, text: headingOf(f, 't3'), role: 'title', cols: checkCol });
  label(l, { sheet: 't3', row: 2, col: 1, text: t3.note, role: 'note', cols: checkCol });
  label(l, { sheet: 't3', row: 3, col: 1, text: '', role: 'header', rows: 3, cols: labelCols });
  label(l, { sheet: 't3', row: 3, col: first, text: t3.header, role: 'header', cols: t3.columns.length });
  t3.columns.forEach((c, k) => {
    const col = first + k;
    if (!c.group) label(l, { sheet: 't3', row: 4, col, text: c.label, role: 'header', rows: 2 });
    else {
      if (k === 0 || t3.columns[k - 1]!.group !== c.group) {
        const span = t3.columns.filter((x) => x.group === c.group).length;
        label(l, { sheet: 't3', row: 4, col, text: c.group, role: 'header', cols: span });
      }
      label(l, { sheet: 't3', row: 5, col, text: c.label, role: 'header' });
    }
  });
  label(l, { sheet: 't3', row: 3, col: checkCol, text: rowCheckLabel(f), role: 'header', rows: 3 });
  const t3Rows: Block['rows'][number][] = [];
  let row3 = 6;
  const place = (rows: readonly RowDef[], depth: number, prefix: string): void => {
    for (const def of rows) {
      const col = 1 + depth;
      if (!def.children) {
        const id = prefix ? `${prefix}.${def.id}` : def.id;
        label(l, { sheet: 't3', row: row3, col, text: def.label, role: 'rowLabel', cols: labelCols - depth, rowId: id, indent: depth });
        t3Rows.push({ id, row: row3, labelCol: col, label: def.label });
        t3.columns.forEach((c, k) => l.cells.set(`t3.${id}.${c.id}`, { sheet: 't3', row: row3, col: first + k }));
        row3++;
        continue;
      }
      const start = row3;
      place(def.children, depth + 1, def.heading ? prefix : prefix ? `${prefix}.${def.id}` : def.id);
      label(l, { sheet: 't3', row: start, col, text: def.label, role: 'rowLabel', rows: row3 - start, indent: depth });
    }
  };
  place(t3.rows, 0, '');
  l.blocks.push({ name: `${NAME_PREFIX}T3`, sheet: 't3', table: 't3', top: 6, left: first, rows: t3Rows, cols: t3.columns.map((c, k) => ({ id: c.id, col: first + k })) });
  // Check cells: row totals in the check column, column sums and the balance in rows below.
  const checkRows = { 'T3-RESULT-TOTAL': row3, 'T3-BALANCE': row3 + 1 } as const;
  const resultTotalRef = f.cells.find((c) => c.table === 't3' && c.derived?.rule === 'T3-RESULT-TOTAL')!.rowRef;
  label(l, { sheet: 't3', row: checkRows['T3-RESULT-TOTAL'], col: 1, text: `${resultTotalRef}检查`, role: 'checkLabel', cols: labelCols });
  label(l, { sheet: 't3', row: checkRows['T3-BALANCE'], col: 1, text: '勾稽关系检查', role: 'checkLabel', cols: labelCols });
  for (const eq of f.equations.filter((e) => e.table === 't3')) {
    const at = l.cells.get(f.cells[eq.lhs[0]!]!.id)!;
    if (eq.rule === 'T3-ROW-TOTAL') l.checks.push({ sheet: 't3', row: at.row, col: checkCol, equation: eq });
    else l.checks.push({ sheet: 't3', row: checkRows[eq.rule as keyof typeof checkRows], col: at.col, equation: eq });
  }
  l.sheets.push({ id: 't3', name: sheetName('t3'), widths: [16, 16, 40, ...Array(t3.columns.length).fill(10), 12], printTitleRows: [3, 5], protected: true });
}

/** 表四: groups side by side; a parent (行政诉讼) spans its groups; a check row under the data. */
function table4Sheet(l: Sheets): void {
  const { f } = l;
  const t4 = f.def.tables[2];
  const n4 = t4.columns.length;
  const width4 = t4.groups.length * n4;
  label(l, { sheet: 't4', row: 1, col: 1, text: headingOf(f, 't4'), role: 'title', cols: width4 });
  const dataRow = 5;
  const t4Rows: Block['rows'][number][] = [];
  t4.groups.forEach((g, gi) => {
    const left = 1 + gi * n4;
    if (g.parent) {
      if (gi === 0 || t4.groups[gi - 1]!.parent !== g.parent) {
        const span = t4.groups.filter((x) => x.parent === g.parent).length * n4;
        label(l, { sheet: 't4', row: 2, col: left, text: g.parent, role: 'header', cols: span });
      }
      label(l, { sheet: 't4', row: 3, col: left, text: g.label, role: 'header', cols: n4, rowId: g.id });
      t4.columns.forEach((c, k) => label(l, { sheet: 't4', row: 4, col: left + k, text: c.label, role: 'header' }));
    } else {
      label(l, { sheet: 't4', row: 2, col: left, text: g.label, role: 'header', cols: n4, rowId: g.id });
      t4.columns.forEach((c, k) => label(l, { sheet: 't4', row: 3, col: left + k, text: c.label, role: 'header', rows: 2 }));
    }
    t4.columns.forEach((c, k) => l.cells.set(`t4.${g.id}.${c.id}`, { sheet: 't4', row: dataRow, col: left + k }));
    t4Rows.push({ id: g.id, row: dataRow, labelCol: left, label: g.label });
    label(l, { sheet: 't4', row: dataRow + 1, col: left, text: `${g.label}${rowCheckLabel(f)}`, role: 'checkLabel', cols: n4 - 1 });
  });
  l.blocks.push({
    name: `${NAME_PREFIX}T4`,
    sheet: 't4',
    table: 't4',
    top: dataRow,
    left: 1,
    rows: t4Rows,
    cols: t4.groups.flatMap((g, gi) => t4.columns.map((c, k) => ({ id: `${g.id}.${c.id}`, col: 1 + gi * n4 + k }))),
  });
  for (const eq of f.equations.filter((e) => e.table === 't4')) {
    const at = l.cells.get(f.cells[eq.lhs[0]!]!.id)!;
    l.checks.push({ sheet: 't4', row: dataRow + 1, col: at.col, equation: eq });
  }
  l.sheets.push({ id: 't4', name: sheetName('t4'), widths: Array(width4).fill(10), printTitleRows: [2, 4], protected: true });
}

/**
 * 文字部分: a heading row and a text row per section, each across two columns. One column would do
 * on screen, but LibreOffice never scales a single column to the page's width (one column is one
 * page across, however wide): where its width prints wider than the page — fonts differ between
 * machines — the text ran off both edges. Two columns make it shrink to fit, as Excel and WPS do.
 */
function textSheet(l: Sheets): Layout['text'] {
  const cols = TEXT_WIDTHS.length;
  label(l, { sheet: 'text', row: 1, col: 1, text: sheetName('text'), role: 'title', cols });
  const text = SECTIONS.map((s, i) => {
    label(l, { sheet: 'text', row: 2 + 2 * i, col: 1, text: s.heading, role: 'heading', cols });
    return { sheet: 'text' as const, row: 3 + 2 * i, col: 1, cols, section: s.id, name: `${NAME_PREFIX}TEXT_${s.id.toUpperCase()}` };
  });
  l.sheets.push({ id: 'text', name: sheetName('text'), widths: [...TEXT_WIDTHS] });
  return text;
}

/** The 文字部分 columns: as wide as A4's printable width at 100 % in Excel (Calibri 11), as two. */
const TEXT_WIDTHS = [48, 48] as const;

/** The hidden sheet: the format marker, the template version, what kind of workbook it is. */
function infoSheet(l: Sheets): Layout['info'] {
  l.sheets.push({ id: 'info', name: sheetName('info'), widths: [20, 20], hidden: true });
  label(l, { sheet: 'info', row: 1, col: 1, text: 'format', role: 'field' });
  label(l, { sheet: 'info', row: 2, col: 1, text: 'templateVersion', role: 'field' });
  return {
    format: { sheet: 'info' as const, row: 1, col: 2, name: `${NAME_PREFIX}FORMAT` },
    version: { sheet: 'info' as const, row: 2, col: 2, name: `${NAME_PREFIX}TEMPLATE_VERSION` },
    kind: { sheet: 'info' as const, row: 3, col: 2 },
  };
}

function buildLayout(f: CompiledFormat): Layout {
  const l: Sheets = { f, labels: [], cells: new Map(), blocks: [], checks: [], sheets: [] };
  const meta = coverSheet(l);
  table2Sheet(l);
  table3Sheet(l);
  table4Sheet(l);
  const text = textSheet(l);
  const info = infoSheet(l);
  return { format: f, sheets: l.sheets, labels: l.labels, cells: l.cells, blocks: l.blocks, checks: l.checks, meta, text, info };
}
