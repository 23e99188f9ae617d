/**
 * Workbooks the standalone page writes, loaded only when asked for (ExcelJS is large): the template
 * with the year and 机关名称 typed on the page, and a clerk's workbook written back with its total
 * formulas restored and its 说明 stored. The user's own file is never changed: a copy is offered.
 */
import ExcelJS from 'exceljs';
import { assembleReport, emptyTables, getFormat, type Explanation, type FormatId } from '../model/core';
import { infoCells } from '../sheet/info-sheet';
import { shownCells } from '../sheet/shown';
import type { Places } from '../sheet/places';
import { getLayout, sheetName } from '../sheet/layout';
import type { Report } from '../model/core';
import type { TotalRepair } from '../sheet/totals';
import { fillTemplate } from './fill';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 下载模板 from the page: the template of the year's format, the year and 机关名称 already in 基本信息. */
export async function personalTemplate(format: FormatId, year: number, agencyName: string): Promise<Blob> {
  const report = assembleReport(format, { agencyName: agencyName.trim(), year }, emptyTables());
  return new Blob([await fillTemplate(report).xlsx.writeBuffer()], { type: XLSX });
}

/**
 * 下载改正后的工作簿: the clerk's workbook with every total that was typed over given its formula
 * back, and the 说明 written on the page stored where the add-in keeps them (in a workbook not made
 * from the template, a very hidden sheet added for them). Formulas carry the results a spreadsheet
 * would show, at the places the reader found the cells, so viewers that do not recalculate show the
 * right totals.
 */
export async function correctedWorkbook(bytes: ArrayBuffer, report: Report, places: Places, repairs: readonly TotalRepair[], explanations: readonly Explanation[]): Promise<Blob> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const f = getFormat(report.format);
  const layout = getLayout(report.format);
  const fixed = new Map(repairs.map((r) => [r.cell, r]));
  const cellAt = (id: string) => {
    const p = places[id];
    return p && wb.getWorksheet(p.sheet)?.getCell(p.row, p.col);
  };
  const formulaOf = (cell: ExcelJS.Cell | undefined) => {
    const v = cell?.value as ExcelJS.CellFormulaValue | null | undefined;
    return v && typeof v === 'object' && 'formula' in v ? v.formula : undefined;
  };
  // ExcelJS drops a cached result of 0 when it loads: every total formula gets its result again,
  // as the workbook will show it after the repair.
  const view = shownCells(report, (i) => fixed.has(f.cells[i]!.id) || formulaOf(cellAt(f.cells[i]!.id)) !== undefined);
  for (const i of f.derivedOrder) {
    const id = f.cells[i]!.id;
    const cell = cellAt(id);
    const result = view.results.get(i);
    const formula = fixed.get(id)?.formula ?? formulaOf(cell);
    if (cell && result !== undefined && formula) cell.value = { formula, result } as ExcelJS.CellFormulaValue;
  }
  let info = wb.getWorksheet(sheetName('info'));
  // The template's check cells (“✓” / “差 N”), where the workbook is made from it.
  if (info) {
    for (const check of layout.checks) {
      const cell = wb.getWorksheet(sheetName(check.sheet))?.getCell(check.row, check.col);
      const formula = formulaOf(cell);
      if (cell && formula) cell.value = { formula, result: view.check(check.equation) } as ExcelJS.CellFormulaValue;
    }
  }
  if (!info && explanations.length) {
    info = wb.addWorksheet(sheetName('info'));
    info.state = 'veryHidden';
  }
  if (info) for (const c of infoCells({ explanations })) info.getCell(c.row, c.col).value = c.value;
  return new Blob([await wb.xlsx.writeBuffer()], { type: XLSX });
}
