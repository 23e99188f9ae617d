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
  readonly text: readonly (Placement & { readonly section: SectionId; readonly name: string })[];
  /** Hidden sheet cells recording the format id and the template version. */
  readonly info: {
    readonly format: Placement & { readonly name: string };
    readonly version: Placement & { readonly name: string };
    /** Blank in a unit's report; AGGREGATE_MARK in a workbook written by 汇总, so it is never summed as a unit. */
    readonly kind: Placement;
  };
}

/** Bumped whenever the template's layout changes. */
export const TEMPLATE_VERSION = '1';
export const NAME_PREFIX = 'XXGK_';
/** What the hidden sheet says in a workbook that is a 汇总 of several units. */
export const AGGREGATE_MARK = '汇总';
/** What the hidden sheet says in a workbook written from an imported published report: its totals are the printed ones. */
export const IMPORT_MARK = '导入';
/** Where the hidden sheet keeps a report's reading issues (FORM-*), as JSON in chunks: column, first row, rows. */
export const READING_STORE = { col: 3, row: 10, rows: 30, chunk: 30_000 } as const;
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

function buildLayout(f: CompiledFormat): Layout {
  const labels: LabelCell[] = [];
  const cells = new Map<string, Placement>();
  const blocks: Block[] = [];
  const checks: CheckCell[] = [];
  const label = (l: LabelCell) => labels.push(l);
  const heading = (t: TableId) => f.tables.find((x) => x.id === t)!.title;
  const [t2, t3, t4] = f.def.tables;
  const sheets: SheetInfo[] = [];

  // 基本信息
  label({ sheet: 'cover', row: 1, col: 1, text: TITLE, role: 'title', cols: 2 });
  const meta = METADATA_FIELDS.map((m, i) => {
    label({ sheet: 'cover', row: 3 + i, col: 1, text: m.label, role: 'field' });
    return { sheet: 'cover' as const, row: 3 + i, col: 2, field: m.id, name: `${NAME_PREFIX}META_${m.id.toUpperCase()}` };
  });
  label({ sheet: 'cover', row: 3 + METADATA_FIELDS.length, col: 1, text: FORMAT_LABEL, role: 'field' });
  label({ sheet: 'cover', row: 3 + METADATA_FIELDS.length, col: 2, text: `${f.id} 版（${f.def.notice}）`, role: 'note' });
  sheets.push({ id: 'cover', name: sheetName('cover'), widths: [22, 56] });

  // 表二: blocks one under another; column A holds the row labels.
  const t2Width = 1 + Math.max(...t2.blocks.map((b) => b.columns.length));
  label({ sheet: 't2', row: 1, col: 1, text: heading('t2'), role: 'title', cols: t2Width });
  let r = 2;
  for (const b of t2.blocks) {
    label({ sheet: 't2', row: r, col: 1, text: b.label, role: 'block', cols: t2Width });
    label({ sheet: 't2', row: r + 1, col: 1, text: t2.rowHeader, role: 'header' });
    b.columns.forEach((c, k) => label({ sheet: 't2', row: r + 1, col: 2 + k, text: c.label, role: 'header' }));
    const top = r + 2;
    b.rows.forEach((row, i) => {
      label({ sheet: 't2', row: top + i, col: 1, text: row.label, role: 'rowLabel', rowId: row.id, indent: 0 });
      b.columns.forEach((c, k) => cells.set(`t2.${row.id}.${c.id}`, { sheet: 't2', row: top + i, col: 2 + k }));
    });
    blocks.push({
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
  sheets.push({ id: 't2', name: sheetName('t2'), widths: [26, ...Array(t2Width - 1).fill(18)] });

  // 表三: three label columns (一 / （三） / 1.), the applicant columns, a check column.
  const labelCols = 3;
  const first = labelCols + 1;
  const checkCol = first + t3.columns.length;
  label({ sheet: 't3', row: 1, col: 1, text: heading('t3'), role: 'title', cols: checkCol });
  label({ sheet: 't3', row: 2, col: 1, text: t3.note, role: 'note', cols: checkCol });
  label({ sheet: 't3', row: 3, col: 1, text: '', role: 'header', rows: 3, cols: labelCols });
  label({ sheet: 't3', row: 3, col: first, text: t3.header, role: 'header', cols: t3.columns.length });
  t3.columns.forEach((c, k) => {
    const col = first + k;
    if (!c.group) label({ sheet: 't3', row: 4, col, text: c.label, role: 'header', rows: 2 });
    else {
      if (k === 0 || t3.columns[k - 1]!.group !== c.group) {
        const span = t3.columns.filter((x) => x.group === c.group).length;
        label({ sheet: 't3', row: 4, col, text: c.group, role: 'header', cols: span });
      }
      label({ sheet: 't3', row: 5, col, text: c.label, role: 'header' });
    }
  });
  const rowCheckLabel = `${t3.columns.find((c) => c.sumOf)!.label}检查`;
  label({ sheet: 't3', row: 3, col: checkCol, text: rowCheckLabel, role: 'header', rows: 3 });
  const t3Rows: Block['rows'][number][] = [];
  let row3 = 6;
  const place = (rows: readonly RowDef[], depth: number, prefix: string): void => {
    for (const def of rows) {
      const col = 1 + depth;
      if (!def.children) {
        const id = prefix ? `${prefix}.${def.id}` : def.id;
        label({ sheet: 't3', row: row3, col, text: def.label, role: 'rowLabel', cols: labelCols - depth, rowId: id, indent: depth });
        t3Rows.push({ id, row: row3, labelCol: col, label: def.label });
        t3.columns.forEach((c, k) => cells.set(`t3.${id}.${c.id}`, { sheet: 't3', row: row3, col: first + k }));
        row3++;
        continue;
      }
      const start = row3;
      place(def.children, depth + 1, def.heading ? prefix : prefix ? `${prefix}.${def.id}` : def.id);
      label({ sheet: 't3', row: start, col, text: def.label, role: 'rowLabel', rows: row3 - start, indent: depth });
    }
  };
  place(t3.rows, 0, '');
  blocks.push({
    name: `${NAME_PREFIX}T3`,
    sheet: 't3',
    table: 't3',
    top: 6,
    left: first,
    rows: t3Rows,
    cols: t3.columns.map((c, k) => ({ id: c.id, col: first + k })),
  });
  // Check cells: row totals in the check column, column sums and the balance in rows below.
  const checkRows = { 'T3-RESULT-TOTAL': row3, 'T3-BALANCE': row3 + 1 } as const;
  const resultTotalRef = f.cells.find((c) => c.table === 't3' && c.derived?.rule === 'T3-RESULT-TOTAL')!.rowRef;
  label({ sheet: 't3', row: checkRows['T3-RESULT-TOTAL'], col: 1, text: `${resultTotalRef}检查`, role: 'checkLabel', cols: labelCols });
  label({ sheet: 't3', row: checkRows['T3-BALANCE'], col: 1, text: '勾稽关系检查', role: 'checkLabel', cols: labelCols });
  for (const eq of f.equations.filter((e) => e.table === 't3')) {
    const at = cells.get(f.cells[eq.lhs[0]!]!.id)!;
    if (eq.rule === 'T3-ROW-TOTAL') checks.push({ sheet: 't3', row: at.row, col: checkCol, equation: eq });
    else checks.push({ sheet: 't3', row: checkRows[eq.rule as keyof typeof checkRows], col: at.col, equation: eq });
  }
  sheets.push({ id: 't3', name: sheetName('t3'), widths: [16, 16, 40, ...Array(t3.columns.length).fill(10), 12], printTitleRows: [3, 5] });

  // 表四: groups side by side; a parent (行政诉讼) spans its groups.
  const n4 = t4.columns.length;
  const width4 = t4.groups.length * n4;
  label({ sheet: 't4', row: 1, col: 1, text: heading('t4'), role: 'title', cols: width4 });
  const dataRow = 5;
  const t4Rows: Block['rows'][number][] = [];
  t4.groups.forEach((g, gi) => {
    const left = 1 + gi * n4;
    if (g.parent) {
      if (gi === 0 || t4.groups[gi - 1]!.parent !== g.parent) {
        const span = t4.groups.filter((x) => x.parent === g.parent).length * n4;
        label({ sheet: 't4', row: 2, col: left, text: g.parent, role: 'header', cols: span });
      }
      label({ sheet: 't4', row: 3, col: left, text: g.label, role: 'header', cols: n4, rowId: g.id });
      t4.columns.forEach((c, k) => label({ sheet: 't4', row: 4, col: left + k, text: c.label, role: 'header' }));
    } else {
      label({ sheet: 't4', row: 2, col: left, text: g.label, role: 'header', cols: n4, rowId: g.id });
      t4.columns.forEach((c, k) => label({ sheet: 't4', row: 3, col: left + k, text: c.label, role: 'header', rows: 2 }));
    }
    t4.columns.forEach((c, k) => cells.set(`t4.${g.id}.${c.id}`, { sheet: 't4', row: dataRow, col: left + k }));
    t4Rows.push({ id: g.id, row: dataRow, labelCol: left, label: g.label });
    label({ sheet: 't4', row: dataRow + 1, col: left, text: `${g.label}${rowCheckLabel}`, role: 'checkLabel', cols: n4 - 1 });
  });
  blocks.push({
    name: `${NAME_PREFIX}T4`,
    sheet: 't4',
    table: 't4',
    top: dataRow,
    left: 1,
    rows: t4Rows,
    cols: t4.groups.flatMap((g, gi) => t4.columns.map((c, k) => ({ id: `${g.id}.${c.id}`, col: 1 + gi * n4 + k }))),
  });
  for (const eq of f.equations.filter((e) => e.table === 't4')) {
    const at = cells.get(f.cells[eq.lhs[0]!]!.id)!;
    checks.push({ sheet: 't4', row: dataRow + 1, col: at.col, equation: eq });
  }
  sheets.push({ id: 't4', name: sheetName('t4'), widths: Array(width4).fill(10), printTitleRows: [2, 4] });

  // 文字部分: a heading row and a text row per section.
  label({ sheet: 'text', row: 1, col: 1, text: sheetName('text'), role: 'title' });
  const text = SECTIONS.map((s, i) => {
    label({ sheet: 'text', row: 2 + 2 * i, col: 1, text: s.heading, role: 'heading' });
    return { sheet: 'text' as const, row: 3 + 2 * i, col: 1, section: s.id, name: `${NAME_PREFIX}TEXT_${s.id.toUpperCase()}` };
  });
  sheets.push({ id: 'text', name: sheetName('text'), widths: [110] });

  sheets.push({ id: 'info', name: sheetName('info'), widths: [20, 20], hidden: true });
  const info = {
    format: { sheet: 'info' as const, row: 1, col: 2, name: `${NAME_PREFIX}FORMAT` },
    version: { sheet: 'info' as const, row: 2, col: 2, name: `${NAME_PREFIX}TEMPLATE_VERSION` },
    kind: { sheet: 'info' as const, row: 3, col: 2 },
  };
  label({ sheet: 'info', row: 1, col: 1, text: 'format', role: 'field' });
  label({ sheet: 'info', row: 2, col: 1, text: 'templateVersion', role: 'field' });

  return { format: f, sheets, labels, cells, blocks, checks, meta, text, info };
}
