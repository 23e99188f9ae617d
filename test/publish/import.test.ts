import { readFileSync } from 'fs';
import { join } from 'path';
import { validate, type Report } from '../../src/model';
import { importPublished } from '../../src/import/published';

const root = join(__dirname, '../..');
const json = (name: string) => JSON.parse(readFileSync(join(root, 'assets/samples', `${name}.json`), 'utf8')) as Report;
// A copy of ../shared/samples/xiangshan-hrss-2020-report.txt, so the tests do not depend on the folder beside the checkout.
const sampleText = () => readFileSync(join(__dirname, '../fixtures/published/xiangshan-hrss-2020-report.txt'), 'utf8');
const variants = () => readFileSync(join(__dirname, '../fixtures/published/county-2021-variants.txt'), 'utf8');
/** Narrative compared line by line, without the indentation the Word extraction leaves. */
const lines = (s: string | undefined) => (s ?? '').split('\n').map((l) => l.trim()).filter(Boolean);

describe('import of a published report', () => {
  test('the sample report (format 2019, 2020): its numbers exactly, its six sections, and it validates', () => {
    const r = importPublished(sampleText(), { agencyKind: 'department' });
    const fixture = json('xiangshan-hrss-2020');
    expect(r.missing).toEqual([]);
    expect(r.issues).toEqual([]);
    expect(r.report.format).toBe('2019');
    expect(r.report.metadata).toEqual({ agencyName: '相山区人力资源和社会保障局', agencyKind: 'department', year: 2020 });
    expect(r.report.tables).toEqual(fixture.tables);
    // The worked example: 其他对外管理服务事项 8 · 0 · 4; 行政处罚 9 · 0 · 0.
    expect(r.report.tables.t2.otherServices).toEqual({ prevProjects: 8, change: 0, decisions: 4 });
    expect(Object.keys(r.report.narrative!)).toEqual(['overview', 'proactive', 'requests', 'reviewLitigation', 'problems', 'other']);
    for (const s of ['overview', 'problems', 'other'] as const) expect(lines(r.report.narrative![s])).toEqual(lines(fixture.narrative![s]));
    const result = validate(r.report, { reading: r.issues });
    expect(result.counts.error + result.counts.warning).toBe(0);
  });

  test('a 2021 report with the variants real pages carry: numbers exact, each variant a warning with the text found', () => {
    const r = importPublished(variants(), { agencyKind: 'department' });
    expect(r.missing).toEqual([]);
    expect(r.report.format).toBe('2021');
    expect(r.report.tables).toEqual(json('example-2021-corrected').tables);
    const found = r.issues.map((i) => [i.ruleId, i.severity, i.at, 'found' in i.params ? i.params.found : undefined]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['FORM-LABEL-VARIANT', 'warning', '第 10 行', '规章(县级无此项)'],
        ['FORM-LABEL-VARIANT', 'warning', '第 11 行', '规范性文件'],
        ['FORM-LABEL-VARIANT', 'warning', '第 32 行', '1.屬於國家秘密'],
        ['FORM-ZERO-VARIANT', 'warning', '第 10 行', '-'],
        ['FORM-ZERO-VARIANT', 'warning', '第 34 行', '/'],
        ['FORM-UNIT', 'warning', '第 21 行', '18.6万元'],
      ]),
    );
    expect(r.issues.every((i) => i.severity === 'warning')).toBe(true);
    // “４１” (full-width) and “ 2 ” are plain numbers once normalised.
    expect(r.report.tables.t2.penalty!.decisions).toBe(41);
    expect(validate(r.report, { reading: r.issues }).counts.error).toBe(0);
  });

  test('an amount written in 元 is converted to 万元 and reported', () => {
    const text = sampleText().replace('\t政府集中采购\n\t0\n\t0', '\t政府集中采购\n\t3\n\t251000元');
    const r = importPublished(text);
    expect(r.report.tables.t2.procurement).toEqual({ procurementCount: 3, procurementAmount: 25.1 });
    expect(r.issues.filter((i) => i.ruleId !== 'FORM-INFERRED').map((i) => [i.ruleId, i.at, i.message])).toEqual([['FORM-UNIT', '第 88 行', '表二 政府集中采购 · 采购总金额：原文为“251000元”，已换算为 25.1万元']]);
  });

  test('a truncated report lists its missing cells and fills none of them in', () => {
    const text = variants();
    const cut = text.slice(0, text.indexOf('| | （四）无法提供'));
    const r = importPublished(cut, { agencyKind: 'department' });
    expect(r.missing).toHaveLength(13 * 7 + 15);
    expect(r.missing).toContain('t3.unable.notHeld.natural');
    expect(r.missing).toContain('t4.review.total');
    expect(Object.values(r.report.tables.t3['unable.notHeld'] ?? {}).every((v) => v === null)).toBe(true);
    expect(r.report.tables.t3.disclosed).toEqual(json('example-2021-corrected').tables.t3.disclosed);
    const missing = r.issues.filter((i) => i.ruleId === 'FORM-MISSING');
    expect(missing[0]!.message).toBe('表三 （四）无法提供 1.本机关不掌握相关政府信息：原文中找不到 7 个数字，未填入；请对照原报告补全');
    expect(validate(r.report, { reading: r.issues }).valid).toBe(false);
  });
});
