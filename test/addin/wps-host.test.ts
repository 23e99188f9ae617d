/**
 * The task pane in WPS 表格, on the strict fake ET object model (test/helpers/fake-et.ts): the
 * same scenarios as the Excel host — 校验 with marks on the protected template, clear, 填入合计,
 * 上年数据, 说明, 插入模板 — and the custom functions registered the WPS way.
 */
import ExcelJS from 'exceljs';
import { getFormat, validateRead, type Report } from '../../src/model';
import { WpsHost } from '../../src/host/wps';
import { MARK_FORMULA as WPS_MARK_FORMULA } from '../../src/host/areas';
import { bgr, etApplication, XL, type EtApplication } from '../../src/host/wps/et';
import { NAMESPACE, registerFunctions } from '../../src/host/wps/functions';
import { templateLocation } from '../../src/host/wps/paths';
import { definedNames, getLayout, nameReference, sheetName } from '../../src/sheet/layout';
import { totalRepairs } from '../../src/sheet/totals';
import { readWorkbookBuffer } from '../../src/sheet/xlsx/open';
import * as actions from '../../src/taskpane/actions';
import { fillTemplate } from '../../src/workbook/fill';
import { buildTemplate } from '../../src/workbook/template';
import { cellsOf, sheetStates } from '../helpers/excel-host';
import { FakeEt } from '../helpers/fake-et';
import { fakeWorkbookOf, FakeSheet, FakeWorkbook } from '../helpers/fake-excel';
import { withCells } from '../helpers/reports';
import { toBuffer } from '../helpers/workbooks';
import { at, base, broken, explanationRoundTrip, layout, savedByHost, previousWithOtherCarry } from '../helpers/host-scenarios';

const REPORT_SHEETS = ['基本信息', '表二', '表三', '表四'];
const TEMPLATE_DIR = '/home/clerk/.local/share/Kingsoft/wps/jsaddons/xxgk_0.1.0';

async function templates(): Promise<Map<string, ExcelJS.Workbook>> {
  const files = new Map<string, ExcelJS.Workbook>();
  for (const f of ['2021', '2019'] as const) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toBuffer(buildTemplate(f))) as unknown as ArrayBuffer);
    files.set(`${TEMPLATE_DIR}/assets/template-${f}.xlsx`, wb);
  }
  return files;
}

async function wpsOn(report: Report | FakeWorkbook, options: ConstructorParameters<typeof FakeEt>[2] = { insertedNames: 'copied' }) {
  const book = report instanceof FakeWorkbook ? report : await fakeWorkbookOf(await toBuffer(fillTemplate(report)));
  const et = new FakeEt(book, await templates(), options);
  const host = new WpsHost(et as unknown as EtApplication, { templatePath: (f) => templateLocation(f, `file://${TEMPLATE_DIR}/taskpane.html`) });
  return { book, et, host };
}

/** The add-in's marks, and the others (the template's “差 N” formats, a user's). */
const marksOf = (book: FakeWorkbook) => book.sheets.flatMap((s) => s.marks.filter((m) => m.formula === WPS_MARK_FORMULA).map((m) => [s.name, m.address, m.fill, m.formula] as const));
const othersOf = (book: FakeWorkbook) => book.sheets.flatMap((s) => s.marks.filter((m) => m.formula !== WPS_MARK_FORMULA).map((m) => `${s.name}!${m.address} ${m.formula}`));

