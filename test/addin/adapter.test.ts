import type ExcelJS from 'exceljs';
import { validate, type Report } from '../../src/model';
import { getLayout } from '../../src/model/layout';
import { getFormat } from '../../src/model';
const getFormatCells = (f: '2021') => getFormat(f).cells;
import { fillTemplate } from '../../src/workbook/fill';
import { consistentReport, withCells } from '../helpers/reports';
import { excelHost, type HostLog } from '../helpers/office-mock';
import { load, toBuffer } from '../helpers/workbooks';
import { readWorkbookBuffer } from '../../src/workbook/load';

type Actions = typeof import('../../src/taskpane/actions');

/** Installs the mock host as the globals Excel and Office, then loads the task pane's actions. */
function host(wb: ExcelJS.Workbook, sets = '1.13'): { actions: Actions; log: HostLog } {
  const h = excelHost(wb, { sets });
  Object.assign(globalThis, { Excel: h.Excel, Office: h.Office });
  let actions!: Actions;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    actions = require('../../src/taskpane/actions') as Actions;
  });
  return { actions, log: h.log };
}

/** A workbook as Excel would hold it: filled, saved with its totals computed. */
async function excelWorkbook(report: Report): Promise<ExcelJS.Workbook> {
  return load(await toBuffer(fillTemplate(report)));
}

const base = consistentReport('2021', Array.from({ length: 300 }, (_, i) => ((i * 7) % 5) + 1));
const broken = withCells({ ...base, metadata: { ...base.metadata, agencyKind: 'county' } } as Report, {
  't3.resultTotal.natural': (base.tables.t3.resultTotal!.natural as number) + 1,
  't2.license.decisions': '无',
  't2.rules.issued': 3,
});

