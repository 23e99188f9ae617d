/**
 * The task panes on a workbook NOT made from the template — an office's own spreadsheet holding the
 * three tables, split over sheets with their own names, shifted, with blank rows, a protected sheet
 * and the user's own conditional formats — on the strict fake Excel and the strict fake ET: 校验
 * finds the tables by their labels, marks land on the user's cells, 清除标记 removes exactly ours,
 * clicking selects the user's cell, 说明 go into our hidden sheet added to the workbook; nothing of
 * the user's changes.
 */
import { validate, type Report } from '../../src/model';
import { MARK_COLORS, MARK_FORMULA } from '../../src/host/areas';
import type { SpreadsheetHost } from '../../src/host/types';
import type { EtApplication } from '../../src/host/wps/et';
import { WpsHost } from '../../src/host/wps';
import { a1 } from '../../src/sheet/a1';
import { withExplanation } from '../../src/model';
import * as actions from '../../src/taskpane/actions';
import { cellsOf, excelHostOn, sheetStates } from '../helpers/excel-host';
import { FakeEt } from '../helpers/fake-et';
import { fakeWorkbookOf, type FakeWorkbook } from '../helpers/fake-excel';
import { foreignExcelJS } from '../helpers/foreign-workbooks';
import { consistentReport, withCells, withText } from '../helpers/reports';
import { toBuffer } from '../helpers/workbooks';
import { lostFormulas, totalRepairs } from '../../src/sheet/totals';

const base = withText(consistentReport('2021', Array.from({ length: 300 }, (_, i) => ((i * 7) % 5) + 1)));
/** A county's report with a mistyped input (a sum that fails) and a 规章 it cannot make (a warning to explain). */
const report = withCells({ ...base, metadata: { ...base.metadata, agencyName: '测试县人民政府', agencyKind: 'county' } } as Report, {
  't3.disclosed.natural': (base.tables.t3.disclosed!.natural as number) + 2,
  't2.rules.issued': 3,
});

