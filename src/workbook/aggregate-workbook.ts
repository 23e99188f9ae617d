/** The aggregate as a workbook: the template filled with the sums, and a sheet 汇总情况 with the unit × rule matrix. */
import type ExcelJS from 'exceljs';
import { AGGREGATE_KIND, exclusionReason, RULES, type Aggregated } from '../model/core';
import { fillTemplate } from './fill';

export const SUMMARY_SHEET = '汇总情况';

export function aggregateWorkbook(agg: Extract<Aggregated, { ok: true }>): ExcelJS.Workbook {
  const wb = fillTemplate(agg.report, { aggregate: true });
  const ws = wb.addWorksheet(SUMMARY_SHEET);
  const included = agg.units.filter((u) => u.included).length;
  ws.addRow([`汇总了 ${included} 个单位的报告（共 ${agg.units.length} 个文件）；含有错误的报告${agg.includeErrors ? '已计入' : '未计入'}汇总。`]);
  ws.addRow([]);
  ws.addRow(['文件', '机关名称', '错误', '警告', '是否计入', '原因', ...agg.rules]).font = { bold: true };
  ws.addRow(['', '', '', '', '', '', ...agg.rules.map((id) => RULES[id].title)]).font = { size: 9 };
  for (const u of agg.units) {
    const reason = exclusionReason(u);
    ws.addRow([u.source, u.agencyName, u.errors, u.warnings, u.included ? '是' : '否', reason, ...agg.rules.map((id) => u.rules[id] ?? 0)]);
  }
  ws.getColumn(1).width = 30;
  ws.getColumn(2).width = 30;
  for (let c = 7; c < 7 + agg.rules.length; c++) ws.getColumn(c).width = 14;
  return wb;
}

/** The aggregate as JSON (`xxgk aggregate -o 汇总.json`, the server's 汇总 download): one document shape for both. */
export function aggregateDocument(agg: Extract<Aggregated, { ok: true }>): string {
  const doc = { kind: AGGREGATE_KIND, format: agg.report.format, includeErrors: agg.includeErrors, report: agg.report, validation: { valid: agg.result.valid, counts: agg.result.counts, issues: agg.result.issues }, rules: agg.rules, units: agg.units };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
