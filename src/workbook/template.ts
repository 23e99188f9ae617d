/**
 * Builds the template workbook of a format with ExcelJS, entirely from the layout (which derives
 * from the format definition): labels, merged headers, input cells, total formulas, check cells,
 * data validation, defined names, protection and print setup.
 */
import ExcelJS from 'exceljs';
import { AGENCY_KINDS, getFormat, type CellDef, type FormatId } from '../model/core';
import { definedNames, getLayout, nameReference, TEMPLATE_VERSION, type Placement } from '../sheet/layout';
import { TEMPLATE_FILLS, TEMPLATE_FONT, TEMPLATE_PROTECTION } from '../sheet/template-style';
import { CHECK_COLORS, CHECK_FORMULA, CHECK_OFF_CONDITION, checkResult, rangeList, sumFormula } from '../sheet/formulas';

const FONT = TEMPLATE_FONT;
const solid = (hex: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${hex.slice(1)}` } });
const INPUT_FILL = solid(TEMPLATE_FILLS.input);
const TOTAL_FILL = solid(TEMPLATE_FILLS.total);
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
/** Fixed dates keep the generated file identical from one build to the next. */
const FIXED_DATE = new Date(Date.UTC(2026, 0, 1));

function validationFor(cell: CellDef): ExcelJS.DataValidation {
  const common = { allowBlank: true, showErrorMessage: true, showInputMessage: true, errorStyle: 'stop' as const };
  const unit = cell.unit ? `（单位：${cell.unit}）` : '';
  switch (cell.kind) {
    case 'signedCount':
      return {
        ...common,
        type: 'whole',
        operator: 'between',
        formulae: [-1_000_000_000, 1_000_000_000],
        promptTitle: cell.colLabel,
        prompt: '填整数，减少时填负数（如 -8），没有变化填 0',
        errorTitle: '请填整数',
        error: '这里应填整数，减少时填负数，没有变化填 0。',
      };
    case 'amount':
      return {
        ...common,
        type: 'decimal',
        operator: 'greaterThanOrEqual',
        formulae: [0],
        promptTitle: cell.colLabel,
        prompt: `填金额${unit}，可有小数，没有填 0`,
        errorTitle: '请填金额',
        error: `这里应填不小于 0 的金额${unit}，可有小数，没有填 0。`,
      };
    default:
      return {
        ...common,
        type: 'whole',
        operator: 'greaterThanOrEqual',
        formulae: [0],
        promptTitle: cell.colLabel,
        prompt: '填整数件数，没有填 0',
        errorTitle: '请填整数',
        error: '这里应填不小于 0 的整数，没有数据请填 0，不要填“无”“-”或文字。',
      };
  }
}

function style(cell: ExcelJS.Cell, options: { bold?: boolean; size?: number; wrap?: boolean; align?: 'left' | 'center' | 'right'; indent?: number; border?: boolean }): void {
  cell.font = { name: FONT, size: options.size ?? 11, bold: options.bold ?? false };
  cell.alignment = {
    vertical: 'middle',
    horizontal: options.align ?? 'center',
    wrapText: options.wrap ?? true,
    ...(options.indent ? { indent: options.indent } : {}),
  };
  if (options.border !== false) cell.border = THIN;
}

/** Lines a label or text needs in a cell `width` units wide (a CJK character is about two units). */
export function linesFor(text: string, width: number): number {
  const usable = Math.max(width - 2, 1);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(([...line].reduce((w, ch) => w + (ch.charCodeAt(0) > 0xff ? 2 : 1), 0) * 1.05) / usable)), 0);
}

/** Points per printed line of 11-point text, and Excel's highest row. */
const LINE_PT = 15;
const MAX_ROW_PT = 409;
/** A blank 文字部分 box: room for about eight lines. */
const TEXT_BOX_PT = 120;
const TEXT_HEADING_PT = 24;

/** The page: A4, margins in inches (about 1.5 cm), centred across. */
const MARGINS = { left: 0.6, right: 0.6, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };

/**
 * 文字部分 for print: each box as high as its text needs (up to Excel's highest row), and a page
 * break before a heading whose box would not fit below it, so no heading is parted from its box.
 */
export function layoutTextSheet(ws: ExcelJS.Worksheet, formatId: FormatId, texts: Partial<Record<string, string>> = {}): void {
  const layout = getLayout(formatId);
  const width = layout.sheets.find((s) => s.id === 'text')!.widths.reduce((a, b) => a + b, 0);
  // Printed width of the column in points (a width unit is about 5.25 pt) against A4's printable width: the fit-to-width scale.
  const scale = Math.min(1, (595 - 72 * (MARGINS.left + MARGINS.right)) / (width * 5.25 + 5));
  // The page's printable height in the sheet's points, with a margin for the engines' rounding.
  const page = ((842 - 72 * (MARGINS.top + MARGINS.bottom)) / scale) * 0.9;
  // Breaks laid out before (the blank template's) give way to these.
  (ws as unknown as { rowBreaks: unknown[] }).rowBreaks.length = 0;
  let used = ws.getRow(1).height ?? 28;
  for (const t of layout.text) {
    const text = texts[t.section] ?? '';
    const box = Math.min(MAX_ROW_PT, Math.max(TEXT_BOX_PT, linesFor(text, width) * LINE_PT + 8));
    const heading = ws.getRow(t.row - 1);
    heading.height = TEXT_HEADING_PT;
    ws.getRow(t.row).height = box;
    if (used + TEXT_HEADING_PT + box > page && used > 0) {
      // ExcelJS writes a break after the row it is added to: after the previous box.
      ws.getRow(t.row - 2).addPageBreak();
      used = 0;
    }
    used += TEXT_HEADING_PT + box;
  }
}

/** Builds the template workbook of a format. */
export function buildTemplate(formatId: FormatId): ExcelJS.Workbook {
  const layout = getLayout(formatId);
  const format = getFormat(formatId);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'xxgk';
  wb.lastModifiedBy = 'xxgk';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  wb.title = `政府信息公开工作年度报告（${formatId} 版格式）`;
  wb.calcProperties = { fullCalcOnLoad: true };

  const sheets = new Map(layout.sheets.map((s) => {
    const ws = wb.addWorksheet(s.name, {
      state: s.hidden ? 'veryHidden' : 'visible',
      // A4, every sheet one page wide (as tall as it needs), centred.
      pageSetup: { paperSize: 9, orientation: s.id === 't3' || s.id === 't4' ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: MARGINS, horizontalCentered: true },
      views: [{ showGridLines: s.id === 'info' }],
    });
    s.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    if (s.printTitleRows) ws.pageSetup.printTitlesRow = `${s.printTitleRows[0]}:${s.printTitleRows[1]}`;
    return [s.id, ws] as const;
  }));
  const at = (p: Placement) => sheets.get(p.sheet)!.getCell(p.row, p.col);

  for (const l of layout.labels) {
    const ws = sheets.get(l.sheet)!;
    if ((l.rows ?? 1) > 1 || (l.cols ?? 1) > 1) ws.mergeCells(l.row, l.col, l.row + (l.rows ?? 1) - 1, l.col + (l.cols ?? 1) - 1);
    const cell = ws.getCell(l.row, l.col);
    cell.value = l.text;
    switch (l.role) {
      case 'title':
        style(cell, { bold: true, size: 14, border: false });
        ws.getRow(l.row).height = 28;
        break;
      case 'note':
        style(cell, { size: 10, align: 'left', border: false });
        break;
      case 'heading':
        style(cell, { bold: true, align: 'left', border: false });
        break;
      case 'rowLabel':
        style(cell, { align: 'left', indent: l.indent ?? 0 });
        break;
      default:
        style(cell, { bold: l.role === 'block' || l.role === 'header', align: l.role === 'field' ? 'left' : 'center' });
    }
    // Wrapped labels get the height their lines need: spreadsheets do not grow a row on opening,
    // and a row too low prints its text over the row above (表二's 第二十条 headings and their headers).
    if (l.role !== 'title' && l.role !== 'note' && l.role !== 'heading' && (l.rows ?? 1) === 1) {
      const widths = layout.sheets.find((s) => s.id === l.sheet)!.widths;
      const width = widths.slice(l.col - 1, l.col - 1 + (l.cols ?? 1)).reduce((a, b) => a + b, 0);
      const need = Math.max(l.role === 'block' ? 20 : 18, linesFor(l.text, width) * LINE_PT + 4);
      ws.getRow(l.row).height = Math.max(ws.getRow(l.row).height ?? 0, need);
    }
    // Merged areas need the border on every cell to print as a grid.
    for (let r = l.row; r < l.row + (l.rows ?? 1); r++) {
      for (let c = l.col; c < l.col + (l.cols ?? 1); c++) if (l.role !== 'title' && l.role !== 'note' && l.role !== 'heading') ws.getCell(r, c).border = THIN;
    }
  }

  // Report cells: inputs unlocked and tinted, totals as formulas, locked and grey.
  for (const cell of format.cells) {
    const p = layout.cells.get(cell.id)!;
    const c = at(p);
    style(c, { align: 'right', wrap: false });
    c.numFmt = cell.kind === 'amount' ? '0.00' : '0';
    if (cell.derived) {
      // Cached results (a blank template sums to 0): readers that do not recalculate see what Excel shows.
      c.value = { formula: sumFormula(layout, cell.derived.of.map((i) => format.cells[i]!.id)), result: 0 } as ExcelJS.CellFormulaValue;
      c.fill = TOTAL_FILL;
      c.protection = { locked: true };
    } else {
      c.value = null;
      c.fill = INPUT_FILL;
      c.protection = { locked: false };
      c.dataValidation = validationFor(cell);
    }
  }
  for (const check of layout.checks) {
    const c = at(check);
    const sum = (cells: readonly number[]) => rangeList(layout, cells.map((i) => format.cells[i]!.id));
    c.value = { formula: CHECK_FORMULA(sum(check.equation.lhs), sum(check.equation.rhs)), result: checkResult(0) } as ExcelJS.CellFormulaValue;
    style(c, { align: 'center', wrap: false });
    // “✓” green; “差 N” red by a conditional format (works without the add-in, in print too).
    c.font = { name: FONT, size: 10, color: { argb: `FF${CHECK_COLORS.ok.slice(1)}` } };
    const a = c.address;
    sheets.get(check.sheet)!.addConditionalFormatting({
      ref: a,
      rules: [{ type: 'expression', priority: 1, formulae: [CHECK_OFF_CONDITION(a)], style: { font: { color: { argb: `FF${CHECK_COLORS.off.slice(1)}` }, bold: true } } }],
    });
  }

  // 基本信息 and 文字部分: unlocked inputs with prompts.
  for (const m of layout.meta) {
    const c = at(m);
    style(c, { align: 'left' });
    c.fill = INPUT_FILL;
    c.protection = { locked: false };
    if (m.field === 'agencyKind') {
      c.dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${AGENCY_KINDS.map((k) => k.label).join(',')}"`],
        showErrorMessage: true,
        errorTitle: '请从列表中选择',
        error: '机关类型请从下拉列表中选择。',
        showInputMessage: true,
        promptTitle: '机关类型',
        prompt: '从下拉列表中选择本机关的类型',
      };
    } else if (m.field === 'year') {
      const [from] = format.def.years;
      const to = format.def.years[1] ?? 2100;
      c.dataValidation = {
        type: 'whole',
        operator: 'between',
        allowBlank: true,
        formulae: [from, to],
        showErrorMessage: true,
        errorTitle: '年度',
        error: `本模板（${formatId} 版格式）用于 ${from}${format.def.years[1] ? `—${to}` : ' 年及以后'} 年度的报告。`,
        showInputMessage: true,
        promptTitle: '年度',
        prompt: `报告年度，四位数字，如 ${from}`,
      };
    }
    c.numFmt = m.field === 'date' ? 'yyyy-mm-dd' : m.field === 'year' ? '0' : '@';
  }
  for (const t of layout.text) {
    const ws = sheets.get(t.sheet)!;
    ws.mergeCells(t.row, t.col, t.row, t.col + t.cols - 1);
    // Every cell of the merged box: its border prints whole, and it stays unlocked.
    for (let k = 0; k < t.cols; k++) {
      const c = ws.getCell(t.row, t.col + k);
      style(c, { align: 'left' });
      c.alignment = { vertical: 'top', horizontal: 'left', wrapText: true };
      c.fill = INPUT_FILL;
      c.protection = { locked: false };
    }
  }
  layoutTextSheet(sheets.get('text')!, formatId);

  // Identity of the workbook: the format and the template version, and a name for every block.
  at(layout.info.format).value = formatId;
  at(layout.info.version).value = TEMPLATE_VERSION;
  for (const n of definedNames(layout)) wb.definedNames.add(nameReference(n), n.name);

  for (const s of layout.sheets) {
    if (!s.protected) continue;
    const { selectLockedCells, selectUnlockedCells, formatColumns, formatRows, formatCells } = TEMPLATE_PROTECTION;
    void sheets.get(s.id)!.protect('', { selectLockedCells, selectUnlockedCells, formatColumns, formatRows, formatCells });
  }
  return wb;
}


export async function templateBuffer(formatId: FormatId): Promise<Buffer> {
  return Buffer.from(await buildTemplate(formatId).xlsx.writeBuffer());
}