/** The office's workbook: the tables on sheets of their own, a user's formats on them, one sheet protected (no password). */
async function officeWorkbook(): Promise<FakeWorkbook> {
  const wb = foreignExcelJS(report, { top: 3, left: 2, split: true, blankEvery: 4, note: true, dropT4: false });
  // The user's own formats over the tables our marks go on: a formula rule and a data bar.
  for (const ws of wb.worksheets) ws.addConditionalFormatting({ ref: 'B3:K60', rules: [{ type: 'expression', priority: 1, formulae: ['B3>1000'], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFDDEBF7' } } } }] });
  const book = await fakeWorkbookOf(await toBuffer(wb));
  // (A data bar is not a custom format: its rule has no formula to read.)
  for (const s of book.sheets) s.marks.push({ address: 'C5:J40', formula: '', fill: '', type: 'DataBar' });
  const t3 = book.sheets.find((s) => [...s.cells.values()].some((c) => String(c.value).includes('申请人情况')))!;
  t3.protected = true;
  t3.options = { allowFormatColumns: false, allowFormatRows: false, allowFormatCells: false };
  return book;
}

const ours = (book: FakeWorkbook) =>
  book.sheets
    .flatMap((s) => s.marks.filter((m) => m.formula === MARK_FORMULA).flatMap((m) => m.address.split(',').map((a) => `${s.name}!${a} ${m.fill}`)))
    .sort();
const users = (book: FakeWorkbook) => book.sheets.flatMap((s) => s.marks.filter((m) => m.formula !== MARK_FORMULA).map((m) => `${s.name}!${m.address} ${m.type ?? 'Custom'} ${m.formula}`)).sort();
const userCells = (book: FakeWorkbook) => Object.fromEntries(Object.entries(cellsOf(book)).filter(([k]) => !k.startsWith('_xxgk!')));
const tableFindings = (issues: readonly { ruleId: string; cells: readonly string[] }[]) => issues.filter((i) => /^(T|CELL|NARRATIVE)/.test(i.ruleId)).map((i) => `${i.ruleId} ${i.cells.join(',')}`);

const hosts: [string, (book: FakeWorkbook) => SpreadsheetHost][] = [
  ['Excel (ExcelApi 1.13)', (book) => excelHostOn(book, { sets: '1.13' }).host],
  ['Excel (ExcelApi 1.6)', (book) => excelHostOn(book, { sets: '1.6' }).host],
  ['WPS 表格', (book) => new WpsHost(new FakeEt(book) as unknown as EtApplication, { templatePath: () => '' })],
];

describe.each(hosts)('%s, a workbook not made from the template', (_name, hostOn) => {
  test('校验 reads the tables by their labels and marks the user\'s own cells; 清除标记 removes exactly ours; nothing of the user\'s changes', async () => {
    const book = await officeWorkbook();
    const [cells, states, formats] = [userCells(book), sheetStates(book), users(book)];
    const host = hostOn(book);
    const outcome = await actions.runCheck(host);
    if (!outcome.ok) throw new Error(outcome.message);
    const { result, places } = outcome.value;
    // The same findings as the report itself, and where the tables were found said in Chinese.
    expect(tableFindings(result.issues)).toEqual(tableFindings(validate(report).issues));
    const foreign = result.issues.find((i) => i.ruleId === 'FORM-FOREIGN');
    expect(foreign?.message).toMatch(/^这不是本系统的模板，已按表格标签读取：找到表二（“.+”[A-Z]+\d+:[A-Z]+\d+）、表三（“.+”.+）、表四（“.+”.+）/);
    expect(outcome.value.marked).toBe(true);
    // Each mark at the place the reader found its cell, in the level's colour — on the user's sheets.
    const expected = actions.marksOf(result.issues, places).map((m) => `${m.place.sheet}!${a1(m.place.row, m.place.col)} ${MARK_COLORS[m.severity]}`).sort();
    expect(expected.length).toBeGreaterThan(3);
    expect(ours(book)).toEqual(expected);
    const disclosed = places['t3.disclosed.natural']!;
    expect(ours(book)).toContain(`${disclosed.sheet}!${a1(disclosed.row, disclosed.col)} ${MARK_COLORS.error}`);
    expect([userCells(book), sheetStates(book), users(book)]).toEqual([cells, states, formats]);

    // 校验 again replaces ours; 清除标记 leaves the user's formats and protection as they were.
    expect((await actions.runCheck(host)).ok).toBe(true);
    expect(ours(book)).toEqual(expected);
    expect(await actions.clearMarks(host, outcome.value.report.format)).toEqual({ ok: true, value: undefined });
    expect(ours(book)).toEqual([]);
    expect([userCells(book), sheetStates(book), users(book)]).toEqual([cells, states, formats]);
  });

  test('clicking an issue selects the user\'s cell; 说明 go into our hidden sheet added to the workbook and come back', async () => {
    const book = await officeWorkbook();
    const sheets = book.sheets.map((s) => s.name);
    const cells = userCells(book);
    const host = hostOn(book);
    const first = await actions.runCheck(host);
    if (!first.ok) throw new Error(first.message);
    const issue = first.value.result.issues.find((i) => i.ruleId === 'T2-RULES-AUTHORITY')!;
    const place = first.value.places[issue.cells[0]!]!;
    expect(await actions.selectCell(host, place)).toEqual({ ok: true, value: true });
    expect([book.active, book.selected]).toEqual([place.sheet, `${place.sheet}!${a1(place.row, place.col)}`]);

    const saved = await actions.saveExplanations(host, withExplanation(first.value.report, issue, '代县政府起草的规章草案'));
    expect(saved).toEqual({ ok: true, value: undefined });
    // Our sheet after the user's, very hidden; the user's sheet still shown and their cells unchanged.
    expect(book.sheets.map((s) => s.name)).toEqual([...sheets, '_xxgk']);
    expect(book.sheet('_xxgk')!.visibility).toBe('VeryHidden');
    expect(book.active).toBe(place.sheet);
    expect(userCells(book)).toEqual(cells);
    const second = await actions.runCheck(host);
    if (!second.ok) throw new Error(second.message);
    // Still read by its labels (our sheet holds no format marker), the 说明 attached to its warning.
    expect(second.value.result.issues.some((i) => i.ruleId === 'FORM-FOREIGN')).toBe(true);
    expect(second.value.result.issues.find((i) => i.ruleId === 'T2-RULES-AUTHORITY')!.explanation).toBe('代县政府起草的规章草案');
  });
});

describe.each(hosts)('%s: 填入合计 in a workbook not made from the template', (_name, hostOn) => {
  test('the SUM goes into the user\'s total cell over the user\'s own cells, on the protected sheet, which is protected again; the total then reads right', async () => {
    const typed = withCells(report, { 't3.resultTotal.natural': (report.tables.t3.resultTotal!.natural as number) + 3 });
    const wb = foreignExcelJS(typed, { top: 2, left: 1, split: false, blankEvery: 0, note: false, dropT4: false });
    const book = await fakeWorkbookOf(await toBuffer(wb));
    book.sheets[0]!.protected = true;
    const host = hostOn(book);
    const first = await actions.runCheck(host);
    if (!first.ok) throw new Error(first.message);
    const repairs = totalRepairs(first.value.report, first.value.places, lostFormulas(first.value.result.issues));
    const repair = repairs.find((r) => r.cell === 't3.resultTotal.natural')!;
    expect(await actions.applyTotalRepairs(host, repairs)).toEqual({ ok: true, value: repairs.length });
    expect(book.sheets[0]!.peek(repair.place.row, repair.place.col)!.formula).toBe(`=${repair.formula}`);
    expect(book.sheets[0]!.protected).toBe(true);
    const second = await actions.runCheck(host);
    if (!second.ok) throw new Error(second.message);
    expect(second.value.report.tables.t3.resultTotal!.natural).toBe(repair.computed);
    expect(repair.computed).not.toBe(typed.tables.t3.resultTotal!.natural);
  });
});