describe('WPS 表格 host', () => {
  test('校验 on the protected template: the report as the file reader gets it; marks as our conditional formats; values, formulas and protection unchanged', async () => {
    const { book, host } = await wpsOn(broken);
    const cells = cellsOf(book);
    const states = sheetStates(book);
    const outcome = await actions.runCheck(host);
    if (!outcome.ok) throw new Error(outcome.message);
    // What the file holds, as WPS shows it (J29 a formula, recalculated from the typed-over D29).
    const fromFile = await readWorkbookBuffer(await toBuffer(fillTemplate(broken)));
    const shown = fromFile.report;
    expect(outcome.value.report.tables).toEqual(shown.tables);
    expect(outcome.value.report.metadata).toEqual(fromFile.report.metadata);
    expect(outcome.value.result.issues.map((i) => [i.ruleId, i.cells[0]])).toEqual(validateRead({ ...fromFile, report: shown }).issues.map((i) => [i.ruleId, i.cells[0]]));
    expect(outcome.value.marked).toBe(true);
    expect(cellsOf(book)).toEqual(cells);
    expect(sheetStates(book)).toEqual(states);
    const t3 = marksOf(book).filter((m) => m[0] === '表三');
    expect(t3.every((m) => m[3] === WPS_MARK_FORMULA)).toBe(true);
    const red = t3.filter((m) => m[2] === '#FFC7CE').flatMap((m) => m[1].split(','));
    const orange = t3.filter((m) => m[2] === '#FCE4D6').flatMap((m) => m[1].split(','));
    expect(red).toEqual([at('t3.resultTotal.natural')]);
    expect(orange).toEqual(expect.arrayContaining(['t3.new.natural', 't3.carryForward.natural', 't3.disclosed.natural', 't3.resultTotal.total'].map(at)));
    expect(marksOf(book).filter((m) => m[0] === '表二').map((m) => [m[1], m[2]])).toEqual([
      [at('t2.license.decisions'), '#FFC7CE'],
      [at('t2.rules.issued'), '#FFEB9C'],
    ]);
  });

  test('校验 again replaces the marks; 清除标记 removes exactly ours — a format the user added stays — and the sheets are protected again', async () => {
    const { book, host } = await wpsOn(broken);
    const userFormat = { address: 'D6:I6', formula: '=D6>100', fill: '#00FF00' };
    book.sheet('表三')!.marks.push(userFormat);
    const others = othersOf(book);
    expect(others.length).toBeGreaterThan(layout.checks.length);
    const states = sheetStates(book);
    await actions.runCheck(host);
    const once = marksOf(book);
    await actions.runCheck(host);
    expect(marksOf(book)).toEqual(once);
    expect(await actions.clearMarks(host)).toEqual({ ok: true, value: undefined });
    expect(marksOf(book)).toEqual([]);
    expect(othersOf(book)).toEqual(others);
    expect(book.sheet('表三')!.marks).toContain(userFormat);
    expect(sheetStates(book)).toEqual(states);
  });

  test('填入合计 writes the total formula into the locked cell of the protected sheet, which then recalculates', async () => {
    const { book, host } = await wpsOn(broken);
    const states = sheetStates(book);
    const outcome = await actions.runCheck(host);
    if (!outcome.ok) throw new Error(outcome.message);
    const repairs = totalRepairs(outcome.value.report, outcome.value.places);
    expect(repairs.map((r) => [r.address, r.formula])).toEqual([
      ['表三!D29', 'SUM(D8:D28)'],
      ['表三!J29', 'SUM(D29:I29)'],
    ]);
    expect(await actions.applyTotalRepairs(host, repairs)).toEqual({ ok: true, value: 2 });
    expect(book.sheet('表三')!.peek(29, 4)!.formula).toBe('=SUM(D8:D28)');
    expect(sheetStates(book)).toEqual(states);
    const after = await actions.runCheck(host);
    if (!after.ok) throw new Error(after.message);
    expect(after.value.result.issues.filter((i) => i.ruleId.startsWith('T3-'))).toEqual([]);
  });

  test('说明 are stored in the hidden sheet and come back attached to their warning', async () => {
    const { book, host } = await wpsOn(broken);
    expect(await explanationRoundTrip(host)).toEqual({ saved: { ok: true, value: undefined }, explanation: '代县政府起草的规章草案' });
    expect(book.sheet('_xxgk')!.visibility).toBe('VeryHidden');
    // Saved and mailed: the file the office receives gives the 说明 back to the CLI and the page.
    const file = await savedByHost(broken, book.sheet('_xxgk')!);
    expect(file.report.explanations?.map((e) => e.text)).toEqual(['代县政府起草的规章草案']);
  });

  test('上年数据: last year\'s report is compared with this one (结转)', async () => {
    const { host } = await wpsOn(base);
    const outcome = await actions.runCheck(host, previousWithOtherCarry());
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.value.result.issues.map((i) => i.ruleId)).toContain('XY-CARRY');
  });

  test('汇总 into the open workbook: input cells written on the protected sheets, totals stay formulas', async () => {
    const { book, host } = await wpsOn(base);
    const states = sheetStates(book);
    const r = await actions.writeReportValues(host, withCells(base, { 't3.new.natural': 40 }));
    expect(r).toEqual({ ok: true, value: getFormat('2021').cells.filter((c) => !c.derived).length });
    expect(book.sheet('表三')!.peek(6, 4)!.value).toBe(40);
    expect(book.sheet('表三')!.peek(6, 10)!.formula).toBe('=SUM(D6:I6)');
    expect(sheetStates(book)).toEqual(states);
  });

  test('clicking an issue activates its sheet and selects its cell', async () => {
    const { book, host } = await wpsOn(broken);
    expect(await actions.selectCell(host, { sheet: '表三', row: 29, col: 4 })).toEqual({ ok: true, value: true });
    expect([book.active, book.selected]).toEqual(['表三', '表三!D29']);
  });

  test('a sheet protected with a password: the result is shown, no marks, a Chinese reason naming the sheet; 填入合计 refused', async () => {
    const { book, host } = await wpsOn(broken);
    book.sheet('表三')!.password = 'secret';
    const outcome = await actions.runCheck(host);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.value.result.counts.error).toBeGreaterThan(0);
    expect(outcome.value.marked).toMatch(/^未能标记问题单元格：工作表“表三”受保护.*撤销工作表保护/);
    expect(REPORT_SHEETS.map((n) => book.sheet(n)!.protected)).toEqual([true, true, true, true]);
    const fill = await actions.applyTotalRepairs(host, totalRepairs(outcome.value.report, outcome.value.places));
    expect(fill).toEqual({ ok: false, message: expect.stringMatching(/^未能写入单元格：工作表“表三”受保护/) });
    expect(book.sheet('表三')!.peek(29, 4)!.formula).toBeUndefined();
  });

  test('no workbook open, or a workbook holding no report table: a Chinese message pointing to 插入模板, no exception', async () => {
    const empty = new FakeWorkbook();
    empty.sheets.push(new FakeSheet('Sheet1'));
    const { host } = await wpsOn(empty);
    expect(await actions.runCheck(host)).toEqual({ ok: false, message: expect.stringMatching(/^找不到表二、表三、表四.*插入模板/) });
    const none = new WpsHost({ ActiveWorkbook: null } as unknown as EtApplication, { templatePath: () => '' });
    expect(await actions.runCheck(none)).toEqual({ ok: false, message: expect.stringMatching(/^WPS 表格中没有打开的工作簿/) });
  });
});

