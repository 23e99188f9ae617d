import type ExcelJS from 'exceljs';
import { computeTotals, getFormat, type Report } from '../../src/model';
import { getLayout, sheetAddress } from '../../src/sheet/layout';
import { equationHolds } from '../../src/model/rules/arithmetic';
import { viewOf } from '../../src/model/view';
import { validate, validateRead } from '../../src/model';
import { readFileSync } from 'fs';
import { join } from 'path';
import { buildTemplate } from '../../src/workbook/template';
import { readWorkbookBuffer } from '../../src/sheet/xlsx/open';
import { consistentReport, withCells, withText } from '../helpers/reports';
import { recalculate } from '../helpers/libreoffice';
import { load, toBuffer } from '../helpers/workbooks';

jest.setTimeout(240_000);

/** The template with only the input cells typed in (and the totals a user typed over), no cached results. */
function typedIn(report: Report, overwrite: Record<string, number> = {}): ExcelJS.Workbook {
  const wb = buildTemplate(report.format);
  const layout = getLayout(report.format);
  const tables = report.tables as unknown as Record<string, Record<string, Record<string, unknown>>>;
  for (const c of getFormat(report.format).cells) {
    if (c.derived && !(c.id in overwrite)) continue;
    const p = layout.cells.get(c.id)!;
    const v = c.id in overwrite ? overwrite[c.id] : tables[c.table]![c.row]![c.col];
    wb.getWorksheet(layout.sheets.find((s) => s.id === p.sheet)!.name)!.getCell(p.row, p.col).value = v as ExcelJS.CellValue;
  }
  for (const t of layout.text) {
    const v = report.narrative?.[t.section];
    if (v) wb.getWorksheet(layout.sheets.find((s) => s.id === t.sheet)!.name)!.getCell(t.row, t.col).value = v;
  }
  const cover = wb.getWorksheet(layout.sheets.find((s) => s.id === 'cover')!.name)!;
  const typed: Partial<Record<string, ExcelJS.CellValue>> = { agencyName: '测试市人民政府', agencyKind: '设区的市、自治州人民政府', year: report.metadata.year! };
  for (const m of layout.meta) if (typed[m.field] !== undefined) cover.getCell(m.row, m.col).value = typed[m.field]!;
  return wb;
}

/** What a cell shows after LibreOffice recalculated it. */
function shown(wb: ExcelJS.Workbook, report: Report, p: { sheet: string; row: number; col: number }): unknown {
  const layout = getLayout(report.format);
  const v = wb.getWorksheet(layout.sheets.find((s) => s.id === p.sheet)!.name)!.getCell(p.row, p.col).value;
  return v && typeof v === 'object' && 'result' in v ? v.result : v;
}

/** Every formula total and every check cell agrees with the model on the recalculated workbook. */
async function expectAgreement(report: Report, overwrite: Record<string, number> = {}) {
  const recalculated = recalculate(await toBuffer(typedIn(report, overwrite)));
  const wb = await load(recalculated);
  const read = await readWorkbookBuffer(recalculated);
  const layout = getLayout(report.format);
  const totals = computeTotals(read.report);
  for (const [id, value] of totals) {
    if (id in overwrite) continue;
    expect([id, shown(wb, report, layout.cells.get(id)!)]).toEqual([id, value]);
  }
  const view = viewOf(read.report);
  for (const check of layout.checks) {
    const holds = equationHolds(view.values, check.equation);
    const sum = (cells: readonly number[]) => cells.reduce((s, i) => s + view.values[i]!, 0);
    const expected = holds ? '✓' : `差 ${Math.abs(sum(check.equation.lhs) - sum(check.equation.rhs))}`;
    expect([sheetAddress(check), shown(wb, report, check)]).toEqual([sheetAddress(check), expected]);
  }
  return { read, result: validateRead(read) };
}

describe('the template in a real spreadsheet engine (LibreOffice, headless)', () => {
  const nums = Array.from({ length: 300 }, (_, i) => ((i * 11) % 9) + (i % 4 === 0 ? 0 : 3));

  test.each(['2021', '2019'] as const)('format %s, consistent numbers: every total computed, every check “✓”, the model says valid', async (format) => {
    const report = withText(consistentReport(format, nums));
    const { result } = await expectAgreement(report);
    expect(result.issues.map((i) => i.message)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  test('inconsistent numbers: the check cells show “差 N” exactly where the model finds errors', async () => {
    const base = withText(consistentReport('2021', nums));
    const t3 = base.tables.t3 as Record<string, Record<string, number>>;
    const report = withCells(base, { 't3.carryForward.research': t3.carryForward!.research! + 2, 't4.review.pending': '无' });
    // A 总计 typed over its formula, 5 too high.
    const overwrite = { 't4.litigationDirect.total': (base.tables.t4.litigationDirect!.total as number) + 5 };
    const { result } = await expectAgreement(report, overwrite);
    expect(result.issues.filter((i) => i.severity === 'error').map((i) => [i.ruleId, i.cells[0]])).toEqual([
      ['T3-BALANCE', 't3.new.research'],
      ['T3-BALANCE', 't3.new.total'],
      ['CELL-TEXT', 't4.review.pending'],
      ['T4-GROUP-TOTAL', 't4.litigationDirect.total'],
    ]);
    // Totals LibreOffice computed are not blamed; the typed-over 总计 is the first suspect, and no
    // cell is named with certainty that was not changed.
    const changed = ['t3.carryForward.research', 't4.litigationDirect.total'];
    expect(result.hints.filter((h) => h.confident).map((h) => h.cell).filter((c) => !changed.includes(c))).toEqual([]);
    expect(result.hints.some((h) => h.candidates[0]!.cell === 't4.litigationDirect.total')).toBe(true);
    expect(result.hints.flatMap((h) => h.candidates).some((c) => c.cell.endsWith('.total') && c.cell !== 't4.litigationDirect.total')).toBe(false);
  });

  test('the README’s example with mistakes, recalculated by LibreOffice: the typed-over 三（七）总计 is still named', async () => {
    const recalculated = recalculate(readFileSync(join(__dirname, '../../assets/samples/example-2021-mistakes.xlsx')));
    const result = validateRead(await readWorkbookBuffer(recalculated));
    expect(result.counts.error).toBeGreaterThan(0);
    expect(result.hints.map((h) => [h.cell, h.confident])).toEqual([
      ['t3.resultTotal.natural', true],
      // 表四's 总计 was typed over too; the text's “行政复议2件” names it.
      ['t4.review.total', true],
    ]);
  });

  test('a number typed as text: the spreadsheet SUM skips it, the model counts it and says so', async () => {
    const base = consistentReport('2021', nums);
    const report = withCells(base, { 't3.disclosed.natural': '１２' });
    const recalculated = recalculate(await toBuffer(typedIn(report)));
    const read = await readWorkbookBuffer(recalculated);
    const result = validate(read.report, { reading: read.reading });
    const others = (base.tables.t3.disclosed!.total as number) - (base.tables.t3.disclosed!.natural as number);
    expect(read.report.tables.t3.disclosed!.total).toBe(others);
    expect(result.issues.map((i) => i.ruleId)).toEqual(expect.arrayContaining(['CELL-NUMBER-AS-TEXT', 'T3-ROW-TOTAL']));
  });
});
