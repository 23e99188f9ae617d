import { toSubmission, validate, withExplanation, type Report } from '../../src/model';
import { zeroReport, withCells } from '../helpers/reports';

/** A town reporting 规章: a warning the user may explain. */
const base = (): Report => ({ ...withCells(zeroReport('2021'), { 't2.rules.issued': 1, 't2.rules.inForce': 1 }), metadata: { agencyName: '某镇人民政府', agencyKind: 'township', year: 2024 } }) as Report;

describe('explanations (说明)', () => {
  test('an explanation of a warning is attached to it and counted; the report stays valid', () => {
    const r = { ...base(), explanations: [{ ruleId: 'T2-RULES-AUTHORITY', cell: 't2.rules.issued', text: '代县政府起草的规章草案' }] } as Report;
    const result = validate(r);
    expect(result.counts).toMatchObject({ warning: 1, explained: 1 });
    expect(result.issues[0]!.explanation).toBe('代县政府起草的规章草案');
    expect(toSubmission(r).validation.issues[0]!.explanation).toBe('代县政府起草的规章草案');
  });

  test('an explanation written for other values no longer applies once the cells change', () => {
    const values = { 't2.rules.issued': 1, 't2.rules.inForce': 1 };
    const explained = { ...base(), explanations: [{ ruleId: 'T2-RULES-AUTHORITY', cell: 't2.rules.issued', text: '说明', values }] } as Report;
    expect(validate(explained).counts.explained).toBe(1);
    const changed = withCells(explained, { 't2.rules.inForce': 2 });
    expect(validate(changed).counts).toMatchObject({ warning: 1, explained: 0 });
    expect(validate(changed).issues[0]!.explanation).toBeUndefined();
  });

  test('errors cannot be explained away', () => {
    const r = { ...withCells(zeroReport('2021'), { 't4.review.total': 1 }), explanations: [{ ruleId: 'T4-GROUP-TOTAL', cell: 't4.review.total', text: '就是这样' }] } as Report;
    const result = validate(r);
    expect(result.valid).toBe(false);
    expect(result.counts.explained).toBe(0);
  });

  test('two narrative warnings on the same cell keep a 说明 each', () => {
    const r = {
      ...withCells(zeroReport('2021'), { 't3.new.natural': 5, 't3.new.total': 5, 't3.disclosed.natural': 5, 't3.disclosed.total': 5, 't3.resultTotal.natural': 5, 't3.resultTotal.total': 5 }),
      narrative: { overview: '本年共收到政府信息公开申请 7 件。全年新收政府信息公开申请 9 件。' },
    } as Report;
    const [first, second] = validate(r).issues.filter((i) => i.ruleId === 'NARRATIVE-FIGURES');
    expect(first!.cells[0]).toBe(second!.cells[0]);
    const once = { ...r, explanations: withExplanation(r, first!, '含上年结转的申请') } as Report;
    const twice = { ...once, explanations: withExplanation(once, second!, '另计咨询类来件') } as Report;
    expect(validate(twice).issues.filter((i) => i.ruleId === 'NARRATIVE-FIGURES').map((i) => i.explanation)).toEqual(['含上年结转的申请', '另计咨询类来件']);
    expect(validate(once).issues.filter((i) => i.ruleId === 'NARRATIVE-FIGURES').map((i) => i.explanation)).toEqual(['含上年结转的申请', undefined]);
  });
});
