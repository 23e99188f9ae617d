import { validate, type Report } from '../../src/model';
import { flat, ofRule } from '../helpers/issues';
import { consistentReport, withCells } from '../helpers/reports';

const nums = Array.from({ length: 400 }, (_, i) => ((i * 13) % 6) + 1);

/** Last year's report and this year's, consistent with each other for every XY rule. */
function pair(format: '2019' | '2021', prevFormat: '2019' | '2021' = format): { previous: Report; current: Report } {
  const previousYear = prevFormat === '2021' ? 2023 : format === '2019' ? 2019 : 2020;
  const previous = consistentReport(prevFormat, nums, previousYear);
  let current = consistentReport(format, nums.slice(7).concat(nums), prevFormat === format ? previous.metadata.year! + 1 : 2021);
  const f = current.tables.t3 as Record<string, Record<string, number>>;
  const p = previous.tables.t3 as Record<string, Record<string, number>>;
  // Carry last year's 四 into this year's 二, keeping this year's balance by moving the difference into 一.
  const changes: Record<string, number> = {};
  for (const col of Object.keys(p.carryForward!)) {
    const delta = p.carryForward![col]! - f.carriedOver![col]!;
    changes[`t3.carriedOver.${col}`] = p.carryForward![col]!;
    changes[`t3.new.${col}`] = f.new![col]! - delta;
  }
  if (format === '2021' && prevFormat === '2021') {
    const t2 = current.tables.t2 as Record<string, Record<string, number>>;
    const pt2 = previous.tables.t2 as Record<string, Record<string, number>>;
    for (const row of ['rules', 'normative']) changes[`t2.${row}.inForce`] = pt2[row]!.inForce! + t2[row]!.issued! - t2[row]!.repealed!;
  }
  if (format === '2019') {
    const pt2 = previous.tables.t2 as Record<string, Record<string, number>>;
    for (const row of ['license', 'otherServices', 'penalty', 'enforcement', 'fees']) {
      changes[`t2.${row}.prevProjects`] = pt2[row]!.prevProjects! + pt2[row]!.change!;
    }
  }
  current = withCells(current, changes);
  return { previous, current };
}

describe('cross-year rules', () => {
  test.each([
    ['2021', '2021'],
    ['2021', '2019'],
    ['2019', '2019'],
  ] as const)('a %s report consistent with last year’s %s report passes', (format, prevFormat) => {
    const { previous, current } = pair(format, prevFormat);
    const r = validate(current, { previous });
    expect(r.issues.map((i) => i.message)).toEqual([]);
  });

  test('XY-CARRY: this year’s 二 ≠ last year’s 四, column by column, across formats', () => {
    const { previous, current } = pair('2021', '2019');
    const c = current.tables.t3 as Record<string, Record<string, number>>;
    // Moved from 一 to 二 in 自然人 and 总计: every sum of this year still holds.
    const broken = withCells(current, {
      't3.carriedOver.natural': c.carriedOver!.natural! + 1,
      't3.carriedOver.total': c.carriedOver!.total! + 1,
      't3.new.natural': c.new!.natural! - 1,
      't3.new.total': c.new!.total! - 1,
    });
    const r = validate(broken, { previous });
    expect(flat(r, 'XY-CARRY')).toEqual([
      ['XY-CARRY', 'warning', ['t3.carriedOver.natural']],
      ['XY-CARRY', 'warning', ['t3.carriedOver.total']],
    ]);
    expect(ofRule(r, 'XY-CARRY')[0]!.message).toBe(
      `表三 自然人列：本年“二、上年结转政府信息公开申请数量”为 ${c.carriedOver!.natural! + 1}，上年报告“四、结转下年度继续办理”为 ${c.carriedOver!.natural!}，两者应相等`,
    );
    expect(r.valid).toBe(true);
  });

  test('without last year’s report no XY rule runs', () => {
    const { current } = pair('2021', '2019');
    const broken = withCells(current, { 't3.carriedOver.natural': 99, 't3.new.natural': -5 });
    expect(validate(broken).issues.filter((i) => i.ruleId.startsWith('XY-'))).toEqual([]);
  });

  test('XY-RULES-IN-FORCE: 现行有效件数 = last year’s + 制发 − 废止 (format 2021 both years)', () => {
    const { previous, current } = pair('2021', '2021');
    const t2 = current.tables.t2 as Record<string, Record<string, number>>;
    const r = validate(withCells(current, { 't2.normative.inForce': t2.normative!.inForce! + 2 }), { previous });
    expect(flat(r, 'XY-RULES-IN-FORCE')).toEqual([
      ['XY-RULES-IN-FORCE', 'warning', ['t2.normative.inForce', 't2.normative.issued', 't2.normative.repealed']],
    ]);
  });

  test('XY-PROJECTS: 上一年项目数量 = last year’s 上一年项目数量 + 本年增/减 (format 2019 both years)', () => {
    const { previous, current } = pair('2019', '2019');
    const r = validate(withCells(current, { 't2.penalty.prevProjects': 0 }), { previous });
    const expected = (previous.tables.t2.penalty!.prevProjects as number) + (previous.tables.t2.penalty!.change as number);
    expect(flat(r, 'XY-PROJECTS')).toEqual([['XY-PROJECTS', 'warning', ['t2.penalty.prevProjects']]]);
    expect(ofRule(r, 'XY-PROJECTS')[0]!.params).toMatchObject({ expected, actual: 0 });
  });

  test('XY-YEAR: last year’s report must be of the year before', () => {
    const { previous, current } = pair('2021', '2021');
    const r = validate(current, { previous: { ...previous, metadata: { ...previous.metadata, year: 2021 } } as Report });
    expect(ofRule(r, 'XY-YEAR').map((i) => [i.severity, i.params])).toEqual([['warning', { year: 2024, previousYear: 2021 }]]);
  });
});