describe.each(['copied', 'ref', 'dropped'] as const)('WPS 插入模板 (names %s by the copy)', (insertedNames) => {
  test('the template\'s sheets after the user\'s, every XXGK_ name where it must be, hidden sheet very hidden, sheets protected, the year written; 校验 then reads it', async () => {
    const book = new FakeWorkbook();
    const own = new FakeSheet('预算表');
    own.cell(1, 1).value = '部门预算';
    book.sheets.push(own);
    book.names.push({ name: '用户的名称', type: 'Range', value: '=预算表!$A$1' });
    const { et, host } = await wpsOn(book, { insertedNames });
    const r = await actions.insertTemplate(host, '2021', 2024, async () => '', async () => true);
    expect(r).toEqual({ ok: true, value: { status: 'inserted', problems: [] } });
    expect(book.sheets.map((s) => s.name)).toEqual(['预算表', ...layout.sheets.map((s) => s.name)]);
    expect(book.sheet('预算表')!.peek(1, 1)!.value).toBe('部门预算');
    expect(book.names.find((n) => n.name === '用户的名称')!.value).toBe('=预算表!$A$1');
    for (const n of definedNames(layout)) expect([n.name, book.names.find((x) => x.name === n.name)?.value]).toEqual([n.name, `=${nameReference(n)}`]);
    expect(book.sheet('_xxgk')!.visibility).toBe('VeryHidden');
    for (const s of layout.sheets.filter((s) => !s.hidden && s.id !== 'text')) expect([s.name, book.sheet(s.name)!.protected]).toEqual([s.name, true]);
    const year = layout.meta.find((m) => m.field === 'year')!;
    expect(book.sheet('基本信息')!.peek(year.row, year.col)!.value).toBe(2024);
    expect(et.opened).toEqual([]);
    const check = await actions.runCheck(host);
    if (!check.ok) throw new Error(check.message);
    expect(check.value.report.metadata.year).toBe(2024);
    // Inserting again asks first, and replaces the sheets without a WPS dialog.
    let asked = 0;
    const again = await actions.insertTemplate(host, '2021', 2025, async () => '', async () => (asked++, true));
    expect([asked, again.ok, et.log.dialogs]).toEqual([1, true, 0]);
    expect(book.sheets.filter((s) => s.name === '表三')).toHaveLength(1);
  });
});

