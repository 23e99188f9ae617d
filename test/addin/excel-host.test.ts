/**
 * The task pane on the strict fake Excel (test/helpers/fake-excel.ts): the template as users have
 * it — protected sheets, recalculating totals — on hosts with ExcelApi 1.2, 1.6 and 1.13.
 */
import { getFormat, validate } from '../../src/model';
import { MARK_FORMULA } from '../../src/host/areas';
import { totalRepairs } from '../../src/sheet/totals';
import { getLayout, sheetName } from '../../src/sheet/layout';
import * as actions from '../../src/taskpane/actions';
import { readWorkbookBuffer } from '../../src/sheet/xlsx/open';
import { fillTemplate } from '../../src/workbook/fill';
import { buildTemplate } from '../../src/workbook/template';
import { cellsOf, excelBookOf, excelHostOn, sheetStates } from '../helpers/excel-host';
import { FakeSheet, FakeWorkbook } from '../helpers/fake-excel';
import { withCells } from '../helpers/reports';
import { toBuffer } from '../helpers/workbooks';
import { at, base, broken, explanationRoundTrip, layout, savedByHost, previousWithOtherCarry } from '../helpers/host-scenarios';

/** The add-in's marks (formula =TRUE), not the template's own “差 N” formats. */
const marksOf = (book: FakeWorkbook) =>
  book.sheets.flatMap((s) => s.marks.filter((m) => m.formula === MARK_FORMULA).map((m) => [s.name, m.address.split(',').sort().join(','), m.fill, m.formula] as const)).sort();
/** The template's conditional formats on the check cells (“差 N” in red). */
const templateFormats = (book: FakeWorkbook) => book.sheets.flatMap((s) => s.marks.filter((m) => m.formula.startsWith('=LEFT(')).map((m) => `${s.name}!${m.address}`)).sort();
const REPORT_SHEETS = ['基本信息', '表二', '表三', '表四'];

