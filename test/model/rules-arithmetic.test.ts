import { validate, type FormatId } from '../../src/model';
import { flat, ofRule } from '../helpers/issues';
import { consistentReport, withCells } from '../helpers/reports';

const nums = Array.from({ length: 400 }, (_, i) => ((i * 17) % 5) + 1);

describe.each(['2019', '2021'] as FormatId[])('arithmetic rules, format %s', (format) => {
  const base = consistentReport(format, nums);
  const t3 = base.tables.t3 as Record<string, Record<string, number>>;

  test('a consistent report passes', () => {
    expect(validate(base).valid).toBe(true);
  });

  test('T3-ROW-TOTAL: a wrong row total names the total and its addends', () => {
    const r = validate(withCells(base, { 't3.unable.notHeld.total': t3['unable.notHeld']!.total! + 2 }));
    const issues = ofRule(r, 'T3-ROW-TOTAL');
    expect(issues).toHaveLength(1);
    expect(issues[0]!.severity).toBe('error');
    expect(issues[0]!.cells).toEqual([
      't3.unable.notHeld.total',
      't3.unable.notHeld.natural',
      't3.unable.notHeld.commercial',
      't3.unable.notHeld.research',
      't3.unable.notHeld.publicWelfare',
      't3.unable.notHeld.legalService',
      't3.unable.notHeld.otherOrg',
    ]);
    expect(issues[0]!.params).toMatchObject({ diff: 2 });
  });

  test('T3-RESULT-TOTAL: 三（七）总计 must sum the leaf rows, not the group headings', () => {
    const r = validate(withCells(base, { 't3.resultTotal.legalService': t3.resultTotal!.legalService! - 1 }));
    const issues = ofRule(r, 'T3-RESULT-TOTAL');
    expect(issues.map((i) => [i.severity, i.cells[0]])).toEqual([['error', 't3.resultTotal.legalService']]);
    expect(issues[0]!.cells).toContain('t3.withheld.stateSecret.legalService');
    expect(issues[0]!.cells).toContain(format === '2021' ? 't3.other.unpaidFee.legalService' : 't3.other.legalService');
    expect(issues[0]!.cells).not.toContain('t3.new.legalService');
  });

  test('T3-BALANCE: 一+二 = 三（七）总计+四, with the printed message', () => {
    const r = validate(withCells(base, { 't3.carryForward.natural': t3.carryForward!.natural! + 1, 't3.carryForward.total': t3.carryForward!.total! + 1 }));
    expect(flat(r, 'T3-BALANCE')).toEqual([
      ['T3-BALANCE', 'error', ['t3.new.natural', 't3.carriedOver.natural', 't3.resultTotal.natural', 't3.carryForward.natural']],
      ['T3-BALANCE', 'error', ['t3.new.total', 't3.carriedOver.total', 't3.resultTotal.total', 't3.carryForward.total']],
    ]);
    const lhs = t3.new!.natural! + t3.carriedOver!.natural!;
    // Typed numbers (no formulas): some two dozen cells could each explain it — what to look for, no cell blamed.
    expect(ofRule(r, 'T3-BALANCE')[0]!.message).toBe(`表三 自然人列：一+二=${lhs}，三（七）总计+四=${lhs + 1}，相差1。自然人列 一+二 比 三（七）总计+四 少 1：本列某一格少填了 1（或多填了 1），单凭合计无法确定是哪一格，请逐项核对`);
  });

  test('T4-GROUP-TOTAL: each of the three groups has its own total', () => {
    const t4 = base.tables.t4 as Record<string, Record<string, number>>;
    const r = validate(withCells(base, { 't4.litigationAfterReview.total': t4.litigationAfterReview!.total! + 3 }));
    expect(flat(r, 'T4-GROUP-TOTAL')).toEqual([
      [
        'T4-GROUP-TOTAL',
        'error',
        [
          't4.litigationAfterReview.total',
          't4.litigationAfterReview.upheld',
          't4.litigationAfterReview.corrected',
          't4.litigationAfterReview.other',
          't4.litigationAfterReview.pending',
        ],
      ],
    ]);
    expect(ofRule(r, 'T4-GROUP-TOTAL')[0]!.message).toMatch(/^表四 行政诉讼·复议后起诉：总计=\d+，结果维持\+结果纠正\+其他结果\+尚未审结=\d+，相差3。行政诉讼·复议后起诉 总计 比 结果维持\+结果纠正\+其他结果\+尚未审结 多 3：本行某一格少填了 3（或多填了 3），单凭合计无法确定是哪一格，请逐项核对$/);
  });
});

describe('root-cause hints', () => {
  const base = consistentReport('2021', nums);
  const t3 = base.tables.t3 as Record<string, Record<string, number>>;

  test('one wrong 三（七）总计 cell explains its row total, its column total and the balance', () => {
    const r = validate(withCells(base, { 't3.resultTotal.research': t3.resultTotal!.research! + 4 }));
    expect(r.counts.error).toBe(3);
    expect(r.hints).toEqual([
      expect.objectContaining({ cell: 't3.resultTotal.research', suggested: t3.resultTotal!.research!, resolves: 3 }),
    ]);
    expect(r.hints[0]!.message).toContain('表三 （七）总计 · 科研机构 很可能填错');
    expect(r.issues.every((i) => i.rootCause === 't3.resultTotal.research')).toBe(true);
  });

  test('a wrong leaf cell is found too: its row total and its column sum both point at it', () => {
    const r = validate(withCells(base, { 't3.disclosed.natural': t3.disclosed!.natural! + 1 }));
    expect(r.hints.map((h) => [h.cell, h.suggested])).toEqual([['t3.disclosed.natural', t3.disclosed!.natural!]]);
  });

  test('no hint where no single cell explains the failures', () => {
    // 一 raised in 自然人 and in 总计: the row adds up, two column balances fail, no cell is in both.
    const r = validate(withCells(base, { 't3.new.natural': t3.new!.natural! + 1, 't3.new.total': t3.new!.total! + 1 }));
    expect(r.issues.map((i) => i.ruleId)).toEqual(['T3-BALANCE', 'T3-BALANCE']);
    expect(r.hints).toEqual([]);
  });
});
