/* global Excel */
/**
 * Builds the template's sheets through the basic Excel API, for hosts without
 * insertWorksheetsFromBase64 (before ExcelApi 1.13). Everything comes from the layout, as in the
 * ExcelJS template: labels, merged headers, formulas, tinted unlocked inputs, names, protection.
 * Data validation needs ExcelApi 1.8 and is added where available.
 */
import { getFormat, type FormatId } from '../model';
import { a1, colLetter, getLayout, TEMPLATE_VERSION, type Placement } from '../model/layout';
import { CHECK_FORMULA, rangeList, sumFormula } from '../workbook/formulas';

const INPUT_FILL = '#FFF8E1';
const TOTAL_FILL = '#EFEFEF';
/** Excel column widths are in points; a character of the default font is about 6 points wide. */
const POINTS_PER_CHAR = 6;

export function queueBuildTemplate(context: Excel.RequestContext, formatId: FormatId, options: { names: boolean; dataValidation: boolean }): void {
  const layout = getLayout(formatId);
  const format = getFormat(formatId);
  const sheets = new Map(
    layout.sheets.map((s) => {
      const ws = context.workbook.worksheets.add(s.name);
      s.widths.forEach((w, i) => (ws.getRange(`${colLetter(i + 1)}:${colLetter(i + 1)}`).format.columnWidth = w * POINTS_PER_CHAR));
      return [s.id, ws] as const;
    }),
  );
  const range = (p: Placement, rows = 1, cols = 1) =>
    sheets.get(p.sheet)!.getRange(rows === 1 && cols === 1 ? a1(p.row, p.col) : `${a1(p.row, p.col)}:${a1(p.row + rows - 1, p.col + cols - 1)}`);

  for (const l of layout.labels) {
    const area = range(l, l.rows ?? 1, l.cols ?? 1);
    if ((l.rows ?? 1) > 1 || (l.cols ?? 1) > 1) area.merge(false);
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
      r.format.protection.locked = false;
      if (options.dataValidation) {
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
    range(check).formulas = [[`=${CHECK_FORMULA(side(check.equation.lhs), side(check.equation.rhs))}`]];
  }
  for (const p of [...layout.meta, ...layout.text]) {
    const r = range(p);
    r.format.fill.color = INPUT_FILL;
    r.format.protection.locked = false;
  }
  range(layout.info.format).values = [[formatId]];
  range(layout.info.version).values = [[TEMPLATE_VERSION]];
  if (options.names) {
    const add = (name: string, p: Placement, rows = 1, cols = 1) => context.workbook.names.add(name, range(p, rows, cols));
    add(layout.info.format.name, layout.info.format);
    add(layout.info.version.name, layout.info.version);
    for (const m of layout.meta) add(m.name, m);
    for (const t of layout.text) add(t.name, t);
    for (const b of layout.blocks) {
      const rows = Math.max(...b.rows.map((r) => r.row)) - b.top + 1;
      const cols = Math.max(...b.cols.map((c) => c.col)) - b.left + 1;
      add(b.name, { sheet: b.sheet, row: b.top, col: b.left }, rows, cols);
    }
  }
  for (const s of layout.sheets) {
    const ws = sheets.get(s.id)!;
    if (s.hidden) ws.visibility = Excel.SheetVisibility.veryHidden;
    else if (s.id !== 'text') ws.protection.protect();
  }
}