describe('WPS 替换 and values as ET gives them', () => {
  test('替换 in a workbook holding only the report sheets (the downloaded template, last year’s file): done, no sheet left over', async () => {
    const { book, et, host } = await wpsOn(base);
    expect(book.sheets.every((s) => layout.sheets.some((l) => l.name === s.name))).toBe(true);
    const r = await actions.insertTemplate(host, '2019', 2020, async () => '', async () => true);
    expect(r).toEqual({ ok: true, value: { status: 'inserted', problems: [] } });
    expect(book.sheets.map((s) => s.name)).toEqual(getLayout('2019').sheets.map((s) => s.name));
    expect(et.log.dialogs).toBe(0);
  });

  test('an error value comes as its XlCVError number: read as that error; a count that happens to be 2023 stays a count', async () => {
    const { book, host } = await wpsOn(base);
    const p = layout.cells.get('t3.disclosed.natural')!;
    const q = layout.cells.get('t4.review.upheld')!;
    book.sheet(sheetName(p.sheet))!.cell(p.row, p.col).value = '#REF!';
    book.sheet(sheetName(q.sheet))!.cell(q.row, q.col).value = 2023;
    const r = await actions.runCheck(host);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.report.tables.t3.disclosed!.natural).toEqual({ error: '#REF!' });
    expect(r.value.report.tables.t4.review!.upheld).toBe(2023);
    expect(r.value.result.issues.some((i) => i.ruleId === 'CELL-FORMULA-ERROR' && i.cells[0] === 't3.disclosed.natural')).toBe(true);
  });
});

describe('WPS host pieces', () => {
  test('the host is found by what the page can reach: WPS 表格\'s ET model, not WPS 文字, not a browser', () => {
    expect(etApplication({})).toBeUndefined();
    expect(etApplication({ Application: { Documents: {}, ActiveDocument: null } })).toBeUndefined();
    const app = { Workbooks: {}, ActiveWorkbook: null };
    expect(etApplication({ Application: app })).toBe(app);
  });

  test('the template\'s location from the pane\'s page: a local path on Linux and Windows, the URL online', () => {
    expect(templateLocation('2021', 'file:///home/clerk/.local/share/Kingsoft/wps/jsaddons/xxgk_0.1.0/taskpane.html')).toBe('/home/clerk/.local/share/Kingsoft/wps/jsaddons/xxgk_0.1.0/assets/template-2021.xlsx');
    expect(templateLocation('2019', 'file:///C:/Users/%E5%BC%A0%E4%B8%89/AppData/Roaming/kingsoft/wps/jsaddons/xxgk_0.1.0/taskpane.html')).toBe('C:\\Users\\张三\\AppData\\Roaming\\kingsoft\\wps\\jsaddons\\xxgk_0.1.0\\assets\\template-2019.xlsx');
    expect(templateLocation('2021', 'http://10.1.2.3/addins/xxgk_0.1.0/taskpane.html')).toBe('http://10.1.2.3/addins/xxgk_0.1.0/assets/template-2021.xlsx');
  });

  test('ET constants agree with wps-jsapi\'s declarations; colours are BGR', () => {
    const expression: Et.EtXlFormatConditionType.xlExpression = XL.expression;
    const visible: Et.EtXlSheetVisibility.xlSheetVisible = XL.sheetVisible;
    const veryHidden: Et.EtXlSheetVisibility.xlSheetVeryHidden = XL.sheetVeryHidden;
    expect([expression, visible, veryHidden]).toEqual([2, -1, 2]);
    expect(bgr('#FFC7CE').toString(16)).toBe('cec7ff');
  });

  test('XXGK.ROWTOTAL, BALANCE, CHECK, JSON registered with wps.AddCustomFunction; they compute what the Excel ones do; a bad range is #VALUE! text', () => {
    const registered = new Map<string, (...a: unknown[]) => unknown>();
    const names = registerFunctions({ AddCustomFunction: (ns, name, fn) => void (ns === NAMESPACE && registered.set(name, fn)) });
    expect(names).toEqual(['ROWTOTAL', 'BALANCE', 'CHECK', 'JSON']);
    expect(registered.get('ROWTOTAL')!([[1, '2', '', null, '无']])).toBe(3);
    expect(registered.get('ROWTOTAL')!([[1, 2], [3, 4]])).toMatch(/^#VALUE! ROWTOTAL 只接受一行或一列单元格/);
    expect(registerFunctions(undefined)).toEqual([]);
  });
});
