/**
 * Finding the wrong input with evidence beyond the sums (the text's figures, last year's 结转):
 * measured on generated reports, one input changed and the totals recalculated (test/helpers/hint-measure.ts).
 */
import { fillTotals, getFormat, validate, type Report } from '../../src/model';
import { markLevels } from '../../src/sheet/places';
import { describeTally, measureHints } from '../helpers/hint-measure';
import { consistentReport, withCells } from '../helpers/reports';

const SEED = Number(process.env.XXGK_SEED ?? Date.now() % 1_000_000);

describe('hints with evidence beyond the sums', () => {
  test('inputs in rows the text states: named or among ≤ 3 in ≥ 80 %; never a confident hint on an unchanged cell', () => {
    const m = measureHints(400, SEED);
    console.log(`seed ${SEED}\n  rows the text states (or 二 with last year's report): ${describeTally(m.stated)}\n  rows stated as a group (不予公开N件…): ${describeTally(m.grouped)}\n  other rows: ${describeTally(m.unstated)}\n  confident hints on an unchanged cell, over every kind: ${m.wrongAnywhere}`);
    expect(m.wrongAnywhere).toBe(0);
    expect((m.stated.named + m.stated.listed) / m.stated.cases).toBeGreaterThanOrEqual(0.8);
  });

  test('予以公开 · 自然人 typed 8 instead of 7, totals recalculated: the text’s 予以公开 names D8 alone; nothing else is red', () => {
    const base = consistentReport('2021', Array.from({ length: 300 }, (_, i) => ((i * 7) % 5) + 1));
    const disclosed = base.tables.t3.disclosed!.total as number;
    const told = { ...base, narrative: { overview: `本年度予以公开${disclosed}件。`, problems: '一是公开不及时。', other: '无。' } } as Report;
    const wrong = fillTotals(withCells(told, { 't3.disclosed.natural': (base.tables.t3.disclosed!.natural as number) + 1 }));
    const recalculated = validate(wrong, { computed: derived(wrong) });
    const balance = recalculated.issues.find((i) => i.ruleId === 'T3-BALANCE')!;
    expect(balance.rootCause).toBe('t3.disclosed.natural');
    expect(recalculated.hints[0]!.message).toContain(`“予以公开${disclosed}件”`);
    const marks = markLevels(recalculated.issues, (c) => c, () => undefined, (p) => p);
    expect([...marks.values()].filter((m) => m.level === 'error').map((m) => m.place)).toEqual(['t3.disclosed.natural']);
  });

  test('no hint: no cell red, every input of the broken column listed (those behind 三（七）总计 too), and what to look for', () => {
    const base = consistentReport('2021', Array.from({ length: 300 }, (_, i) => ((i * 7) % 5) + 1));
    const notHeld = (base.tables.t3 as Record<string, Record<string, number>>)['unable.notHeld']!.natural!;
    const wrong = fillTotals(withCells(base, { 't3.unable.notHeld.natural': notHeld + 1 }));
    const r = validate(wrong, { computed: derived(wrong) });
    const balance = r.issues.find((i) => i.ruleId === 'T3-BALANCE' && i.cells.includes('t3.new.natural'))!;
    expect(balance.rootCause).toBeUndefined();
    expect(balance.cells).toEqual(expect.arrayContaining(['t3.new.natural', 't3.carriedOver.natural', 't3.disclosed.natural', 't3.unable.notHeld.natural', 't3.other.misc.natural', 't3.carryForward.natural']));
    expect(balance.message).toMatch(/。自然人列 一\+二 比 三（七）总计\+四 少 1：本列某一格少填了 1（或多填了 1），单凭合计无法确定是哪一格，请逐项核对$/);
    const marks = markLevels(r.issues, (c) => c, () => undefined, (p) => p);
    expect([...marks.values()].filter((m) => m.level === 'error')).toEqual([]);
    expect(marks.get('t3.unable.notHeld.natural')?.level).toBe('related');
  });
});

/** Every total a template's formula computes (a workbook whose formulas are intact). */
const derived = (r: Report): string[] => getFormat(r.format).cells.filter((c) => c.derived).map((c) => c.id);
