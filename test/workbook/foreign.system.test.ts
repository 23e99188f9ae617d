/**
 * Workbooks not made from the template, as a real spreadsheet program writes them: the README's
 * examples rendered as a web page, opened by LibreOffice and saved as .xlsx and as .xls (one sheet,
 * tables as plain cells, merged headings, no defined names) validate with the same table and
 * narrative rules as the report itself.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseReport, validate, validateRead, type Report } from '../../src/model';
import { renderHtml } from '../../src/publish/render-html';
import { openReport } from '../../src/flows/open-report';
import { htmlAsSpreadsheet } from '../helpers/libreoffice';
import { a1 } from '../../src/sheet/a1';
import { MARK_COLORS, MARK_FORMULA } from '../../src/host/areas';
import { WpsHost } from '../../src/host/wps';
import type { EtApplication } from '../../src/host/wps/et';
import * as actions from '../../src/taskpane/actions';
import { excelHostOn } from '../helpers/excel-host';
import { FakeEt } from '../helpers/fake-et';
import { fakeWorkbookOf, type FakeWorkbook } from '../helpers/fake-excel';

jest.setTimeout(180_000);

const samples = join(__dirname, '../../assets/samples');
const load = (name: string): Report => {
  const p = parseReport(JSON.parse(readFileSync(join(samples, name), 'utf8')));
  if (!p.ok) throw new Error(name);
  return p.value;
};
const open = (buf: Buffer) =>
  openReport(new Uint8Array(buf), async () => import('../../src/model/schema/lazy'), async () => import('../../src/sheet/xls/xls-source'));
/** Table and narrative findings: rule and first cell. */
const findings = (issues: readonly { ruleId: string; cells: readonly string[] }[]) => issues.filter((i) => /^(T|CELL|NARRATIVE)/.test(i.ruleId)).map((i) => `${i.ruleId} ${i.cells[0] ?? ''}`);

describe.each(['xlsx', 'xls'] as const)('a report page saved by LibreOffice as .%s', (as) => {
  test.each(['example-2021-mistakes.json', 'xiangshan-hrss-2020.json'])('%s: the same table and narrative findings as the JSON, read where they stand', async (name) => {
    const report = load(name);
    const opened = await open(htmlAsSpreadsheet(renderHtml(report), as));
    const result = validateRead(opened);
    expect(findings(result.issues)).toEqual(findings(validate(report).issues));
    // The narrative's headings are the tables' too: one copy of the report is not a table found twice.
    expect(result.issues.filter((i) => i.ruleId === 'FORM-TABLE-TWICE')).toEqual([]);
    expect(opened.report.tables).toEqual(JSON.parse(JSON.stringify(report.tables)));
    expect(opened.report.metadata.agencyName).toBe(report.metadata.agencyName);
    expect(opened.report.metadata.year).toBe(report.metadata.year);
    // Where it was found is said, and every cell has its place in the user's sheet.
    expect(result.issues.find((i) => i.ruleId === 'FORM-FOREIGN')?.message).toMatch(/找到表二（“.+”[A-Z]+\d+:[A-Z]+\d+）、表三（.+）、表四（.+）/);
    expect(Object.keys(opened.places).filter((k) => k.startsWith('t3.')).length).toBeGreaterThan(150);
  });
});

describe('the same .xlsx open in the task pane', () => {
  const hosts: [string, (book: FakeWorkbook) => Parameters<typeof actions.runCheck>[0]][] = [
    ['Excel', (book) => excelHostOn(book, { sets: '1.13' }).host],
    ['WPS 表格', (book) => new WpsHost(new FakeEt(book) as unknown as EtApplication, { templatePath: () => '' })],
  ];
  test.each(hosts)('%s: the findings of the JSON, marks on the cells LibreOffice wrote them in', async (_name, hostOn) => {
    const report = load('example-2021-mistakes.json');
    const book = await fakeWorkbookOf(htmlAsSpreadsheet(renderHtml(report), 'xlsx'));
    const outcome = await actions.runCheck(hostOn(book));
    if (!outcome.ok) throw new Error(outcome.message);
    expect(findings(outcome.value.result.issues)).toEqual(findings(validate(report).issues));
    const marks = book.sheets.flatMap((s) => s.marks.filter((m) => m.formula === MARK_FORMULA).flatMap((m) => m.address.split(',').map((a) => `${s.name}!${a} ${m.fill}`))).sort();
    const expected = actions.marksOf(outcome.value.result.issues, outcome.value.places).map((m) => `${m.place.sheet}!${a1(m.place.row, m.place.col)} ${MARK_COLORS[m.severity]}`).sort();
    expect(marks).toEqual(expected);
    expect(marks.length).toBeGreaterThan(0);
  });
});
