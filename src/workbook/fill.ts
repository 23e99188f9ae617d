/** A template filled with a report's content: derived cells keep their formulas, with results cached. */
import type ExcelJS from 'exceljs';
import { AGENCY_KINDS, getFormat, rawValue, type CellValue, type Report } from '../model/core';
import { shownCells, type Shown } from '../sheet/shown';
import { getLayout, sheetName, type Placement } from '../sheet/layout';
import { AGGREGATE_MARK, IMPORT_MARK, infoCells } from '../sheet/info-sheet';
import { buildTemplate, layoutTextSheet } from './template';

function toExcel(v: CellValue | undefined): ExcelJS.CellValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'object') return { error: v.error } as ExcelJS.CellErrorValue;
  return v;
}

export interface FillOptions {
  /**
   * The report was read from a published text: totals are written as the values printed (blank
   * where the text has none), never as formulas that would put numbers of their own in their place.
   */
  readonly imported?: boolean;
  /** A 汇总 of several units: marked so that a later 汇总 over the same folder does not count it as a unit. */
  readonly aggregate?: boolean;
}

export function fillTemplate(report: Report, options: FillOptions = {}): ExcelJS.Workbook {
  const wb = buildTemplate(report.format);
  const layout = getLayout(report.format);
  const f = getFormat(report.format);
  const at = (p: Placement) => wb.getWorksheet(layout.sheets.find((s) => s.id === p.sheet)!.name)!.getCell(p.row, p.col);
  for (const c of f.cells) {
    if (!c.derived || options.imported) at(layout.cells.get(c.id)!).value = toExcel(rawValue(report, c.id) as CellValue | undefined);
  }
  // A total keeps its formula unless the report's value differs from what the formula shows (typed over: kept as the user had it).
  const same = (v: CellValue | undefined, r: Shown) => v === undefined || (typeof r === 'number' ? v === r : typeof v === 'object' && v !== null && v.error === r.error);
  const view = shownCells(report, (i, result) => !options.imported && same(rawValue(report, f.cells[i]!.id) as CellValue | undefined, result));
  if (!options.imported) {
    for (const i of f.derivedOrder) {
      const c = f.cells[i]!;
      const cell = at(layout.cells.get(c.id)!);
      const result = view.results.get(i);
      const formula = (cell.value as ExcelJS.CellFormulaValue).formula;
      cell.value = result === undefined ? toExcel(rawValue(report, c.id) as CellValue | undefined) : ({ formula, result } as ExcelJS.CellFormulaValue);
    }
  }
  for (const check of layout.checks) {
    const cell = at(check);
    cell.value = { formula: (cell.value as ExcelJS.CellFormulaValue).formula, result: view.check(check.equation) } as ExcelJS.CellFormulaValue;
  }
  for (const m of layout.meta) {
    const v = report.metadata[m.field];
    if (v === undefined) continue;
    const cell = at(m);
    if (m.field === 'agencyKind') cell.value = AGENCY_KINDS.find((k) => k.id === v)!.label;
    else if (m.field === 'date') cell.value = new Date(`${v}T00:00:00Z`);
    else cell.value = v;
  }
  for (const t of layout.text) {
    const v = report.narrative?.[t.section];
    if (v) at(t).value = v;
  }
  // The boxes grow with their text, and the page breaks follow.
  if (report.narrative) layoutTextSheet(wb.getWorksheet(sheetName('text'))!, report.format, report.narrative);
  // Reading issues and 说明 travel with the workbook, so reading it later shows them again.
  const info = wb.getWorksheet(sheetName('info'))!;
  const mark = options.aggregate ? AGGREGATE_MARK : options.imported ? IMPORT_MARK : '';
  for (const c of infoCells({ mark, ...(report.reading ? { reading: report.reading } : {}), ...(report.explanations?.length ? { explanations: report.explanations } : {}) })) info.getCell(c.row, c.col).value = c.value;
  return wb;
}

export async function filledBuffer(report: Report, options: FillOptions = {}): Promise<Buffer> {
  return Buffer.from(await fillTemplate(report, options).xlsx.writeBuffer());
}
