import { validate, type Report } from '../../src/model';
import { flat, ofRule } from '../helpers/issues';
import { consistentReport, withCells, zeroReport } from '../helpers/reports';

const meta = (r: Report, m: Partial<Report['metadata']>): Report => ({ ...r, metadata: { ...r.metadata, ...m } }) as Report;

describe('table 二 consistency (warnings)', () => {
  const r2019 = zeroReport('2019');
  const r2021 = zeroReport('2021');

  test('T2-2019-PUBLISHED: 本年新公开数量 > 对外公开总数量', () => {
    expect(ofRule(validate(withCells(r2019, { 't2.normative.published': 3, 't2.normative.totalPublished': 3 })), 'T2-2019-PUBLISHED')).toEqual([]);
    const r = validate(withCells(r2019, { 't2.normative.published': 5, 't2.normative.totalPublished': 3 }));
    expect(flat(r, 'T2-2019-PUBLISHED')).toEqual([['T2-2019-PUBLISHED', 'warning', ['t2.normative.published', 't2.normative.totalPublished']]]);
    expect(ofRule(r, 'T2-2019-PUBLISHED')[0]!.message).toBe('表二 规范性文件：本年新公开数量（5）大于对外公开总数量（3）');
  });

  test('T2-2019-PROJECTS: 上一年项目数量 + 本年增/减 < 0', () => {
    expect(ofRule(validate(withCells(r2019, { 't2.fees.prevProjects': 8, 't2.fees.change': -8 })), 'T2-2019-PROJECTS')).toEqual([]);
    const r = validate(withCells(r2019, { 't2.fees.prevProjects': 8, 't2.fees.change': -10 }));
    expect(flat(r, 'T2-2019-PROJECTS')).toEqual([['T2-2019-PROJECTS', 'warning', ['t2.fees.prevProjects', 't2.fees.change']]]);
    expect(r.valid).toBe(true);
  });

  test('T2-2021-IN-FORCE: 现行有效件数 below 制发 − 废止', () => {
    expect(ofRule(validate(withCells(r2021, { 't2.normative.issued': 5, 't2.normative.repealed': 1, 't2.normative.inForce': 4 })), 'T2-2021-IN-FORCE')).toEqual([]);
    const r = validate(withCells(r2021, { 't2.normative.issued': 5, 't2.normative.repealed': 1, 't2.normative.inForce': 2 }));
    expect(flat(r, 'T2-2021-IN-FORCE')).toEqual([
      ['T2-2021-IN-FORCE', 'warning', ['t2.normative.inForce', 't2.normative.issued', 't2.normative.repealed']],
    ]);
  });

  test('format-specific rules never fire on the other format', () => {
    const r = validate(withCells(r2021, { 't2.normative.issued': 5, 't2.normative.inForce': 0 }), {});
    expect(ofRule(r, 'T2-2019-PUBLISHED')).toEqual([]);
    expect(ofRule(validate(withCells(r2019, { 't2.normative.published': 9 })), 'T2-2021-IN-FORCE')).toEqual([]);
  });

  test('T2-RULES-AUTHORITY: a town reporting 规章 gets a warning; a city does not', () => {
    const withRules = withCells(r2021, { 't2.rules.issued': 6, 't2.rules.inForce': 6 });
    expect(ofRule(validate(meta(withRules, { agencyKind: 'city' })), 'T2-RULES-AUTHORITY')).toEqual([]);
    expect(ofRule(validate(meta(withRules, { agencyKind: 'stateCouncilDept' })), 'T2-RULES-AUTHORITY')).toEqual([]);
    const r = validate(meta(withRules, { agencyKind: 'township' }));
    expect(flat(r, 'T2-RULES-AUTHORITY')).toEqual([['T2-RULES-AUTHORITY', 'warning', ['t2.rules.issued', 't2.rules.inForce']]]);
    expect(ofRule(r, 'T2-RULES-AUTHORITY')[0]!.message).toContain('乡镇人民政府、街道办事处');
    expect(ofRule(validate(meta(r2021, { agencyKind: 'township' })), 'T2-RULES-AUTHORITY')).toEqual([]);
  });
});

