/**
 * A workbook filled by a program that does not recalculate (ExcelJS, openpyxl, an office's own
 * script) keeps the totals' cached values from before: the template's 0s, or last year's sums.
 * Excel, WPS and LibreOffice recalculate on opening; the reader shows what they show.
 */
import ExcelJS from 'exceljs';
import { computeTotals, getFormat, validateRead, type Report } from '../../src/model';
import { isSumOf, shiftFormula, sumCells } from '../../src/sheet/formula-refs';
import { getLayout } from '../../src/sheet/layout';
import { readWorkbookBuffer } from '../../src/sheet/xlsx/open';
import { buildTemplate } from '../../src/workbook/template';
import { fillTemplate } from '../../src/workbook/fill';
import { consistentReport } from '../helpers/reports';
import { load, toBuffer } from '../helpers/workbooks';

const thisYear = consistentReport('2021', Array.from({ length: 300 }, (_, i) => ((i * 5) % 7) + 1));
const lastYear = consistentReport('2021', Array.from({ length: 300 }, (_, i) => ((i * 3) % 4) + 2));

/** Writes a report's input cells only, as a script would: totals keep whatever the file had cached. */
function typeInputs(wb: ExcelJS.Workbook, report: Report): void {
  const layout = getLayout(report.format);
  for (const c of getFormat(report.format).cells) {
    if (c.derived) continue;
    const p = layout.cells.get(c.id)!;
    const v = (report.tables as Record<string, Record<string, Record<string, unknown>>>)[c.table]?.[c.row]?.[c.col];
    wb.getWorksheet(layout.sheets.find((s) => s.id === p.sheet)!.name)!.getCell(p.row, p.col).value = (v ?? null) as ExcelJS.CellValue;
  }
}

const errors = (r: ReturnType<typeof validateRead>) => r.issues.filter((i) => i.severity === 'error').map((i) => i.ruleId);

describe('workbooks saved without recalculation', () => {
  test('the template filled by ExcelJS (cached totals 0): totals as the formulas give them, no false error, one info issue', async () => {
    const wb = buildTemplate('2021');
    typeInputs(wb, thisYear);
    const read = await readWorkbookBuffer(await toBuffer(wb));
    const totals = computeTotals(thisYear);
    for (const [id, v] of totals) {
      const c = getFormat('2021').byId.get(id)!;
      expect([id, (read.report.tables as Record<string, Record<string, Record<string, unknown>>>)[c.table]![c.row]![c.col]]).toEqual([id, v]);
    }
    const result = validateRead(read);
    expect(errors(result).filter((id) => id.startsWith('T'))).toEqual([]);
    const info = result.issues.filter((i) => i.ruleId === 'FORM-NOT-RECALCULATED');
    expect(info).toHaveLength(1);
    expect(info[0]!.severity).toBe('info');
    expect(info[0]!.message).toContain('文件保存时未重新计算，合计已按公式计算');
  });

  test('last year’s workbook filled again by a script: last year’s cached sums are not trusted', async () => {
    const wb = await load(await toBuffer(fillTemplate(lastYear)));
    typeInputs(wb, thisYear);
    const read = await readWorkbookBuffer(await toBuffer(wb));
    expect(read.report.tables.t3.resultTotal!.total).toBe(computeTotals(thisYear).get('t3.resultTotal.total'));
    expect(read.report.tables.t3.resultTotal!.total).not.toBe(lastYear.tables.t3.resultTotal!.total);
    const result = validateRead(read);
    expect(errors(result).filter((id) => id !== 'NARRATIVE-EMPTY')).toEqual([]);
    expect(result.issues.filter((i) => i.ruleId === 'FORM-NOT-RECALCULATED')).toHaveLength(1);
  });

  test('a workbook a spreadsheet saved (cached values right) gets no such note', async () => {
    const read = await readWorkbookBuffer(await toBuffer(fillTemplate(thisYear)));
    expect(validateRead(read).issues.map((i) => i.ruleId)).not.toContain('FORM-NOT-RECALCULATED');
  });

  test('a total typed over stays evidence (FORM-FORMULA-REPLACED and its hint); an edited formula shows what it shows', async () => {
    const wb = buildTemplate('2021');
    typeInputs(wb, thisYear);
    const layout = getLayout('2021');
    const at = (id: string) => {
      const p = layout.cells.get(id)!;
      return wb.getWorksheet(layout.sheets.find((s) => s.id === p.sheet)!.name)!.getCell(p.row, p.col);
    };
    const right = computeTotals(thisYear);
    at('t4.review.total').value = right.get('t4.review.total')! + 3;
    const typed = validateRead(await readWorkbookBuffer(await toBuffer(wb)));
    expect(typed.issues.map((i) => i.ruleId)).toContain('FORM-FORMULA-REPLACED');
    // Named first as the likely cell (its four terms could each explain the sum too).
    expect(typed.issues.find((i) => i.ruleId === 'T4-GROUP-TOTAL')?.cells[0]).toBe('t4.review.total');

    at('t4.review.total').value = { formula: (buildTemplate('2021').getWorksheet(at('t4.review.total').worksheet.name)!.getCell(at('t4.review.total').address).value as ExcelJS.CellFormulaValue).formula, result: 0 } as ExcelJS.CellFormulaValue;
    const edited = at('t4.litigationDirect.total');
    const formula = (edited.value as ExcelJS.CellFormulaValue).formula;
    edited.value = { formula: `${formula}+1`, result: right.get('t4.litigationDirect.total')! + 1 } as ExcelJS.CellFormulaValue;
    const read = await readWorkbookBuffer(await toBuffer(wb));
    expect(read.report.tables.t4.review!.total).toBe(right.get('t4.review.total'));
    expect(read.report.tables.t4.litigationDirect!.total).toBe(right.get('t4.litigationDirect.total')! + 1);
    const result = validateRead(read);
    expect(result.issues.filter((i) => i.ruleId === 'T4-GROUP-TOTAL').map((i) => i.cells[0])).toEqual(['t4.litigationDirect.total']);
  });
});

describe('formula text', () => {
  test('a SUM of exactly the given cells, in any order, ranges or single references, $ or not', () => {
    const cells = [
      { row: 6, col: 4 },
      { row: 7, col: 4 },
      { row: 9, col: 4 },
    ];
    expect(isSumOf('SUM(D6:D7,D9)', cells)).toBe(true);
    expect(isSumOf('=sum($D$9,D6:$D7)', cells)).toBe(true);
    expect(isSumOf('SUM(D6:D9)', cells)).toBe(false);
    expect(isSumOf('SUM(D6:D7,D9)+1', cells)).toBe(false);
    expect(isSumOf('SUM(表三!D6:D7,D9)', cells)).toBe(false);
    expect(sumCells('SUM(A1:ZZZ9999999)')).toBeUndefined();
  });

  test('a shared formula moves its relative references, keeps $-fixed ones and quoted text', () => {
    expect(shiftFormula('SUM(D6:D28,D30)', 0, 2)).toBe('SUM(F6:F28,F30)');
    expect(shiftFormula('SUM($D6:D$28)', 3, 1)).toBe('SUM($D9:E$28)');
    expect(shiftFormula('IF(A1=0,"✓","差 "&B2)', 1, 0)).toBe('IF(A2=0,"✓","差 "&B3)');
    expect(shiftFormula('LOG10(A1)', 0, 1)).toBe('LOG10(B1)');
  });
});