describe.each(['1.13', '1.6', '1.2'])('Excel with ExcelApi %s', (sets) => {
  const minor = Number(sets.split('.')[1]);

  test('校验 on the protected template: the report as the file reader gets it, one sync to read, one to mark; nothing else changes', async () => {
    const book = await excelBookOf(broken);
    expect(REPORT_SHEETS.every((n) => book.sheet(n)!.protected)).toBe(true);
    const cells = cellsOf(book);
    const states = sheetStates(book);
    const { host, log } = excelHostOn(book, { sets });
    const outcome = await actions.runCheck(host);
    if (!outcome.ok) throw new Error(outcome.message);
    // What the file holds, as Excel shows it (J29 a formula, recalculated from the typed-over D29).
    const fromFile = await readWorkbookBuffer(await toBuffer(fillTemplate(broken)));
    const shown = fromFile.report;
    expect(outcome.value.report.tables).toEqual(shown.tables);
    expect(outcome.value.report.metadata).toEqual(fromFile.report.metadata);
    expect(outcome.value.result.issues.map((i) => i.ruleId)).toEqual(validate(shown, { reading: fromFile.reading }).issues.map((i) => i.ruleId));
    // Values, formulas, protection (with its options) and hiding are as they were.
    expect(cellsOf(book)).toEqual(cells);
    expect(sheetStates(book)).toEqual(states);
    if (minor >= 6) {
      expect(outcome.value.marked).toBe(true);
      expect(log.syncs).toBe(2);
      // 表三: the typed-over 三（七）总计 · 自然人 explains every failing sum: it is red; the other
      // cells of those sums (the 自然人 and 总计 columns' 一、二、results、四) light orange.
      const related = ['t3.new.natural', 't3.carriedOver.natural', 't3.carryForward.natural', 't3.disclosed.natural', 't3.other.misc.natural', 't3.new.total', 't3.resultTotal.total', 't3.disclosed.total', 't3.carryForward.total'];
      const byFill = (fill: string) => marksOf(book).filter((m) => m[2] === fill && m[0] === '表三').flatMap((m) => m[1].split(','));
      expect(byFill('#FFC7CE')).toEqual([at('t3.resultTotal.natural')]);
      expect(byFill('#FCE4D6')).toEqual(expect.arrayContaining(related.map(at)));
      expect(byFill('#FCE4D6')).not.toContain(at('t3.resultTotal.natural'));
      // Cells outside those sums are not marked.
      expect(byFill('#FCE4D6')).not.toContain(at('t3.new.research'));
      const expected = [
        ['表二', at('t2.license.decisions'), '#FFC7CE', MARK_FORMULA],
        ['表二', at('t2.rules.issued'), '#FFEB9C', MARK_FORMULA],
        ...marksOf(book).filter((m) => m[0] === '表三'),
      ];
      expect(marksOf(book)).toEqual(expected.sort());
    } else {
      // Before ExcelApi 1.6 nothing can be marked: the result stands, and the pane says why.
      expect(outcome.value.marked).toMatch(/不能标记单元格（需要 ExcelApi 1\.6）/);
      expect(log.syncs).toBe(1);
      expect(marksOf(book)).toEqual([]);
    }
  });

  test('校验 again replaces the marks; 清除标记 removes them on the protected sheets and protects them again', async () => {
    const book = await excelBookOf(broken);
    const states = sheetStates(book);
    const { host } = excelHostOn(book, { sets });
    await actions.runCheck(host);
    const once = marksOf(book);
    await actions.runCheck(host);
    // Replaced, not added to.
    expect(marksOf(book)).toEqual(once);
    const cleared = await actions.clearMarks(host);
    if (minor < 6) {
      expect(cleared).toEqual({ ok: false, message: expect.stringMatching(/ExcelApi 1\.6/) });
      return;
    }
    const own = templateFormats(book);
    expect(own).toHaveLength(layout.checks.length);
    const again = await actions.runCheck(host);
    expect(again.ok).toBe(true);
    expect(marksOf(book)).toEqual(once);
    expect(once.length).toBeGreaterThan(0);
    expect(await actions.clearMarks(host)).toEqual({ ok: true, value: undefined });
    expect(marksOf(book)).toEqual([]);
    // The template's own formats on the check cells are still there.
    expect(templateFormats(book)).toEqual(own);
    expect(sheetStates(book)).toEqual(states);
  });

  test('填入合计 writes the total formula into the locked cell of the protected sheet, which then recalculates', async () => {
    const book = await excelBookOf(broken);
    const states = sheetStates(book);
    const { host } = excelHostOn(book, { sets });
    const outcome = await actions.runCheck(host);
    if (!outcome.ok) throw new Error(outcome.message);
    const repairs = totalRepairs(outcome.value.report, outcome.value.places);
    const natural = base.tables.t3.resultTotal!.natural as number;
    const total = base.tables.t3.resultTotal!.total as number;
    expect(repairs.map((r) => [r.address, r.current, r.computed, r.formula])).toEqual([
      ['表三!D29', natural + 1, natural, 'SUM(D8:D28)'],
      ['表三!J29', total + 1, total, 'SUM(D29:I29)'],
    ]);
    expect(await actions.applyTotalRepairs(host, repairs)).toEqual({ ok: true, value: 2 });
    const d29 = book.sheet('表三')!.peek(29, 4)!;
    expect(d29.formula).toBe('=SUM(D8:D28)');
    expect(sheetStates(book)).toEqual(states);
    const after = await actions.runCheck(host);
    if (!after.ok) throw new Error(after.message);
    expect(after.value.result.issues.filter((i) => i.ruleId.startsWith('T3-'))).toEqual([]);
  });

  test('说明 are stored in the hidden sheet and come back attached to their warning', async () => {
    const book = await excelBookOf(broken);
    const { host } = excelHostOn(book, { sets });
    expect(await explanationRoundTrip(host)).toEqual({ saved: { ok: true, value: undefined }, explanation: '代县政府起草的规章草案' });
    expect(book.sheet('_xxgk')!.visibility).toBe('VeryHidden');
    // Saved and mailed: the file the office receives gives the 说明 back to the CLI and the page.
    const file = await savedByHost(broken, book.sheet('_xxgk')!);
    expect(file.report.explanations?.map((e) => e.text)).toEqual(['代县政府起草的规章草案']);
  });

  test('上年数据: last year\'s report is compared with this one (结转)', async () => {
    const { host } = excelHostOn(await excelBookOf(base), { sets });
    const outcome = await actions.runCheck(host, previousWithOtherCarry());
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.value.result.issues.map((i) => i.ruleId)).toContain('XY-CARRY');
  });

  test('汇总 into the open workbook: the sums go into the input cells of the protected sheets; totals stay formulas and recalculate', async () => {
    const book = await excelBookOf(base);
    const states = sheetStates(book);
    const { host } = excelHostOn(book, { sets });
    const sum = withCells(base, { 't3.new.natural': 40, 't2.license.decisions': 7 });
    const r = await actions.writeReportValues(host, sum);
    expect(r).toEqual({ ok: true, value: getFormat('2021').cells.filter((c) => !c.derived).length });
    expect(book.sheet('表三')!.peek(6, 4)!.value).toBe(40);
    expect(book.sheet('表三')!.peek(6, 10)!.formula).toBe('=SUM(D6:I6)');
    expect(sheetStates(book)).toEqual(states);
  });

  test('clicking an issue activates its sheet and selects its cell', async () => {
    const book = await excelBookOf(broken);
    const { host } = excelHostOn(book, { sets });
    expect(await actions.selectCell(host, { sheet: '表三', row: 29, col: 4 })).toEqual({ ok: true, value: true });
    expect([book.active, book.selected]).toEqual(['表三', '表三!D29']);
  });

  test('a workbook holding no report table: a Chinese message pointing to 插入模板, no exception', async () => {
    const book = new FakeWorkbook();
    book.sheets.push(new FakeSheet('Sheet1'));
    const { host } = excelHostOn(book, { sets });
    const outcome = await actions.runCheck(host);
    expect(outcome).toEqual({ ok: false, message: expect.stringMatching(/^找不到表二、表三、表四.*插入模板/) });
  });
});

