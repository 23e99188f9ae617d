import { getLayout } from '../../src/model/layout';
import { recorder } from '../helpers/recorder';

type Actions = typeof import('../../src/taskpane/actions');

function host(script: Parameters<typeof recorder>[0]) {
  const h = recorder(script);
  Object.assign(globalThis, { Excel: h.Excel, Office: h.Office });
  let actions!: Actions;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    actions = require('../../src/taskpane/actions') as Actions;
  });
  return { ...h, actions };
}

const base64 = async () => 'UEsDBA==';
const layout = getLayout('2021');

describe('插入模板', () => {
  test('ExcelApi 1.13: inserts the template file, adds the defined names it lacks, writes the year; no question asked', async () => {
    const h = host({ sheets: ['预算表'], names: [], sets: '1.13' });
    const confirm = jest.fn(async () => true);
    const r = await h.actions.insertTemplate('2021', 2024, base64, confirm);
    expect(r).toEqual({ ok: true, value: 'inserted' });
    expect(confirm).not.toHaveBeenCalled();
    expect(h.rec.calls.filter((c) => c.path.endsWith('insertWorksheetsFromBase64')).map((c) => c.args)).toEqual([['UEsDBA==', { positionType: 'End' }]]);
    const added = h.rec.calls.filter((c) => c.path.endsWith('names.add')).map((c) => c.args[0]);
    expect(added).toEqual(expect.arrayContaining(['XXGK_FORMAT', 'XXGK_T3', 'XXGK_T4', 'XXGK_META_YEAR', 'XXGK_TEXT_OTHER']));
    expect(h.rec.sets.find((s) => s.path.includes('worksheets.getItem(基本信息).getRange(B6)') && s.path.endsWith('.values'))?.value).toEqual([[2024]]);
    expect(h.rec.calls.some((c) => c.path.includes('delete'))).toBe(false);
  });

  test('report sheets already there: asks first; “取消” changes nothing', async () => {
    const h = host({ sheets: ['预算表', ...layout.sheets.map((s) => s.name)], names: ['XXGK_FORMAT', 'XXGK_T3'], sets: '1.13' });
    const r = await h.actions.insertTemplate('2021', 2024, base64, async () => false);
    expect(r).toEqual({ ok: true, value: 'cancelled' });
    expect(h.rec.calls.filter((c) => /delete|insertWorksheets|add/.test(c.path))).toEqual([]);
  });

  test('“替换” removes only the report sheets and names, never the user’s other sheets', async () => {
    const h = host({ sheets: ['预算表', ...layout.sheets.map((s) => s.name)], names: ['XXGK_FORMAT', 'XXGK_T3', '用户的名称'], sets: '1.13' });
    const r = await h.actions.insertTemplate('2021', 2024, base64, async () => true);
    expect(r.ok).toBe(true);
    const deleted = h.rec.calls.filter((c) => c.path.endsWith('.delete')).map((c) => c.path);
    expect(deleted).toEqual(expect.arrayContaining(layout.sheets.map((s) => `worksheets[${s.name}].delete`)));
    expect(deleted).not.toContain('worksheets[预算表].delete');
    expect(deleted).not.toContain('names[用户的名称].delete');
    // The very hidden sheet is made visible before it can be deleted.
    expect(h.rec.sets).toContainEqual({ path: 'worksheets[_xxgk].visibility', value: 'Visible' });
  });

  test('ExcelApi 1.4–1.12: the sheets are built through the basic API from the same layout', async () => {
    const h = host({ sheets: [], names: [], sets: '1.8' });
    const r = await h.actions.insertTemplate('2021', 2024, base64, async () => true);
    expect(r).toEqual({ ok: true, value: 'inserted' });
    expect(h.rec.calls.filter((c) => c.path.endsWith('worksheets.add')).map((c) => c.args[0])).toEqual(layout.sheets.map((s) => s.name));
    const set = (needle: string) => h.rec.sets.find((s) => s.path.includes(needle))?.value;
    expect(set('worksheets.add(表三).getRange(D3).values')).toEqual([['申请人情况']]);
    expect(set('worksheets.add(表三).getRange(J6).formulas')).toEqual([['=SUM(D6:I6)']]);
    expect(String((set('worksheets.add(表三).getRange(K6).formulas') as string[][])[0]![0])).toMatch(/^=IF\(ROUND\(SUM\(J6\)-SUM\(D6:I6\),6\)=0,"✓"/);
    expect(set('worksheets.add(_xxgk).getRange(B1).values')).toEqual([['2021']]);
    expect(h.rec.calls.filter((c) => c.path.endsWith('.merge')).length).toBeGreaterThan(10);
    expect(h.rec.calls.filter((c) => c.path.endsWith('names.add')).map((c) => c.args[0])).toContain('XXGK_T3');
    expect(h.rec.sets).toContainEqual({ path: 'context.workbook.worksheets.add(_xxgk).visibility', value: 'VeryHidden' });
  });
});
