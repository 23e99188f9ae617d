/* global Excel */
/**
 * Builds the template's sheets through the basic Excel API, for hosts without
 * insertWorksheetsFromBase64 (before ExcelApi 1.13). Everything comes from the layout, as in the
 * ExcelJS template: labels, merged headers, formulas, tinted unlocked inputs, names, protection.
 * Merging, widths, locking, protection and hiding need ExcelApi 1.2, names 1.4, data validation
 * 1.8: each is done where the host has it, and what it lacks is said in Chinese.
 */
import { getFormat, type FormatId } from '../../model/core';
import { a1, colLetter, definedNames, getLayout, TEMPLATE_VERSION, type Placement } from '../../sheet/layout';
import { CHECK_COLORS, CHECK_FORMULA, CHECK_OFF_CONDITION, rangeList, sumFormula } from '../../sheet/formulas';
import type { Capabilities } from './capabilities';
import { TEMPLATE_FILLS, TEMPLATE_PROTECTION as STYLE_PROTECTION } from '../../sheet/template-style';

const INPUT_FILL = TEMPLATE_FILLS.input;
const TOTAL_FILL = TEMPLATE_FILLS.total;
/** Excel column widths are in points; a character of the default font is about 6 points wide. */
const POINTS_PER_CHAR = 6;

/** The template's protection (sheet/template-style.ts) in Excel's terms. */
export const TEMPLATE_PROTECTION: Excel.WorksheetProtectionOptions = {
  allowFormatColumns: STYLE_PROTECTION.formatColumns,
  allowFormatRows: STYLE_PROTECTION.formatRows,
  allowFormatCells: STYLE_PROTECTION.formatCells,
};

/** Queues building the sheets; returns what this Excel cannot do, as sentences for the user. */
export function queueBuildTemplate(context: Excel.RequestContext, formatId: FormatId, caps: Capabilities): string[] {
  const layout = getLayout(formatId);
  const format = getFormat(formatId);
  const sheets = new Map(
    layout.sheets.map((s) => {
      const ws = context.workbook.worksheets.add(s.name);
      if (caps.sheetSetup) s.widths.forEach((w, i) => (ws.getRange(`${colLetter(i + 1)}:${colLetter(i + 1)}`).format.columnWidth = w * POINTS_PER_CHAR));
      return [s.id, ws] as const;
    }),
  );
  const range = (p: Placement, rows = 1, cols = 1) =>
    sheets.get(p.sheet)!.getRange(rows === 1 && cols === 1 ? a1(p.row, p.col) : `${a1(p.row, p.col)}:${a1(p.row + rows - 1, p.col + cols - 1)}`);

  for (const l of layout.labels) {
    const area = range(l, l.rows ?? 1, l.cols ?? 1);
    if (caps.sheetSetup && ((l.rows ?? 1) > 1 || (l.cols ?? 1) > 1)) area.merge(false);
    range(l).values = [[l.text]];
    area.format.wrapText = true;
    area.format.verticalAlignment = 'Center';
    area.format.horizontalAlignment = l.role === 'rowLabel' || l.role === 'note' || l.role === 'heading' ? 'Left' : 'Center';
    if (l.role === 'title' || l.role === 'header' || l.role === 'block' || l.role === 'heading') area.format.font.bold = true;
  }
  for (const cell of format.cells) {
    const r = range(layout.cells.get(cell.id)!);
    if (cell.derived) {
      r.formulas = [[`=${sumFormula(layout, cell.derived.of.map((i) => format.cells[i]!.id))}`]];
      r.format.fill.color = TOTAL_FILL;
    } else {
      r.format.fill.color = INPUT_FILL;
      if (caps.sheetSetup) r.format.protection.locked = false;
      if (caps.dataValidation) {
        r.dataValidation.rule =
          cell.kind === 'amount'
            ? { decimal: { formula1: 0, operator: Excel.DataValidationOperator.greaterThanOrEqualTo } }
            : cell.kind === 'signedCount'
              ? { wholeNumber: { formula1: -1_000_000_000, formula2: 1_000_000_000, operator: Excel.DataValidationOperator.between } }
              : { wholeNumber: { formula1: 0, operator: Excel.DataValidationOperator.greaterThanOrEqualTo } };
      }
    }
  }
  for (const check of layout.checks) {
    const side = (cells: readonly number[]) => rangeList(layout, cells.map((i) => format.cells[i]!.id));
    const r = range(check);
    r.formulas = [[`=${CHECK_FORMULA(side(check.equation.lhs), side(check.equation.rhs))}`]];
    // As in the template file: “✓” green, “差 N” red by a conditional format (ExcelApi 1.6).
    r.format.font.color = CHECK_COLORS.ok;
    if (caps.marks) {
      const cf = r.conditionalFormats.add(Excel.ConditionalFormatType.custom);
      cf.custom.rule.formula = `=${CHECK_OFF_CONDITION(a1(check.row, check.col))}`;
      cf.custom.format.font.color = CHECK_COLORS.off;
    }
  }
  // Inputs: the cover fields, and the text boxes merged across their columns.
  for (const p of [...layout.meta, ...layout.text]) {
    const r = 'cols' in p ? range(p, 1, p.cols) : range(p);
    if ('cols' in p && caps.sheetSetup) r.merge(false);
    r.format.fill.color = INPUT_FILL;
    if (caps.sheetSetup) r.format.protection.locked = false;
  }
  range(layout.info.format).values = [[formatId]];
  range(layout.info.version).values = [[TEMPLATE_VERSION]];
  if (caps.editNames) for (const n of definedNames(layout)) context.workbook.names.add(n.name, range(n, n.rows, n.cols));
  if (caps.sheetSetup) {
    for (const s of layout.sheets) {
      const ws = sheets.get(s.id)!;
      if (s.hidden) ws.visibility = Excel.SheetVisibility.veryHidden;
      else if (s.protected) ws.protection.protect(TEMPLATE_PROTECTION);
    }
  }
  const lacks: string[] = [];
  if (!caps.sheetSetup) lacks.push('此版本的 Excel 不能合并单元格、设置列宽、锁定单元格或保护、隐藏工作表（需要 ExcelApi 1.2）：插入的模板没有这些设置，隐藏的工作表“_xxgk”可以看到，请不要改动它');
  if (!caps.editNames) lacks.push('此版本的 Excel 不能添加名称（需要 ExcelApi 1.4）：校验按工作表名称查找表格，请不要重命名年报工作表');
  if (!caps.dataValidation) lacks.push('此版本的 Excel 不能设置数据验证（需要 ExcelApi 1.8）：输入单元格不会拒绝文字，校验时会指出');
  return lacks;
}
