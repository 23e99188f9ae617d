/**
 * What the user wrote comes back: a report with 说明 (and reading issues) written into the template
 * by `xxgk fill`, the page's download or a host reads back equal — tables, cover, text and 说明.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import fc from 'fast-check';
import { RULE_IDS, toSubmission, validate, type Explanation, type Report } from '../../src/model';
import { openReport } from '../../src/flows/open-report';
import { fillTemplate } from '../../src/workbook/fill';
import { runCli } from '../helpers/cli';
import { consistentReport, freeCellCount, sampleReport } from '../helpers/reports';
import { toBuffer } from '../helpers/workbooks';

jest.setTimeout(120_000);

const open = async (buf: Uint8Array) => openReport(buf, async () => import('../../src/model/schema/lazy'));

/** 说明 as users write them: any rule, a cell or none, Chinese text with quotes and line breaks, values of the cells. */
const explanation = (cells: readonly string[]) =>
  fc.record(
    {
      ruleId: fc.constantFrom(...RULE_IDS),
      cell: fc.constantFrom(...cells),
      subject: fc.constantFrom('“收到申请18件”', '自然人', 'a"b\\c'),
      text: fc.stringMatching(/^[\u4e00-\u9fa5A-Za-z0-9“”"'\\\n，。 ]{1,80}$/).filter((t) => t.trim() !== ''),
      values: fc.dictionary(fc.constantFrom(...cells), fc.oneof(fc.nat(999), fc.constant(null), fc.constant('无'))),
      author: fc.constantFrom('张三', 'clerk'),
      at: fc.constant('2025-01-15T08:00:00.000Z'),
    },
    { requiredKeys: ['ruleId', 'text'] },
  ) as fc.Arbitrary<Explanation>;

const reports = fc.constantFrom('2019' as const, '2021' as const).chain((f) => {
  const base = consistentReport(f, []);
  const cells = Object.entries(base.tables).flatMap(([t, rows]) => Object.entries(rows as Record<string, Record<string, unknown>>).flatMap(([row, cols]) => Object.keys(cols).map((c) => `${t}.${row}.${c}`)));
  return fc
    .record({
      nums: fc.array(fc.nat(300), { minLength: freeCellCount(f), maxLength: freeCellCount(f) }),
      explanations: fc.array(explanation(cells), { maxLength: 6 }),
      overview: fc.stringMatching(/^[\u4e00-\u9fa5，。0-9\n]{1,200}$/),
    })
    .map(({ nums, explanations, overview }) => {
      const r = consistentReport(f, nums);
      return { ...r, narrative: { ...r.narrative, overview: overview.trim() || '总体情况。' }, ...(explanations.length ? { explanations } : {}) } as Report;
    });
});

describe('fill: a report written into the template reads back equal', () => {
  test('random reports with 说明 → fill → read: tables, metadata, narrative and 说明 equal', async () => {
    await fc.assert(
      fc.asyncProperty(reports, async (r) => {
        const back = (await open(new Uint8Array(await toBuffer(fillTemplate(r))))).report;
        expect(back.tables).toEqual(r.tables);
        expect(back.metadata).toEqual(r.metadata);
        for (const [k, v] of Object.entries(r.narrative ?? {})) expect([k, back.narrative?.[k as keyof Report['narrative'] & string]]).toEqual([k, v.trim()]);
        expect(back.explanations ?? []).toEqual(r.explanations ?? []);
      }),
      { numRuns: 30 },
    );
  });

  test('xxgk fill of an exported submission: validate --json counts the 说明, export carries them again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-fill-'));
    const sample = sampleReport('example-2021-mistakes');
    const warning = validate(sample).issues.find((i) => i.severity === 'warning')!;
    const explained: Report = {
      ...sample,
      explanations: [{ ruleId: warning.ruleId, ...(warning.cells[0] ? { cell: warning.cells[0] } : {}), text: '经核实无误', values: Object.fromEntries(warning.cells.map((c) => [c, null])) }],
    };
    // The 说明's values as the cells hold them, so that it still applies.
    const withValues = { ...explained, explanations: [{ ...explained.explanations![0]!, values: Object.fromEntries(warning.cells.map((c) => [c, c.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], sample.tables) as number])) }] } as Report;
    writeFileSync(join(dir, 'submission.json'), JSON.stringify(toSubmission(withValues)));
    const filled = await runCli('fill', join(dir, 'submission.json'), '-o', join(dir, 'back.xlsx'));
    expect(filled.code).toBe(0);
    expect(filled.out).toContain('含 1 条说明');
    const checked = await runCli('validate', join(dir, 'back.xlsx'), '--json');
    expect(JSON.parse(checked.out.trim().split('\n')[0]!).counts.explained).toBe(1);
    expect((await runCli('export', join(dir, 'back.xlsx'), '-o', join(dir, 'again.json'))).code).toBeLessThan(2);
    const again = JSON.parse(readFileSync(join(dir, 'again.json'), 'utf8')) as Report & { validation: { counts: { explained: number } } };
    expect(again.explanations?.map((e) => e.text)).toEqual(['经核实无误']);
    expect(again.validation.counts.explained).toBe(1);
  });

  test('fill refuses without -o .xlsx or when the input cannot be read (exit 2, nothing written)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-fill-'));
    writeFileSync(join(dir, 'bad.json'), '{"format":"2021"');
    expect((await runCli('fill', join(dir, 'bad.json'), '-o', join(dir, 'x.xlsx'))).code).toBe(2);
    expect(statSync(join(dir, 'x.xlsx'), { throwIfNoEntry: false })).toBeUndefined();
    expect((await runCli('fill', join(dir, 'bad.json'))).err).toContain('fill 需要');
  });
});
