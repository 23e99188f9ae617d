import { parseReport } from '../../src/model';
import { zeroReport } from '../helpers/reports';

const messages = (input: unknown) => {
  const r = parseReport(input);
  return r.ok ? [] : r.problems.map((p) => p.message);
};

describe('parsing unknown input', () => {
  test('a report round-trips through JSON and parses', () => {
    const r = zeroReport('2019');
    expect(parseReport(JSON.parse(JSON.stringify(r)))).toEqual({ ok: true, value: r });
  });

  test('every problem is in Chinese and names the place', () => {
    const r = JSON.parse(JSON.stringify(zeroReport('2021')));
    r.metadata.year = '2024';
    r.metadata.agencyKind = '区政府';
    r.tables.t3.new.natural = true;
    r.tables.t2.license.prevProjects = 1; // a 2019 column in a 2021 report
    r.tables.t4.bogus = {};
    r.narrative = { overview: 5 };
    expect(messages(r).sort()).toEqual(
      [
        '基本信息 年度：应为数字',
        '基本信息 机关类型：应为以下之一：省级人民政府、设区的市、自治州人民政府、县级人民政府、乡镇人民政府、街道办事处、国务院部门、政府部门及其他机关',
        '表三 一、本年新收政府信息公开申请数量 · 自然人：应为数字、文字或留空',
        '表二 行政许可：含有本格式没有的项目：prevProjects',
        '表四：含有本格式没有的项目：bogus',
        '一、总体情况：应为文字',
      ].sort(),
    );
  });

  test('an unknown format or no object at all', () => {
    expect(messages({ format: '2018', metadata: {}, tables: {} })).toEqual(['报告格式：应为 “2019” 或 “2021”（2019、2020 年度用 2019 版，2021 年起用 2021 版）']);
    expect(messages(null)).toHaveLength(1);
    expect(messages('text')[0]).toMatch(/[\u4e00-\u9fff]/);
  });

  test('blank and missing cells are not parse problems: the rules report them', () => {
    const r = JSON.parse(JSON.stringify(zeroReport('2021')));
    r.tables.t3.new.natural = null;
    delete r.tables.t3.carriedOver;
    expect(parseReport(r).ok).toBe(true);
  });
});
