import { validate } from '../../src/model';
import { flat, ofRule } from '../helpers/issues';
import { consistentReport, withCells } from '../helpers/reports';

const base = consistentReport('2021', Array.from({ length: 300 }, (_, i) => ((i * 31) % 7) + 1));

describe('cell content rules', () => {
  test('a consistent report has no cell issue', () => {
    expect(validate(base).issues).toEqual([]);
  });

  test('CELL-BLANK: null, empty text and a missing cell are each one error naming the cell', () => {
    const r = validate(withCells(base, { 't3.new.natural': null, 't2.rules.issued': '  ', 't4.review.upheld': undefined }));
    expect(flat(r, 'CELL-BLANK')).toEqual([
      ['CELL-BLANK', 'error', ['t2.rules.issued']],
      ['CELL-BLANK', 'error', ['t3.new.natural']],
      ['CELL-BLANK', 'error', ['t4.review.upheld']],
    ]);
    expect(ofRule(r, 'CELL-BLANK')[1]!.message).toBe('表三 一、本年新收政府信息公开申请数量 · 自然人：未填写，没有数据请填 0');
  });

  test('the arithmetic rules still run over blanks, counting them as 0', () => {
    const natural = base.tables.t3.new!.natural as number;
    expect(natural).toBeGreaterThan(0);
    const r = validate(withCells(base, { 't3.new.natural': null }));
    expect(flat(r, 'T3-BALANCE')).toEqual([['T3-BALANCE', 'error', expect.arrayContaining(['t3.new.natural'])]]);
    expect(flat(r, 'T3-ROW-TOTAL')[0]![2]).toContain('t3.new.natural');
  });

  test.each(['无', '-', '/', '—', '251000元', 'N/A'])('CELL-TEXT: “%s” in a count is an error, counted as 0', (text) => {
    const r = validate(withCells(base, { 't3.disclosed.research': text }));
    expect(flat(r, 'CELL-TEXT')).toEqual([['CELL-TEXT', 'error', ['t3.disclosed.research']]]);
    expect(ofRule(r, 'CELL-TEXT')[0]!.message).toContain(`“${text}”`);
    const old = base.tables.t3.disclosed!.research as number;
    const row = ofRule(r, 'T3-ROW-TOTAL')[0]!.params;
    expect(row.lhs - row.rhs).toBe(old);
  });

  test.each([
    ['１２', 12],
    [' 3 ', 3],
    ['0', 0],
    ['1,200', 1200],
  ])('CELL-NUMBER-AS-TEXT: “%s” is a warning and counts as %d', (text, value) => {
    const r = validate(withCells(base, { 't4.review.upheld': text }));
    expect(flat(r, 'CELL-NUMBER-AS-TEXT')).toEqual([['CELL-NUMBER-AS-TEXT', 'warning', ['t4.review.upheld']]]);
    expect(ofRule(r, 'CELL-NUMBER-AS-TEXT')[0]!.params.value).toBe(value);
    const expectedTotalDiff = value - (base.tables.t4.review!.upheld as number);
    expect(ofRule(r, 'T4-GROUP-TOTAL')).toHaveLength(expectedTotalDiff === 0 ? 0 : 1);
  });

  test('CELL-NEGATIVE: a negative count or amount is an error; 本年增/减 may be negative', () => {
    const r = validate(withCells(base, { 't2.license.decisions': -1, 't2.fees.feeAmount': -0.5 }));
    expect(flat(r, 'CELL-NEGATIVE')).toEqual([
      ['CELL-NEGATIVE', 'error', ['t2.license.decisions']],
      ['CELL-NEGATIVE', 'error', ['t2.fees.feeAmount']],
    ]);
    const r2019 = validate(withCells(consistentReport('2019', [5, 3, 9, 20]), { 't2.license.change': -8, 't2.license.prevProjects': 10 }));
    expect(ofRule(r2019, 'CELL-NEGATIVE')).toEqual([]);
  });

  test('CELL-NOT-INTEGER: a decimal count is an error; an amount in 万元 may have decimals', () => {
    const r = validate(withCells(base, { 't2.penalty.decisions': 2.5, 't2.fees.feeAmount': 12.75 }));
    expect(flat(r, 'CELL-NOT-INTEGER')).toEqual([['CELL-NOT-INTEGER', 'error', ['t2.penalty.decisions']]]);
  });

  test('CELL-FORMULA-ERROR: error values from the spreadsheet, as objects or as text', () => {
    const r = validate(withCells(base, { 't3.resultTotal.natural': { error: '#REF!' }, 't4.review.total': '#VALUE!' }));
    expect(flat(r, 'CELL-FORMULA-ERROR')).toEqual([
      ['CELL-FORMULA-ERROR', 'error', ['t3.resultTotal.natural']],
      ['CELL-FORMULA-ERROR', 'error', ['t4.review.total']],
    ]);
    expect(ofRule(r, 'CELL-FORMULA-ERROR')[0]!.message).toContain('#REF!');
  });

  test('CELL-IMPLAUSIBLE: a count of a billion is a warning', () => {
    const r = validate(withCells(base, { 't2.penalty.decisions': 1_000_000_000 }));
    expect(flat(r, 'CELL-IMPLAUSIBLE')).toEqual([['CELL-IMPLAUSIBLE', 'warning', ['t2.penalty.decisions']]]);
    expect(ofRule(validate(withCells(base, { 't2.penalty.decisions': 2_500_000 })), 'CELL-IMPLAUSIBLE')).toEqual([]);
  });
});

describe('reading cells whatever the order of a row’s keys', () => {
  test('a row with keys out of order, or with some missing, gives each issue once', () => {
    const shuffled = JSON.parse(JSON.stringify(base)) as typeof base;
    const row = shuffled.tables.t3.new as Record<string, unknown>;
    shuffled.tables.t3.new = { total: row.total, natural: '无', commercial: row.commercial } as never;
    const r = validate(shuffled);
    expect(flat(r, 'CELL-TEXT')).toEqual([['CELL-TEXT', 'error', ['t3.new.natural']]]);
    expect(flat(r, 'CELL-BLANK').map((i) => i[2][0])).toEqual(['t3.new.research', 't3.new.publicWelfare', 't3.new.legalService', 't3.new.otherOrg']);
    const prefix = JSON.parse(JSON.stringify(base)) as typeof base;
    prefix.tables.t3.carriedOver = { natural: '无' } as never;
    expect(flat(validate(prefix), 'CELL-TEXT')).toEqual([['CELL-TEXT', 'error', ['t3.carriedOver.natural']]]);
  });
});
