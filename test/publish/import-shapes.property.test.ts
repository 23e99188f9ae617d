/**
 * Published reports in the shapes real archives and pages give them (test/helpers/published-shapes.ts):
 * every cell imports equal to the report or is flagged missing — never a different number — and the
 * two archive-shaped samples in ../shared/samples/flattened import whole.
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import fc from 'fast-check';
import { getFormat, type FormatId, type Report } from '../../src/model';
import { importPublished } from '../../src/import/published';
import { oneLine, ocrLabel, pipeLines, spaced } from '../helpers/published-shapes';
import { prng } from '../helpers/random';
import { consistentReport, freeCellCount, withCells } from '../helpers/reports';

jest.setTimeout(120_000);

const narrative = { overview: '本年度我局认真落实条例要求，做好政府信息公开工作。', problems: '一是公开内容不够全面；二是解读形式较为单一。', other: '无。' };

/** Random reports of either format, with a real agency's title; `odd` puts blanks and text in some cells. */
const reports = (odd: boolean) =>
  fc.constantFrom<FormatId>('2019', '2021').chain((f) =>
    fc
      .record({
        // As real reports are: most cells 0, many small counts, a few in the hundreds.
        nums: fc.array(fc.oneof({ arbitrary: fc.constant(0), weight: 6 }, { arbitrary: fc.integer({ min: 1, max: 20 }), weight: 3 }, { arbitrary: fc.integer({ min: 21, max: 500 }), weight: 1 }), {
          minLength: freeCellCount(f),
          maxLength: freeCellCount(f),
        }),
        blanks: fc.array(fc.tuple(fc.nat(199), fc.constantFrom<unknown>(null, '无')), { maxLength: odd ? 3 : 0 }),
        name: fc.constantFrom('某某县财政局', '某某市生态环境局', '某某镇人民政府', '某某区人民政府', '某某省人民政府', '某某街道办事处'),
        seed: fc.nat(),
      })
      .map(({ nums, blanks, name, seed }) => {
        const r = { ...consistentReport(f, nums), narrative } as Report;
        const report = { ...r, metadata: { ...r.metadata, agencyName: name } } as Report;
        const cells = getFormat(f).cells.map((c) => c.id);
        return { report: withCells(report, Object.fromEntries(blanks.map(([i, v]) => [cells[i % cells.length]!, v as never]))), seed };
      }),
  );

const value = (r: Report, id: string) => {
  const c = getFormat(r.format).byId.get(id)!;
  return (r.tables as Record<string, Record<string, Record<string, unknown>>>)[c.table]?.[c.row]?.[c.col];
};

/** Every cell of the original: equal, or listed missing (and blank); never another number. */
function faithful(original: Report, text: string, tables: readonly string[] = ['t2', 't3', 't4']): { exact: number; total: number } {
  const got = importPublished(text);
  let exact = 0;
  let total = 0;
  for (const c of getFormat(original.format).cells) {
    const want = value(original, c.id);
    const have = value(got.report, c.id);
    if (typeof want !== 'number') continue;
    if (tables.includes(c.table)) total++;
    if (have === want) exact += tables.includes(c.table) ? 1 : 0;
    else {
      expect([c.id, got.missing.includes(c.id) ? 'missing' : have]).toEqual([c.id, 'missing']);
      expect(have ?? null).toBeNull();
    }
  }
  // The title settles name and year whatever the shape.
  expect(got.report.metadata.agencyName).toBe(original.metadata.agencyName);
  expect(got.report.metadata.year).toBe(original.metadata.year);
  return { exact, total };
}

describe('published shapes', () => {
  test('the body on one line behind an archive header: equal or missing, never different; most 表三/表四 cells recovered', () => {
    let exact = 0;
    let total = 0;
    fc.assert(
      fc.property(reports(false), ({ report, seed }) => {
        // 表二 has no sums to split a run by: 表三 and 表四 are what the arithmetic recovers.
        const r = faithful(report, oneLine(report, prng(seed)), ['t3', 't4']);
        exact += r.exact;
        total += r.total;
      }),
      { numRuns: 60 },
    );
    // Measured here, on the generator's variety; the bench prints the rate beside the samples'.
    expect(exact / total).toBeGreaterThan(0.85);
  });

  test.each([
    ['cells one per line between “|” lines (a blank cell: two “|” lines): no row shifted', pipeLines, true],
    ['rows as numbers separated by spaces, 表四 included', spaced, false],
  ] as const)('%s', (_name, shape, blanks) => {
    fc.assert(
      fc.property(reports(blanks), ({ report }) => {
        const r = faithful(report, shape(report));
        expect(r.exact).toBe(r.total);
      }),
      { numRuns: 40 },
    );
  });

  test('a row label with a character changed or dropped (OCR) is matched and flagged with both texts', () => {
    let changedRows = 0;
    let matched = 0;
    fc.assert(
      fc.property(reports(false), ({ report, seed }) => {
        const changed = ocrLabel(report, prng(seed));
        if (!changed) return;
        const got = importPublished(changed.text);
        faithful(report, changed.text);
        // A heading row of 表三 (三、本年度办理结果) holds no cells: changing it loses nothing.
        const holdsCells = getFormat(report.format).cells.some((c) => c.rowTitle.endsWith(changed.label));
        if (!holdsCells) return;
        changedRows++;
        const variant = got.issues.find((i) => i.ruleId === 'FORM-LABEL-VARIANT' && i.message.includes(changed.changed));
        if (variant) {
          matched++;
          expect(variant.message).toContain(changed.label);
        }
      }),
      { numRuns: 60 },
    );
    // Matched unless two labels are equally near (then its cells are listed missing, never guessed).
    // (Measured 0.8–0.95 over seeds; the rest are ties, listed missing.)
    expect(matched / changedRows).toBeGreaterThanOrEqual(0.7);
  });
});

describe('the archive-shaped samples (../shared/samples/flattened)', () => {
  const root = join(__dirname, '../..');
  const flattened = join(root, '../shared/samples/flattened');
  const cases = [
    ['xiangshan-hrss-2020-oneline.txt', 'xiangshan-hrss-2020.json'],
    ['example-2021-corrected-oneline.txt', 'example-2021-corrected.json'],
  ] as const;
  test.each(cases)('%s: ≥ 95 %% of the table cells equal to the known report, none different, 机关名称 and 年度 right', (file, known) => {
    const path = join(flattened, file);
    // The samples live beside the repository (as in CI); a checkout without them has nothing to compare.
    if (!existsSync(path)) return;
    const want = JSON.parse(readFileSync(join(root, 'assets/samples', known), 'utf8')) as Report;
    const { exact, total } = faithful(want, readFileSync(path, 'utf8'));
    expect(exact / total).toBeGreaterThanOrEqual(0.95);
  });
});