describe('Excel: protection the add-in cannot lift', () => {
  test('a sheet the user protected with a password: the result is shown, no marks, a Chinese reason naming the sheet, the sheet still protected', async () => {
    const book = await excelBookOf(broken);
    const t3 = book.sheet('表三')!;
    t3.password = 'secret';
    const { host } = excelHostOn(book, { sets: '1.13' });
    const outcome = await actions.runCheck(host);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.value.result.counts.error).toBeGreaterThan(0);
    expect(outcome.value.marked).toMatch(/^未能标记问题单元格：工作表.*“表三”.*受保护.*撤消工作表保护/);
    expect(REPORT_SHEETS.map((n) => book.sheet(n)!.protected)).toEqual([true, true, true, true]);
    const fill = await actions.applyTotalRepairs(host, totalRepairs(outcome.value.report, outcome.value.places));
    expect(fill).toEqual({ ok: false, message: expect.stringMatching(/^未能写入单元格：工作表“表三”受保护/) });
    expect(t3.peek(29, 4)!.formula).toBeUndefined();
  });
});

describe('插入模板', () => {
  const base64 = async (format: string) => (await toBuffer(await import('../../src/workbook/template').then((m) => m.buildTemplate(format as '2021')))).toString('base64');
  const userBook = () => {
    const book = new FakeWorkbook();
    const s = new FakeSheet('预算表');
    s.cell(1, 1).value = '部门预算';
    book.sheets.push(s);
    book.names.push({ name: '用户的名称', type: 'Range', value: '=预算表!$A$1' });
    return book;
  };
  const expectWorkingTemplate = async (book: FakeWorkbook, sets: string) => {
    for (const n of layout.sheets.filter((s) => !s.hidden && s.id !== 'text')) expect([n.name, book.sheet(n.name)?.protected]).toEqual([n.name, Number(sets.split('.')[1]) >= 2]);
    expect(book.sheet('预算表')!.peek(1, 1)!.value).toBe('部门预算');
    expect(book.names).toContainEqual({ name: '用户的名称', type: 'Range', value: '=预算表!$A$1' });
    // 校验 works on what was inserted: a blank report, read where the template put it.
    const { host } = excelHostOn(book, { sets });
    const outcome = await actions.runCheck(host);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.value.report.metadata.year).toBe(2024);
    expect(outcome.value.result.issues.some((i) => i.ruleId === 'CELL-BLANK')).toBe(true);
  };

  test.each(['copied', 'ref', 'dropped'] as const)('ExcelApi 1.13, names %s by the insertion: every XXGK_ name points where it must afterwards', async (insertedNames) => {
    const book = userBook();
    const { host } = excelHostOn(book, { sets: '1.13', insertedNames, insertLoses: insertedNames === 'ref' ? ['protection', 'hiding'] : [] });
    const r = await actions.insertTemplate(host, '2021', 2024, base64, async () => true);
    expect(r).toEqual({ ok: true, value: { status: 'inserted', problems: [] } });
    const xxgk = book.names.filter((n) => n.name.startsWith('XXGK_'));
    expect(xxgk.length).toBe(new Set(xxgk.map((n) => n.name)).size);
    expect(xxgk.find((n) => n.name === 'XXGK_T3')).toEqual({ name: 'XXGK_T3', type: 'Range', value: '=表三!$D$6:$J$30' });
    expect(xxgk.every((n) => n.type === 'Range')).toBe(true);
    expect(book.sheet('_xxgk')!.visibility).toBe('VeryHidden');
    expect(book.active).toBe(sheetName('cover'));
    await expectWorkingTemplate(book, '1.13');
  });

  test.each(['1.2', '1.6'])('ExcelApi %s: the sheets are built through the basic API; what this Excel lacks is said in Chinese', async (sets) => {
    const book = userBook();
    const { host } = excelHostOn(book, { sets });
    const r = await actions.insertTemplate(host, '2021', 2024, base64, async () => true);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.status).toBe('inserted');
    if (sets === '1.2') expect(r.value.problems.join('\n')).toMatch(/不能添加名称（需要 ExcelApi 1\.4）/);
    else expect(book.names.find((n) => n.name === 'XXGK_T3')).toEqual({ name: 'XXGK_T3', type: 'Range', value: '=表三!$D$6:$J$30' });
    expect(r.value.problems.join('\n')).toMatch(/数据验证（需要 ExcelApi 1\.8）/);
    expect(book.sheet('表三')!.merges.length).toBeGreaterThan(3);
    expect(book.sheet('表三')!.peek(6, 10)!.formula).toBe('=SUM(D6:I6)');
    expect(book.sheet('_xxgk')!.visibility).toBe('VeryHidden');
    // “差 N” red where conditional formats exist (1.6), as in the template file; and 清除标记 leaves them.
    expect(templateFormats(book)).toHaveLength(sets === '1.6' ? layout.checks.length : 0);
    await expectWorkingTemplate(book, sets);
  });

  test('report sheets already there: asks first; 取消 changes nothing; 替换 removes only the report sheets and names', async () => {
    const book = userBook();
    const { host } = excelHostOn(book, { sets: '1.13' });
    await actions.insertTemplate(host, '2021', 2024, base64, async () => true);
    const before = { cells: cellsOf(book), names: [...book.names], sheets: book.sheets.map((s) => s.name) };
    const confirm = jest.fn(async () => false);
    expect(await actions.insertTemplate(host, '2021', 2024, base64, confirm)).toEqual({ ok: true, value: { status: 'cancelled', problems: [] } });
    expect(confirm).toHaveBeenCalled();
    expect({ cells: cellsOf(book), names: book.names, sheets: book.sheets.map((s) => s.name) }).toEqual(before);
    const replaced = await actions.insertTemplate(host, '2019', 2020, base64, async () => true);
    expect(replaced).toEqual({ ok: true, value: { status: 'inserted', problems: [] } });
    expect(book.sheets.map((s) => s.name)).toEqual(['预算表', ...getLayout('2019').sheets.map((s) => s.name)]);
    expect(book.names.filter((n) => n.type !== 'Range')).toEqual([]);
    const outcome = await actions.runCheck(excelHostOn(book, { sets: '1.13' }).host);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.value.report.format).toBe('2019');
  });
});

