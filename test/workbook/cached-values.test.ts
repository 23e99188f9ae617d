/**
 * Every workbook the project writes carries, for each formula, the value Excel would compute: a
 * reader that does not recalculate (a mail preview, pandas, the streaming reader here) shows the
 * same totals and checks as Excel.
 */
import { computeTotals, fillTotals, getFormat } from '../../src/model';
import { getLayout } from '../../src/sheet/layout';
import { xlsxSource } from '../../src/sheet/xlsx/xlsx-source';
import { buildTemplate } from '../../src/workbook/template';
import { fillTemplate } from '../../src/workbook/fill';
import { consistentReport, withCells } from '../helpers/reports';
import { toBuffer } from '../helpers/workbooks';

const base = consistentReport('2021', Array.from({ length: 300 }, (_, i) => (i % 6) + 1));

async function cells(wb: Parameters<typeof toBuffer>[0], format: '2019' | '2021') {
  const source = xlsxSource(new Uint8Array(await toBuffer(wb)));
  const layout = getLayout(format);
  const sheet = (id: string) => source.sheet(layout.sheets.find((s) => s.id === id)!.name)!;
  return {
    value: (id: string) => {
      const p = layout.cells.get(id)!;
      return sheet(p.sheet).cell(p.row, p.col);
    },
    checks: layout.checks.map((c) => ({ check: c, cell: sheet(c.sheet).cell(c.row, c.col) })),
  };
}

describe('cached formula results', () => {
  test('the blank template: totals 0, every check “✓”, each a formula with its result', async () => {
    for (const format of ['2019', '2021'] as const) {
      const c = await cells(buildTemplate(format), format);
      for (const d of getFormat(format).cells.filter((x) => x.derived)) expect([d.id, c.value(d.id).value, c.value(d.id).formula, c.value(d.id).noResult]).toEqual([d.id, 0, true, false]);
      expect(new Set(c.checks.map((x) => x.cell.text))).toEqual(new Set(['✓']));
    }
  });

  test('a filled report with a mistyped input: totals as the model computes them, checks “差 N” where a sum breaks', async () => {
    // The totals keep their formulas (the report's totals are what they compute).
    const broken = fillTotals(withCells(base, { 't3.carryForward.natural': (base.tables.t3.carryForward!.natural as number) + 2 }));
    const c = await cells(fillTemplate(broken), '2021');
    const totals = computeTotals(broken);
    for (const d of getFormat('2021').cells.filter((x) => x.derived)) expect([d.id, c.value(d.id).value]).toEqual([d.id, totals.get(d.id)]);
    const failing = c.checks.filter((x) => x.cell.text !== '✓').map((x) => x.cell.text);
    // The 自然人 column's and the 总计 column's 结转 balance.
    expect(failing).toEqual(['差 2', '差 2']);
  });

  test('a total typed over keeps the typed value; the checks that depend on it show the difference', async () => {
    const typed = withCells(base, { 't4.review.total': 99 });
    const c = await cells(fillTemplate(typed), '2021');
    expect(c.value('t4.review.total')).toMatchObject({ value: 99, formula: false });
    expect(c.checks.filter((x) => x.cell.text !== '✓').map((x) => x.cell.text)).toEqual([`差 ${99 - (base.tables.t4.review!.total as number)}`]);
  });
});