describe('metadata rules', () => {
  const base = zeroReport('2021', 2024);

  test('META-REQUIRED: blank 机关名称 and missing 机关类型 are errors', () => {
    const r = validate({ ...base, metadata: { agencyName: ' ', year: 2024 } } as Report);
    expect(ofRule(r, 'META-REQUIRED').map((i) => [i.severity, i.message])).toEqual([
      ['error', '基本信息：未填写“机关名称”'],
      ['error', '基本信息：未填写“机关类型”'],
    ]);
    expect(ofRule(validate(base), 'META-REQUIRED')).toEqual([]);
  });

  test('META-YEAR-FORMAT: 2020 in format 2021, 2022 in format 2019', () => {
    expect(ofRule(validate(meta(base, { year: 2021 })), 'META-YEAR-FORMAT')).toEqual([]);
    const r = validate(meta(base, { year: 2020 }));
    expect(ofRule(r, 'META-YEAR-FORMAT').map((i) => [i.severity, i.message])).toEqual([['warning', '报告年度 2020 应使用 2019 版格式，当前为 2021 版格式']]);
    expect(ofRule(validate(meta(zeroReport('2019'), { year: 2022 })), 'META-YEAR-FORMAT')).toHaveLength(1);
  });

  test('META-CREDIT-CODE: checked when given (GB 32100 check character)', () => {
    // The worked example of GB 32100-2015.
    expect(ofRule(validate(meta(base, { creditCode: '91350100M000100Y43' })), 'META-CREDIT-CODE')).toEqual([]);
    expect(ofRule(validate(meta(base, { creditCode: '' })), 'META-CREDIT-CODE')).toEqual([]);
    const wrong = ofRule(validate(meta(base, { creditCode: '91350100M000100Y44' })), 'META-CREDIT-CODE');
    expect(wrong.map((i) => [i.severity, i.params.problem, i.params.expected])).toEqual([['error', 'checksum', '3']]);
    expect(ofRule(validate(meta(base, { creditCode: '1110000000001312' })), 'META-CREDIT-CODE')[0]!.params.problem).toBe('length');
    expect(ofRule(validate(meta(base, { creditCode: '11100000000013127I' })), 'META-CREDIT-CODE')[0]!.params.problem).toBe('charset');
  });

  test('META-PHONE: fixed lines, mobiles and hotlines pass; other text warns', () => {
    for (const phone of ['0551-12345678', '(0551)12345678', '13800138000', '010-6512 3456'.replace(' ', ''), '12345']) {
      expect([phone, ofRule(validate(meta(base, { phone })), 'META-PHONE')]).toEqual([phone, []]);
    }
    expect(ofRule(validate(meta(base, { phone: '无' })), 'META-PHONE').map((i) => i.severity)).toEqual(['warning']);
  });

  test('META-DATE: an impossible date, a date inside the report year, a date years later', () => {
    expect(ofRule(validate(meta(base, { date: '2025-01-15' })), 'META-DATE')).toEqual([]);
    const problems = ['2025-02-30', '2024-12-01', '2027-01-10'].map((date) => ofRule(validate(meta(base, { date })), 'META-DATE')[0]?.params.problem);
    expect(problems).toEqual(['invalid', 'early', 'future']);
  });
});

describe('ordering', () => {
  test('issues come cover sheet first, then tables by position, then the narrative', () => {
    const r = validate(
      withCells({ ...consistentReport('2021', [1, 2, 3]), metadata: { agencyName: '', year: 2024 }, narrative: { overview: '本年度未收到政府信息公开申请。' } } as Report, {
        't4.review.total': 5,
        't2.license.decisions': '无',
        't3.new.natural': 7,
      }),
    );
    const areas = r.issues.map((i) => i.area);
    expect(areas).toEqual([...areas].sort((a, b) => ['meta', 't2', 't3', 't4', 'narrative'].indexOf(a) - ['meta', 't2', 't3', 't4', 'narrative'].indexOf(b)));
    expect(new Set(areas)).toEqual(new Set(['meta', 't2', 't3', 't4', 'narrative']));
  });
});