describe.each(['1.2', '1.6', '1.13'])('ExcelApi %s: 替换 in a workbook holding only the report sheets', (sets) => {
  test('Excel refuses to delete the last visible sheet: a placeholder stands in, and is gone afterwards', async () => {
    const book = await excelBookOf(base);
    const { host } = excelHostOn(book, { sets });
    const r = await actions.insertTemplate(host, '2019', 2020, async (f) => (await toBuffer(buildTemplate(f))).toString('base64'), async () => true);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.status).toBe('inserted');
    expect(book.sheets.map((s) => s.name)).toEqual(getLayout('2019').sheets.map((s) => s.name));
  });
});

describe('names as Excel documents them', () => {
  test('NamedItem.type null (office-js #5504) and values without “=”: the tables are still found by their names', async () => {
    const book = await excelBookOf(broken);
    const { host } = excelHostOn(book, { sets: '1.13', nullNameTypes: true });
    const r = await actions.runCheck(host);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.result.issues.some((i) => i.ruleId === 'T3-BALANCE')).toBe(true);
    expect(r.value.report.tables.t3.resultTotal!.natural).toBe(broken.tables.t3.resultTotal!.natural);
  });
});

describe('the strict fake refuses what Excel refuses', () => {
  test('a property read before load and sync, a call above the host\'s requirement sets, a write to a locked cell', async () => {
    const book = await excelBookOf(base);
    excelHostOn(book, { sets: '1.6' });
    const E = (globalThis as unknown as { Excel: { run: <T>(cb: (c: Excel.RequestContext) => Promise<T>) => Promise<T> } }).Excel;
    await expect(E.run(async (c) => c.workbook.worksheets.getItem('表三').name)).rejects.toMatchObject({ code: 'PropertyNotLoaded' });
    await expect(E.run(async (c) => c.workbook.worksheets.getItem('表三').getRanges('A1,B2').load('address'))).rejects.toMatchObject({ code: 'ApiNotFound' });
    await expect(
      E.run(async (c) => {
        c.workbook.worksheets.getItem('表三').getRange('J6').values = [[1]];
        await c.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidOperation' });
    await expect(
      E.run(async (c) => {
        c.workbook.worksheets.getItem('表三').getRange('D6').conditionalFormats.clearAll();
        await c.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidOperation' });
  });
});

describe('downloads in Office', () => {
  test.each([
    ['Mac', 'no'],
    ['PC', 'unconfirmed'],
    ['OfficeOnline', 'yes'],
  ] as const)('Office on %s: downloads are %s (Mac drops them silently, office-js #2700)', async (platform, expected) => {
    const { host } = excelHostOn(await excelBookOf(base), { platform });
    expect(host.downloads).toBe(expected);
  });
});
