/**
 * Workbooks the standalone page writes, loaded only when asked for (ExcelJS is large): the template
 * with the year and 机关名称 typed on the page, and a clerk's workbook written back with its total
 * formulas restored and its 说明 stored. The user's own file is never changed: a copy is offered.
 */
import ExcelJS from 'exceljs';
import { assembleReport, computeTotals, emptyTables, getFormat, viewOf, type Explanation, type FormatId } from '../model/core';
import { infoCells } from '../sheet/info-sheet';
import { checkResult } from '../sheet/formulas';
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
 * back, and the 说明 written on the page stored where the add-in keeps them. Formulas carry the
 * model's results, so viewers that do not recalculate show the right totals.
 */
export async function correctedWorkbook(bytes: ArrayBuffer, report: Report, repairs: readonly TotalRepair[], explanations: readonly Explanation[]): Promise<Blob> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const f = getFormat(report.format);
  const layout = getLayout(report.format);
  const fixed = new Map(repairs.map((r) => [r.cell, r]));
  // The report as it will read after the repair: what every total and check cell then shows.
  const totals = computeTotals(report);
  for (const r of repairs) {
    const ws = wb.getWorksheet(r.place.sheet);
    if (!ws) continue;
    ws.getCell(r.place.row, r.place.col).value = { formula: r.formula, result: r.computed } as ExcelJS.CellFormulaValue;
  }
  // ExcelJS drops a cached result of 0 when it loads: every total formula gets its result again.
  const shown = viewOf(report).values.slice();
  for (const i of f.derivedOrder) {
    const c = f.cells[i]!;
    const p = layout.cells.get(c.id)!;
    const cell = wb.getWorksheet(sheetName(p.sheet))?.getCell(p.row, p.col);
    const v = cell?.value as ExcelJS.CellFormulaValue | null | undefined;
    if (cell && v && typeof v === 'object' && 'formula' in v) {
      shown[i] = totals.get(c.id)!;
      if (!fixed.has(c.id)) cell.value = { formula: v.formula, result: shown[i] } as ExcelJS.CellFormulaValue;
    }
  }
  for (const check of layout.checks) {
    const cell = wb.getWorksheet(sheetName(check.sheet))?.getCell(check.row, check.col);
    const v = cell?.value as ExcelJS.CellFormulaValue | null | undefined;
    if (!cell || !v || typeof v !== 'object' || !('formula' in v)) continue;
    const side = (cells: readonly number[]) => cells.reduce((s, k) => s + shown[k]!, 0);
    cell.value = { formula: v.formula, result: checkResult(side(check.equation.lhs) - side(check.equation.rhs)) } as ExcelJS.CellFormulaValue;
  }
  const info = wb.getWorksheet(sheetName('info'));
  if (info) for (const c of infoCells({ explanations })) info.getCell(c.row, c.col).value = c.value;
  return new Blob([await wb.xlsx.writeBuffer()], { type: XLSX });
}
