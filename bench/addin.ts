/** The add-in: context.sync() calls and Excel API calls per 校验, and the JavaScript the task pane loads. */
import { execFileSync } from 'child_process';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { dirname, join } from 'path';
import { gzipSync } from 'zlib';
import { runCheck } from '../src/taskpane/actions';
import { MARK_FORMULA } from '../src/host/areas';
import { consistentReport, withCells, withText } from '../test/helpers/reports';
import { fakeWorkbookOf } from '../test/helpers/fake-excel';
import { foreignExcelJS } from '../test/helpers/foreign-workbooks';
import { toBuffer } from '../test/helpers/workbooks';
import { excelBookOf, excelHostOn } from '../test/helpers/excel-host';

export async function benchAddin(): Promise<void> {
  console.log('\nadd-in — one 校验 of a full format-2021 report (strict fake Excel: protected template, marks)');
  const base = consistentReport('2021', Array.from({ length: 300 }, (_, i) => (i % 6) + 1));
  for (const [label, report, sets] of [
    ['clean report, ExcelApi 1.13', base, '1.13'],
    ['6 problem cells, ExcelApi 1.13 (RangeAreas marks)', withCells(base, { 't3.resultTotal.natural': 0, 't4.review.total': 99, 't2.license.decisions': '无' }), '1.13'],
    ['6 problem cells, ExcelApi 1.6 (a mark per cell)', withCells(base, { 't3.resultTotal.natural': 0, 't4.review.total': 99, 't2.license.decisions': '无' }), '1.6'],
    ['6 problem cells, ExcelApi 1.2 (Excel 2016: no marks)', withCells(base, { 't3.resultTotal.natural': 0, 't4.review.total': 99, 't2.license.decisions': '无' }), '1.2'],
  ] as const) {
    const { host, log, book } = excelHostOn(await excelBookOf(report), { sets });
    const outcome = await runCheck(host);
    if (!outcome.ok) throw new Error(outcome.message);
    const api = log.calls.filter((c) => c !== 'context.sync').length;
    // The add-in's own (MARK_FORMULA), not the template's “差 N” formats the file already has.
    const marks = book.sheets.reduce((n, s) => n + s.marks.filter((m) => m.formula === MARK_FORMULA).length, 0);
    console.log(`${label.padEnd(56)} context.sync(): ${log.syncs} (aim 2) · Excel API calls: ${api} · conditional formats added: ${marks}`);
  }
  // An office's own workbook (tables split over sheets, shifted): the first read tries the template, then
  // lists the sheets, their used areas and our marks, then the cells; one batch marks. A second 校验 knows.
  const broken = withCells(withText(base), { 't3.resultTotal.natural': 0, 't4.review.total': 99 });
  const { host, log } = excelHostOn(await fakeWorkbookOf(await toBuffer(foreignExcelJS(broken, { top: 3, left: 2, split: true, blankEvery: 0, note: false, dropT4: false }))), { sets: '1.13' });
  for (const label of ['office workbook, first 校验 (ExcelApi 1.13)', 'office workbook, 校验 again']) {
    const before = log.syncs;
    const outcome = await runCheck(host);
    if (!outcome.ok) throw new Error(outcome.message);
    console.log(`${label.padEnd(56)} context.sync(): ${log.syncs - before} (aim 4: 3 to read, 1 to mark; the first +1 for the template tried)`);
  }

  console.log('\nadd-in — JavaScript sizes (webpack production build, gzip -9), office.js not counted');
  // The project root, whether this runs from bench/ or compiled under dist/bench-build/bench/.
  let root = __dirname;
  while (!existsSync(join(root, 'package.json'))) root = dirname(root);
  execFileSync('npx', ['webpack', '--mode', 'production'], { stdio: 'ignore', cwd: root });
  const dir = join(root, 'dist/addin');
  const gz = (f: string) => gzipSync(readFileSync(join(dir, f)), { level: 9 }).length;
  const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
  const pane = gz('functions.js') + gz('taskpane.js');
  for (const f of files) console.log(`  ${f.padEnd(28)} ${(gz(f) / 1024).toFixed(1)} KB gzip`);
  console.log(`task pane in Excel (functions.js + taskpane.js): ${(pane / 1024).toFixed(1)} KB gzip (aim ≤ 60 KB: ratio ${(pane / 1024 / 60).toFixed(2)})`);
}
