import { computeTotals, fillTotals, getFormat, suggestTotals, validate } from '../../src/model';
import { consistentReport, withCells } from '../helpers/reports';

describe('totals', () => {
  const base = consistentReport('2021', Array.from({ length: 300 }, (_, i) => (i % 5) + 1));

  test('every derived cell is computed: row totals, 三（七）总计, 表四 总计', () => {
    const totals = computeTotals(base);
    const f = getFormat('2021');
    expect([...totals.keys()].sort()).toEqual(f.cells.filter((c) => c.derived).map((c) => c.id).sort());
    expect(totals.size).toBe(25 + 6 + 3);
    const t3 = base.tables.t3 as Record<string, Record<string, number>>;
    expect(totals.get('t3.resultTotal.total')).toBe(t3.resultTotal!.total);
    expect(totals.get('t4.review.total')).toBe(base.tables.t4.review!.total);
  });

  test('fillTotals repairs overwritten totals and leaves the input and the inputs alone', () => {
    const broken = withCells(base, { 't3.resultTotal.natural': 0, 't3.new.total': '无', 't4.review.total': null, 't3.disclosed.natural': 7 });
    const before = JSON.stringify(broken);
    expect(validate(broken).valid).toBe(false);
    const filled = fillTotals(broken);
    expect(JSON.stringify(broken)).toBe(before);
    expect(filled.tables.t3.disclosed!.natural).toBe(7);
    const after = validate(filled);
    // Totals now add up; only the balance, which depends on the user's own numbers, can still fail.
    expect(after.issues.filter((i) => i.ruleId !== 'T3-BALANCE')).toEqual([]);
  });

  test('suggestTotals lists exactly the totals that differ, with their current content', () => {
    const broken = withCells(base, { 't4.review.total': null, 't3.carryForward.total': '5' });
    const t3 = base.tables.t3 as Record<string, Record<string, number>>;
    expect(suggestTotals(broken)).toEqual([
      { cell: 't3.carryForward.total', current: '5', computed: t3.carryForward!.total },
      { cell: 't4.review.total', current: null, computed: base.tables.t4.review!.total },
    ]);
    expect(suggestTotals(base)).toEqual([]);
  });
});
