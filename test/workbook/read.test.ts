import { placeText } from '../../src/sheet/a1';
import { validate } from '../../src/model';
import { WorkbookReadError } from '../../src/sheet/xlsx/zip';
import { readWorkbookBuffer } from '../../src/sheet/xlsx/open';
import { cellOf, filledWorkbook, renameSheetInFile, reread, sheet, toBuffer, unmergeAll } from '../helpers/workbooks';
import { consistentReport, sampleReport as sample } from '../helpers/reports';

const base = consistentReport('2021', Array.from({ length: 300 }, (_, i) => ((i * 7) % 5) + 1));

describe('reading filled workbooks', () => {
  test('a filled template reads back to exactly the report, for both formats and with narrative', async () => {
    for (const r of [sample('xiangshan-hrss-2020'), sample('example-2021-mistakes'), base]) {
      const got = await reread(await filledWorkbook(r));
      expect(got.report).toEqual({ ...r, narrative: { overview: '', proactive: '', requests: '', reviewLitigation: '', problems: '', other: '', ...r.narrative } });
    }
  });

  test('numbers typed as text are read and flagged at their sheet!cell', async () => {
    const wb = await filledWorkbook(base);
    cellOf(wb, base, 't3.disclosed.natural').value = '１２';
    cellOf(wb, base, 't4.review.upheld').value = ' 3 ';
    cellOf(wb, base, 't2.license.decisions').value = '0';
    const r = await reread(wb);
    const result = validate(r.report, { reading: r.reading });
    const flagged = result.issues.filter((i) => i.ruleId === 'CELL-NUMBER-AS-TEXT').map((i) => placeText(r.places[i.cells[0]!]!));
    expect(flagged).toEqual(['表二!B8', '表三!D8', '表四!A5']);
    expect(r.report.tables.t3.disclosed!.natural).toBe('１２');
  });

  test('a blank input cell is CELL-BLANK at its address; the sums still run', async () => {
    const wb = await filledWorkbook(base);
    cellOf(wb, base, 't3.new.research').value = null;
    const r = await reread(wb);
    const result = validate(r.report, { reading: r.reading });
    expect(result.issues.filter((i) => i.ruleId === 'CELL-BLANK').map((i) => placeText(r.places[i.cells[0]!]!))).toEqual(['表三!F6']);
    expect(result.issues.map((i) => i.ruleId)).toContain('T3-BALANCE');
  });

  test('a value pasted over a total formula is read as typed and noted (FORM-FORMULA-REPLACED)', async () => {
    const wb = await filledWorkbook(base);
    const total = base.tables.t3.resultTotal!.natural as number;
    cellOf(wb, base, 't3.resultTotal.natural').value = total + 1;
    const r = await reread(wb);
    const result = validate(r.report, { reading: r.reading });
    expect(r.report.tables.t3.resultTotal!.natural).toBe(total + 1);
    const replaced = result.issues.filter((i) => i.ruleId === 'FORM-FORMULA-REPLACED');
    expect(replaced.map((i) => [i.severity, i.place && placeText(i.place)])).toEqual([['info', '表三!D29']]);
    expect(result.hints.map((h) => h.cell)).toEqual(['t3.resultTotal.natural']);
  });

  test('totals saved without cached results (a file written by a program) are computed, not blank', async () => {
    const wb = await filledWorkbook(base);
    const cell = cellOf(wb, base, 't3.new.total');
    cell.value = { formula: (cell.value as { formula: string }).formula } as never;
    const r = await reread(wb);
    expect(r.report.tables.t3.new!.total).toBe(base.tables.t3.new!.total);
    expect(r.reading).toEqual([]);
  });

  test('renamed and reordered sheets are found by their defined names; addresses use the new names', async () => {
    const wb = await filledWorkbook(base);
    (sheet(wb, 't2') as unknown as { orderNo: number }).orderNo = 9;
    let buf = await toBuffer(wb);
    buf = await renameSheetInFile(buf, '表三', '申请情况');
    buf = await renameSheetInFile(buf, '表四', '复议诉讼');
    const r = await readWorkbookBuffer(buf);
    expect(r.report.tables).toEqual(base.tables);
    expect(placeText(r.places['t3.new.natural']!)).toBe('申请情况!D6');
    expect(placeText(r.places['t4.review.total']!)).toBe('复议诉讼!E5');
  });

  test('extra rows below a table are ignored; a row inserted inside a table is skipped with a warning', async () => {
    const wb = await filledWorkbook(base);
    const t3 = sheet(wb, 't3');
    unmergeAll(t3);
    t3.getCell('C40').value = '备注：以上数据截至12月31日';
    t3.getCell('D40').value = 99;
    t3.spliceRows(12, 0, ['', '', '其中：网上申请', 5, 0, 0, 0, 0, 0, 5]);
    const r = await reread(wb);
    expect(r.report.tables.t3).toEqual(base.tables.t3);
    const extra = r.reading.filter((i) => i.ruleId === 'FORM-ROW-EXTRA');
    expect(extra.map((i) => [i.severity, i.place && placeText(i.place), i.message])).toEqual([
      ['warning', '表三!C12', '表三中多出一行“其中：网上申请”，模板中没有此行，其中的数字未计入'],
    ]);
  });

  test('a label changed in place is an error naming the cell; an appended explanation is a variant', async () => {
    const wb = await filledWorkbook(base);
    sheet(wb, 't3').getCell('C10').value = '属于国家机密';
    sheet(wb, 't2').getCell('A4').value = '规章（县级无此项）';
    const r = await reread(wb);
    expect(r.reading.map((i) => [i.ruleId, i.severity, i.place && placeText(i.place)])).toEqual([
      ['FORM-LABEL-VARIANT', 'warning', '表二!A4'],
      ['FORM-LABEL', 'error', '表三!C10'],
    ]);
    expect(r.reading[1]!.message).toBe('此处应为“1.属于国家秘密”，现为“属于国家机密”；请勿改动表格标签，或用模板重新填写');
    expect(validate(r.report, { reading: r.reading }).valid).toBe(false);
  });

  test('a row deleted inside a table: a Chinese message naming the missing row', async () => {
    const wb = await filledWorkbook(base);
    sheet(wb, 't3').spliceRows(11, 1);
    await expect(reread(wb)).rejects.toThrow(WorkbookReadError);
    await expect(reread(wb)).rejects.toThrow('表三：表三缺少1行（2.其他法律行政法规禁止公开），表格被删改过，请用模板重新填写');
  });

  test('a table sheet deleted; a workbook that lost the template’s marker', async () => {
    const wb = await filledWorkbook(base);
    wb.removeWorksheet(sheet(wb, 't3').id);
    await expect(reread(wb)).rejects.toThrow('找不到表三（工作表“表三”可能被删除了），请用模板重新填写');
    const other = await filledWorkbook(base);
    other.removeWorksheet(sheet(other, 'info').id);
    for (const n of ['XXGK_FORMAT']) other.definedNames.remove(`'_xxgk'!$B$1`, n);
    // Without its marker (the tables copied into a new workbook) it is read by its labels: the same numbers, and said so.
    const byLabels = await reread(other);
    expect(byLabels.report.tables).toEqual(base.tables);
    expect(byLabels.reading.map((i) => i.ruleId)).toContain('FORM-FOREIGN');
  });

  test('cover sheet: labels become ids, dates and years in the forms people type them', async () => {
    const wb = await filledWorkbook(base);
    const cover = sheet(wb, 'cover');
    cover.getCell('B4').value = '县级人民政府';
    cover.getCell('B6').value = '2024年';
    cover.getCell('B9').value = '2025年1月8日';
    cover.getCell('B8').value = 13800138000;
    const r = await reread(wb);
    expect(r.report.metadata).toMatchObject({ agencyKind: 'county', year: 2024, date: '2025-01-08', phone: '13800138000' });
    cover.getCell('B4').value = '区政府';
    cover.getCell('B9').value = '一月上旬';
    const r2 = await reread(wb);
    expect(r2.reading.map((i) => [i.ruleId, i.place && placeText(i.place)])).toEqual([
      ['FORM-VALUE', '基本信息!B4'],
      ['FORM-VALUE', '基本信息!B9'],
    ]);
    expect(validate(r2.report, { reading: r2.reading }).issues.map((i) => i.ruleId)).toContain('META-REQUIRED');
  });
});
