/**
 * Workbooks not made from the template, as offices make them (their own template, last year's
 * spreadsheet): the tables shifted, split over sheets with their own names, blank rows between
 * rows, a label written with a note, one table left out — each read by its labels with the same
 * table findings as the report itself, or what is missing listed.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { getFormat, validate, validateRead, type FormatId } from '../../src/model';
import { readWorkbookBuffer } from '../../src/sheet/xlsx/open';
import { foreignExcelJS, foreignWorkbook } from '../helpers/foreign-workbooks';
import { consistentReport, freeCellCount, withCells, withText } from '../helpers/reports';
import { toBuffer } from '../helpers/workbooks';

jest.setTimeout(120_000);

const findings = (issues: readonly { ruleId: string; cells: readonly string[] }[]) => issues.filter((i) => /^(T|CELL)/.test(i.ruleId)).map((i) => `${i.ruleId} ${i.cells[0] ?? ''}`);

const cases = fc.record({
  format: fc.constantFrom<FormatId>('2019', '2021'),
  seed: fc.nat(1000),
  mistake: fc.boolean(),
  shape: fc.record({ top: fc.integer({ min: 1, max: 6 }), left: fc.integer({ min: 1, max: 4 }), split: fc.boolean(), blankEvery: fc.constantFrom(0, 0, 3, 7), note: fc.boolean(), dropT4: fc.constant(false) }),
});

describe('workbooks not made from the template', () => {
  test('shifted, split over sheets, blank rows, noted labels: the same table findings as the report, every cell at its place', async () => {
    await fc.assert(
      fc.asyncProperty(cases, async ({ format, seed, mistake, shape }) => {
        const nums = Array.from({ length: freeCellCount(format) }, (_, i) => ((i * 7 + seed) % 11) % 5);
        const base = withText(consistentReport(format, nums));
        // A mistyped input (the totals printed as they were): a finding the workbook must show too.
        const report = mistake ? withCells(base, { 't3.disclosed.natural': (base.tables.t3.disclosed!.natural as number) + 2 }) : base;
        const read = await readWorkbookBuffer(await foreignWorkbook(report, shape));
        expect(findings(validateRead(read).issues)).toEqual(findings(validate(report).issues));
        for (const c of getFormat(format).cells) {
          const p = read.places[c.id];
          expect([c.id, p !== undefined]).toEqual([c.id, true]);
        }
        // One table per sheet is not a table twice.
        expect(read.reading.filter((i) => i.ruleId === 'FORM-TABLE-TWICE')).toEqual([]);
        if (shape.note) expect(read.reading.some((i) => i.ruleId === 'FORM-LABEL-VARIANT' && i.message.includes('行政许可（含备案）'))).toBe(true);
      }),
      { numRuns: 16 },
    );
  });

  test('a table left out: its cells listed missing (blank, never 0), the others read', async () => {
    const report = withText(consistentReport('2021', Array.from({ length: 300 }, (_, i) => i % 4)));
    const read = await readWorkbookBuffer(await foreignWorkbook(report, { top: 2, left: 2, split: false, blankEvery: 0, note: false, dropT4: true }));
    const missing = read.reading.find((i) => i.ruleId === 'FORM-MISSING' && i.area === 't4');
    expect(missing?.cells).toHaveLength(15);
    expect(read.report.tables.t4.review!.total).toBeNull();
    expect(read.report.tables.t3).toEqual(report.tables.t3);
  });

  test('last year\'s sheet kept beside this year\'s: each table found twice is an error naming both places; the first is read', async () => {
    const lastYear = withText(consistentReport('2021', Array.from({ length: 300 }, (_, i) => i % 3), 2023));
    const thisYear = withText(consistentReport('2021', Array.from({ length: 300 }, (_, i) => (i % 4) + 1), 2024));
    const wb = foreignExcelJS(lastYear, { top: 1, left: 1, split: false, blankEvery: 0, note: false, dropT4: false });
    wb.worksheets[0]!.name = '2023年';
    const current = foreignExcelJS(thisYear, { top: 2, left: 2, split: false, blankEvery: 0, note: false, dropT4: false }).worksheets[0]!;
    const copy = wb.addWorksheet('2024年');
    current.eachRow((row, r) => row.eachCell((cell, c) => void (copy.getCell(r, c).value = cell.value)));
    const read = await readWorkbookBuffer(await toBuffer(wb));
    const twice = read.reading.filter((i) => i.ruleId === 'FORM-TABLE-TWICE');
    expect(twice.map((i) => i.area)).toEqual(['t2', 't3', 't4']);
    for (const i of twice) {
      expect(i.severity).toBe('error');
      expect(i.message).toMatch(/^表[二三四]出现了不止一份：“2023年”[A-Z]+\d+:[A-Z]+\d+、“2024年”[A-Z]+\d+:[A-Z]+\d+；已读取“2023年”中的一份/);
    }
    expect(validateRead(read).valid).toBe(false);
  });

  test('a workbook holding no table of the formats is refused with a Chinese message', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = '工资表';
    await expect(readWorkbookBuffer(await toBuffer(wb))).rejects.toThrow('找不到表二、表三、表四');
  });
});
