import { readFileSync } from 'fs';
import { join } from 'path';
import { parseChineseNumber, parseReport, validate, type Narrative, type Report } from '../../src/model';
import { flat, ofRule } from '../helpers/issues';
import { withCells, zeroReport } from '../helpers/reports';

const sample = (): Report => {
  const parsed = parseReport(JSON.parse(readFileSync(join(__dirname, '../../assets/samples/xiangshan-hrss-2020.json'), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  return parsed.value;
};

const TEXT: Narrative = { overview: '本年度工作情况。', proactive: '', requests: '', reviewLitigation: '', problems: '存在问题：公开不够及时。', other: '本年度未收取信息处理费。' };
const told = (r: Report, n: Partial<Narrative>): Report => ({ ...r, narrative: { ...TEXT, ...n } }) as Report;

describe('the sample report (相山区人社局 2020, format 2019)', () => {
  const report = sample();
  const result = validate(report);

  test('validates with no error and no warning', () => {
    expect(report.format).toBe('2019');
    expect(report.metadata.year).toBe(2020);
    expect(result.counts).toEqual({ error: 0, warning: 0, info: 1, explained: 0 });
    expect(result.valid).toBe(true);
  });

  test('NARRATIVE-FIGURES holds: “本年度未收到公开申请” agrees with 表三 一 总计 = 0', () => {
    expect(ofRule(result, 'NARRATIVE-FIGURES')).toEqual([]);
    // …and the rule is live on this text: one application in the table contradicts it.
    const r = validate(withCells(report, { 't3.new.natural': 1, 't3.new.total': 1, 't3.carryForward.natural': 1, 't3.carryForward.total': 1 }));
    expect(flat(r, 'NARRATIVE-FIGURES')).toEqual([['NARRATIVE-FIGURES', 'warning', ['t3.new.total']]]);
    expect(ofRule(r, 'NARRATIVE-FIGURES')[0]!.evidence).toEqual([expect.objectContaining({ phrase: '未收到公开申请', value: 0, section: 'overview' })]);
  });

  test('NARRATIVE-PARTS holds: the four quarters add up to 489; the 其中 list (405) leaves 84 as information', () => {
    expect(ofRule(result, 'NARRATIVE-PARTS')).toEqual([]);
    const info = ofRule(result, 'NARRATIVE-PARTS-UNACCOUNTED');
    expect(info.map((i) => [i.severity, i.params])).toEqual([['info', { total: 489, parts: 405, rest: 84 }]]);
    expect(info[0]!.evidence).toHaveLength(21);
  });

  test('NARRATIVE-PARTS fails when a quarter is misstated', () => {
    const overview = report.narrative!.overview!.replace('第四季度公开政府信息138条', '第四季度公开政府信息183条');
    const r = validate(told(report, { ...report.narrative, overview }));
    const issues = ofRule(r, 'NARRATIVE-PARTS');
    expect(issues.map((i) => [i.severity, i.params])).toEqual([['warning', { total: 489, parts: 534, split: '四个季度', exhaustive: true }]]);
    expect(issues[0]!.message).toBe('总体情况：四个季度之和为 534，与所述总数 489 不符');
    expect(issues[0]!.evidence!.map((e) => e.value)).toEqual([489, 100, 114, 137, 183]);
  });
});

describe('NARRATIVE-FIGURES', () => {
  // 一 = 3 applications, 二 = 1 carried over, 四 = 1 carried forward; 复议 2, 诉讼 1 + 0.
  const base = withCells(zeroReport('2021'), {
    't3.new.natural': 3, 't3.new.total': 3, 't3.carriedOver.natural': 1, 't3.carriedOver.total': 1,
    't3.disclosed.natural': 3, 't3.disclosed.total': 3, 't3.resultTotal.natural': 3, 't3.resultTotal.total': 3,
    't3.carryForward.natural': 1, 't3.carryForward.total': 1,
    't4.review.upheld': 2, 't4.review.total': 2, 't4.litigationDirect.pending': 1, 't4.litigationDirect.total': 1,
  });

  test.each([
    '全年共收到政府信息公开申请3件。',
    '全年共受理政府信息公开申请4件（含上年结转1件）。',
    '本年度收到政府信息公开申请三件，结转下年度继续办理1件。',
    '发生政府信息公开行政复议2件，行政诉讼1件。',
    '发生政府信息公开行政复议两件。',
  ])('agrees: %s', (overview) => {
    expect(validate(base).valid).toBe(true);
    expect(ofRule(validate(told(base, { overview })), 'NARRATIVE-FIGURES')).toEqual([]);
  });

  test.each([
    ['全年共收到政府信息公开申请2件。', '收到的政府信息公开申请', ['t3.new.total', 't3.carriedOver.total'], 2],
    ['本年度未收到政府信息公开申请。', '未收到政府信息公开申请', ['t3.new.total'], 0],
    ['结转下年度继续办理2件。', '结转下年度的申请', ['t3.carryForward.total'], 2],
    ['发生政府信息公开行政复议三件。', '行政复议', ['t4.review.total'], 3],
    ['因政府信息公开被提起行政诉讼3件。', '行政诉讼', ['t4.litigationDirect.total', 't4.litigationAfterReview.total'], 3],
  ])('contradicts: %s', (overview, subject, cells, stated) => {
    const r = validate(told(base, { overview }));
    const issues = ofRule(r, 'NARRATIVE-FIGURES');
    expect(issues.map((i) => [i.severity, i.params.subject, i.cells])).toEqual([['warning', subject, cells]]);
    expect(issues[0]!.evidence![0]!.value).toBe(stated);
  });

  test('“未发生…行政复议、行政诉讼” against non-zero 表四 names both', () => {
    const r = validate(told(base, { reviewLitigation: '本年度未发生因政府信息公开引起的行政复议、行政诉讼。' }));
    expect(ofRule(r, 'NARRATIVE-FIGURES').map((i) => i.params.subject)).toEqual(['未发生行政复议', '未发生行政诉讼']);
    expect(ofRule(validate(told(zeroReport('2021'), { reviewLitigation: '本年度未发生因政府信息公开引起的行政复议、行政诉讼。' })), 'NARRATIVE-FIGURES')).toEqual([]);
  });

  test('a sentence about something else (未发生政务公开责任追究事件) is not read as a figure', () => {
    expect(ofRule(validate(told(base, { overview: '2020年，未发生政务公开责任追究事件。' })), 'NARRATIVE-FIGURES')).toEqual([]);
  });
});

describe('NARRATIVE-SECTIONS', () => {
  const base = zeroReport('2021');
  test('all sections present passes; a missing 总体情况 is an error, a 五 that only says 无 warns', () => {
    expect(ofRule(validate(told(base, {})), 'NARRATIVE-SECTIONS')).toEqual([]);
    expect(ofRule(validate(told(base, {})), 'NARRATIVE-EMPTY')).toEqual([]);
    const r = validate({ ...base, narrative: { problems: '无', other: '本年度未收取信息处理费。' } } as Report);
    expect(ofRule(r, 'NARRATIVE-EMPTY').map((i) => [i.severity, i.message])).toEqual([['error', '正文“一、总体情况”没有填写；年度报告必须有这部分的文字（没有需要报告的事项写“无”）']]);
    expect(ofRule(r, 'NARRATIVE-SECTIONS').map((i) => [i.severity, i.message])).toEqual([['warning', '“五、存在的主要问题及改进情况”部分没有内容']]);
    expect(r.valid).toBe(false);
  });
  test('a report whose text part is all blank (a workbook whose 文字部分 was never filled) does not pass', () => {
    const r = validate({ ...base, narrative: { overview: '', proactive: '', requests: '', reviewLitigation: '', problems: ' ', other: '' } } as Report);
    expect(r.valid).toBe(false);
    expect(ofRule(r, 'NARRATIVE-EMPTY').map((i) => i.message)).toEqual([
      '报告没有正文：一、总体情况、五、存在的主要问题及改进情况、六、其他需要报告的事项都是空的；年度报告必须写明这些部分（在“文字部分”填写，没有需要报告的事项写“无”）',
    ]);
  });
  test('no narrative at all: the narrative rules do not run', () => {
    expect(validate(base).issues).toEqual([]);
  });
});

describe('NARRATIVE-FEE and NARRATIVE-FEE-STATEMENT (format 2021)', () => {
  const unpaid = withCells(zeroReport('2021'), {
    't3.new.natural': 2, 't3.new.total': 2, 't3.other.unpaidFee.natural': 2, 't3.other.unpaidFee.total': 2,
    't3.resultTotal.natural': 2, 't3.resultTotal.total': 2,
  });

  test('applications dropped for unpaid fees while section 六 says nothing of 信息处理费', () => {
    expect(validate(unpaid).valid).toBe(true);
    const r = validate(told(unpaid, { other: '无。' }));
    expect(flat(r, 'NARRATIVE-FEE')).toEqual([['NARRATIVE-FEE', 'warning', ['t3.other.unpaidFee.total']]]);
    expect(ofRule(validate(told(unpaid, { other: '本年度发出收费通知2件，申请人均未缴纳信息处理费。' })), 'NARRATIVE-FEE')).toEqual([]);
  });

  test('fees charged while no application was received', () => {
    const r = validate(told(zeroReport('2021'), { other: '本年度共收取信息处理费200元。' }));
    expect(ofRule(r, 'NARRATIVE-FEE').map((i) => [i.params.problem, i.evidence![0]!.value])).toEqual([['noApplications', 200]]);
    expect(ofRule(validate(told(zeroReport('2021'), { other: '本年度未收取信息处理费。' })), 'NARRATIVE-FEE')).toEqual([]);
  });

  test('section 六 must say whether fees were charged', () => {
    expect(flat(validate(told(zeroReport('2021'), { other: '无。' })), 'NARRATIVE-FEE-STATEMENT')).toEqual([['NARRATIVE-FEE-STATEMENT', 'warning', []]]);
    expect(ofRule(validate(told(zeroReport('2021'), {})), 'NARRATIVE-FEE-STATEMENT')).toEqual([]);
    // Format 2019 has no such requirement.
    expect(ofRule(validate(told(zeroReport('2019'), { other: '无。' })), 'NARRATIVE-FEE-STATEMENT')).toEqual([]);
  });
});

test('Chinese numerals', () => {
  expect(['两', '十二', '二十', '一百零五', '两千三百', '３２', '1,200', '3万'].map(parseChineseNumber)).toEqual([2, 12, 20, 105, 2300, 32, 1200, undefined]);
});

describe('narrative figures as agencies word them', () => {
  const base = zeroReport('2021');
  test('a list of parts after “共公布” is checked like “共公开”: parts exceeding the total are found', () => {
    const r = validate(told(base, { overview: '全年共公布政府信息100条，其中政策文件80条，行政许可信息50条。' }));
    expect(ofRule(r, 'NARRATIVE-PARTS').length).toBe(1);
  });

  test('a slogan’s “三个…” is not read as three applications', () => {
    const r = validate(told(base, { overview: '我局受理群众申请坚持做到三个到位，本年度未收到政府信息公开申请。' }));
    expect(ofRule(r, 'NARRATIVE-FIGURES')).toEqual([]);
    const stated = validate(told(base, { overview: '本年度共收到政府信息公开申请3个。' }));
    expect(ofRule(stated, 'NARRATIVE-FIGURES').length).toBe(1);
  });
});

describe('breakdowns of the applications stated in the text', () => {
  const base = withCells(zeroReport('2021'), {
    't3.new.natural': 805,
    't3.new.commercial': 20,
    't3.new.total': 825,
    't3.disclosed.natural': 700,
    't3.disclosed.total': 700,
  });
  test('自然人 and 法人或其他组织 stated otherwise than 表三: a warning naming both', () => {
    const r = validate(told(base, { requests: '本年度新收申请825件，其中自然人716件，法人或其他组织20件。' }));
    const f = ofRule(r, 'NARRATIVE-FIGURES');
    expect(f.map((i) => i.params)).toEqual([expect.objectContaining({ subject: '自然人的申请', stated: 716 })]);
    expect(f[0]!.message).toMatch(/自然人的申请.*716.*805/);
  });

  test('results stated as in 表三 raise nothing; 部分公开 is not read as 予以公开', () => {
    const r = validate(told(base, { requests: '全年予以公开700件，部分公开0件，其中自然人805件。' }));
    expect(ofRule(r, 'NARRATIVE-FIGURES')).toEqual([]);
  });
});