describe('Excel adapter (office-addin-mock)', () => {
  test('校验 reads the seeded grid into the same report the file reader gets, in one sync, and marks in one more', async () => {
    const wb = await excelWorkbook(broken);
    const { actions, log } = host(wb);
    const outcome = await actions.runCheck();
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const fromFile = await readWorkbookBuffer(await toBuffer(wb));
    expect(outcome.value.report.tables).toEqual(fromFile.report.tables);
    expect(outcome.value.report.metadata).toEqual(fromFile.report.metadata);
    expect(outcome.value.result.issues.map((i) => i.ruleId)).toEqual(validate(fromFile.report, { reading: fromFile.reading }).issues.map((i) => i.ruleId));
    expect(log.syncs).toBeLessThanOrEqual(2);
    expect(log.syncs).toBe(2);
    // The first sync comes after every load: nothing is read in a loop.
    const firstSync = log.calls.indexOf('context.sync');
    expect(log.calls.slice(firstSync + 1).filter((c) => c.endsWith('.load'))).toEqual([]);
  });

  test('marks exactly the problem cells, errors red and warnings yellow, without writing any value or format', async () => {
    const { actions, log } = host(await excelWorkbook(broken));
    const outcome = await actions.runCheck();
    if (!outcome.ok) throw new Error(outcome.message);
    const layout = getLayout('2021');
    const at = (id: string) => {
      const p = layout.cells.get(id)!;
      return `${String.fromCharCode(64 + p.col)}${p.row}`;
    };
    // RangeAreas (ExcelApi 1.9+): one conditional format per sheet and colour.
    expect(log.marks.map((m) => [m.sheet, m.address.split(',').sort().join(','), m.color]).sort()).toEqual(
      [
        ['表二', [at('t2.license.decisions')].join(','), '#FFC7CE'],
        ['表二', at('t2.rules.issued'), '#FFEB9C'],
        ['表三', [at('t3.new.natural'), at('t3.resultTotal.natural'), at('t3.resultTotal.total')].sort().join(','), '#FFC7CE'],
      ].sort(),
    );
    expect(log.writes).toEqual([]);
    // The previous marks are cleared first, on every report sheet.
    expect(log.cleared.map((c) => c.split('!')[0])).toEqual(['基本信息', '表二', '表三', '表四', '文字部分']);
    expect(log.calls.indexOf('conditionalFormats.clearAll')).toBeLessThan(log.calls.indexOf('conditionalFormats.add'));
  });

  test('on ExcelApi 1.6–1.8 each cell gets its own mark; on 1.1–1.5 validation still works, without marks', async () => {
    const r16 = host(await excelWorkbook(broken), '1.6');
    const o16 = await r16.actions.runCheck();
    expect(o16.ok && o16.value.marked).toBe(true);
    expect(r16.log.marks.every((m) => !m.address.includes(','))).toBe(true);
    expect(r16.log.marks).toHaveLength(5);

    const r12 = host(await excelWorkbook(broken), '1.2');
    const o12 = await r12.actions.runCheck();
    expect(o12.ok).toBe(true);
    if (!o12.ok) return;
    expect(o12.value.marked).toBe(false);
    expect(o12.value.result.counts.error).toBeGreaterThan(0);
    expect(r12.log.marks).toEqual([]);
    expect(r12.log.calls).not.toContain('names.getItem');
    expect(r12.log.syncs).toBe(1);
  });

  test('清除标记 removes the marks from the report sheets and writes nothing else', async () => {
    const { actions, log } = host(await excelWorkbook(broken));
    await actions.clearMarks();
    expect(log.cleared.map((c) => c.split('!')[0])).toEqual(['基本信息', '表二', '表三', '表四', '文字部分']);
    expect(log.writes).toEqual([]);
    expect(log.syncs).toBe(1);
  });

  test('clicking an issue selects its cell on its sheet', async () => {
    const { actions, log } = host(await excelWorkbook(broken));
    await actions.selectCell('表三!D29');
    expect(log.selected).toEqual(['表三!D29']);
    expect(log.calls).toContain('worksheet.activate');
  });

  test('a workbook without the template: a Chinese message, no exception', async () => {
    const wb = new (await import('exceljs')).default.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = '部门预算';
    const { actions } = host(wb);
    const outcome = await actions.runCheck();
    expect(outcome).toEqual({ ok: false, message: '工作簿中没有年报模板（或模板的工作表、名称被删除了），请先点击“插入模板”' });
  });

  test('explanations are read from the workbook and attached to their warnings', async () => {
    const wb = await excelWorkbook(broken);
    const explanation = [{ ruleId: 'T2-RULES-AUTHORITY', cell: 't2.rules.issued', text: '代拟规章草案', values: { 't2.rules.issued': 3, 't2.rules.inForce': broken.tables.t2.rules!.inForce } }];
    const info = wb.getWorksheet('_xxgk')!;
    info.getCell('A10').value = JSON.stringify(explanation);
    const { actions } = host(wb);
    const outcome = await actions.runCheck();
    if (!outcome.ok) throw new Error(outcome.message);
    const issue = outcome.value.result.issues.find((i) => i.ruleId === 'T2-RULES-AUTHORITY')!;
    expect(issue.explanation).toBe('代拟规章草案');
    // Saving writes the JSON back into the hidden sheet in one sync.
    const { actions: a2, log } = host(wb);
    const list = a2.withExplanation(outcome.value.report, issue, '新的说明');
    await a2.saveExplanations(list);
    expect(log.syncs).toBe(1);
    const written = log.writes.find((w) => w.what === 'values')!;
    expect(written.sheet).toBe('_xxgk');
    expect(JSON.parse(String((written.value as string[][])[0]![0]).slice(1))).toEqual([expect.objectContaining({ ruleId: 'T2-RULES-AUTHORITY', text: '新的说明' })]);
  });

  test('填入合计 lists the overwritten totals and restores their formulas', async () => {
    const { actions, log } = host(await excelWorkbook(broken));
    const outcome = await actions.runCheck();
    if (!outcome.ok) throw new Error(outcome.message);
    const repairs = actions.totalRepairs(outcome.value);
    expect(repairs.map((r) => [r.address, r.current, r.computed, r.formula])).toEqual([['表三!D29', (base.tables.t3.resultTotal!.natural as number) + 1, base.tables.t3.resultTotal!.natural, 'SUM(D8:D28)']]);
    await actions.applyTotalRepairs(repairs);
    expect(log.writes.filter((w) => w.what === 'formulas')).toEqual([{ sheet: '表三', address: 'D29', what: 'formulas', value: [['=SUM(D8:D28)']] }]);
  });

  test('汇总 into the open workbook: the sums go into the input cells only, where the tables are', async () => {
    const { actions, log } = host(await excelWorkbook(base));
    const sum = withCells(base, { 't3.new.natural': 40, 't2.license.decisions': 7 });
    const r = await actions.writeReportValues(sum);
    expect(r).toEqual({ ok: true, value: getFormatCells('2021').filter((c) => !c.derived).length });
    expect(log.syncs).toBe(2);
    const values = log.writes.filter((w) => w.what === 'values');
    expect(values).toContainEqual({ sheet: '表三', address: 'D6', what: 'values', value: [[40]] });
    expect(values).toContainEqual({ sheet: '表二', address: 'B8', what: 'values', value: [[7]] });
    // Totals keep their formulas.
    expect(values.find((w) => w.sheet === '表三' && w.address === 'J6')).toBeUndefined();
  });
});
