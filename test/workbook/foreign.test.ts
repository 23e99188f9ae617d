/**
 * Workbooks not made from the template, as offices make them (their own template, last year's
 * spreadsheet): the tables shifted, split over sheets with their own names, blank rows between
 * rows, a label written with a note, one table left out — each read by its labels with the same
 * table findings as the report itself, or what is missing listed.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { getFormat, validate, validateRead, withExplanation, type FormatId } from '../../src/model';
import { readWorkbookBuffer } from '../../src/sheet/xlsx/open';
import { foreignExcelJS, foreignWorkbook } from '../helpers/foreign-workbooks';
import { consistentReport, freeCellCount, withCells, withText } from '../helpers/reports';
import { load, toBuffer } from '../helpers/workbooks';
import { totalRepairs } from '../../src/sheet/totals';
import { correctedWorkbook } from '../../src/workbook/browser-files';
import { a1, parseSheetAddress } from '../../src/sheet/a1';

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

  test('last year\'s tables left above this year\'s on one sheet: found twice, both places named', async () => {
    const lastYear = withText(consistentReport('2021', Array.from({ length: 300 }, (_, i) => i % 3), 2023));
    const thisYear = withText(consistentReport('2021', Array.from({ length: 300 }, (_, i) => (i % 4) + 1), 2024));
    const wb = foreignExcelJS(lastYear, { top: 1, left: 1, split: false, blankEvery: 0, note: false, dropT4: false });
    const ws = wb.worksheets[0]!;
    const below = ws.rowCount + 3;
    foreignExcelJS(thisYear, { top: 1, left: 1, split: false, blankEvery: 0, note: false, dropT4: false }).worksheets[0]!.eachRow((row, r) => row.eachCell((cell, c) => void (ws.getCell(below + r, c).value = cell.value)));
    const read = await readWorkbookBuffer(await toBuffer(wb));
    const twice = read.reading.filter((i) => i.ruleId === 'FORM-TABLE-TWICE');
    expect(twice.map((i) => i.area)).toEqual(['t2', 't3', 't4']);
    for (const i of twice) expect(i.message).toMatch(/出现了不止一份：“年报”[A-Z]+(\d+):[A-Z]+\d+、“年报”[A-Z]+(\d+):[A-Z]+\d+/);
    const rows = /“年报”[A-Z]+(\d+):[A-Z]+\d+、“年报”[A-Z]+(\d+)/.exec(twice[1]!.message)!;
    expect(Number(rows[2])).toBeGreaterThan(below);
    expect(Number(rows[1])).toBeLessThan(below);
  });

  test('the page\'s corrected copy of an office\'s workbook: the typed-over total gets a SUM over the user\'s own cells, 说明 go into a hidden sheet added to it', async () => {
    const base = withText(consistentReport('2021', Array.from({ length: 300 }, (_, i) => (i % 4) + 1)));
    const typed = withCells(base, { 't3.resultTotal.natural': (base.tables.t3.resultTotal!.natural as number) + 5 });
    const buf = await foreignWorkbook(typed, { top: 4, left: 3, split: true, blankEvery: 5, note: false, dropT4: false });
    const read = await readWorkbookBuffer(buf);
    const repairs = totalRepairs(read.report, read.places);
    const repair = repairs.find((r) => r.cell === 't3.resultTotal.natural')!;
    // The SUM names the cells where this workbook holds them, not the template's.
    const terms = getFormat('2021').byId.get('t3.resultTotal.natural')!.derived!.of.map((k) => read.places[getFormat('2021').cells[k]!.id]!);
    const named = repair.formula.replace(/^SUM\((.*)\)$/, '$1').split(',').flatMap((ref) => {
      const [a, b = a] = ref.split(':');
      const [from, to] = [parseSheetAddress(`S!${a}`)!, parseSheetAddress(`S!${b}`)!];
      return Array.from({ length: to.row - from.row + 1 }, (_, k) => a1(from.row + k, from.col));
    });
    expect(named.sort()).toEqual(terms.map((t) => a1(t.row, t.col)).sort());
    expect(terms.every((t) => t.sheet === repair.place.sheet)).toBe(true);
    const warning = validateRead(read).issues.find((i) => i.severity !== 'info')!;
    const explanations = withExplanation(read.report, warning, '已核实');
    const blob = await correctedWorkbook(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer, read.report, read.places, repairs, explanations);
    const again = await readWorkbookBuffer(new Uint8Array(await blob.arrayBuffer()));
    expect(again.report.tables.t3.resultTotal!.natural).toBe(base.tables.t3.resultTotal!.natural);
    expect(again.reading.some((i) => i.ruleId === 'FORM-FOREIGN')).toBe(true);
    expect(again.explanations).toHaveLength(1);
    // Every other cell as it was.
    const before = await load(buf);
    const after = await load(Buffer.from(await blob.arrayBuffer()));
    expect(after.getWorksheet('_xxgk')!.state).toBe('veryHidden');
    for (const ws of before.worksheets)
      ws.eachRow((row, r) =>
        row.eachCell((cell, c) => {
          const p = repair.place;
          if (!(ws.name === p.sheet && r === p.row && c === p.col)) expect([ws.name, r, c, after.getWorksheet(ws.name)!.getCell(r, c).value]).toEqual([ws.name, r, c, cell.value]);
        }),
      );
  });

  test('a workbook holding no table of the formats is refused with a Chinese message', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = '工资表';
    await expect(readWorkbookBuffer(await toBuffer(wb))).rejects.toThrow('找不到表二、表三、表四');
  });
});
