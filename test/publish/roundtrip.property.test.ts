import fc from 'fast-check';
import { type FormatId, type Report } from '../../src/model';
import { importPublished } from '../../src/import/published';
import { htmlToText } from '../../src/import/html-text';
import { renderHtml } from '../../src/publish/render-html';
import { readWorkbookBuffer } from '../../src/sheet/xlsx/open';
import { fillTemplate } from '../../src/workbook/fill';
import { consistentReport, freeCellCount, withCells } from '../helpers/reports';
import { toBuffer } from '../helpers/workbooks';

jest.setTimeout(120_000);

/** Random reports of either format, some cells blank, as text or with error values. */
const reports = fc.constantFrom<FormatId>('2019', '2021').chain((f) =>
  fc
    .record({
      nums: fc.array(fc.nat(500), { minLength: freeCellCount(f), maxLength: freeCellCount(f) }),
      odd: fc.array(fc.tuple(fc.nat(199), fc.constantFrom<unknown>(null, '无', '１２', ' 3 ', { error: '#REF!' }, 2.5)), { maxLength: 4 }),
    })
    .map(({ nums, odd }) => {
      const r = consistentReport(f, nums);
      const cells = Object.entries(r.tables).flatMap(([t, rows]) => Object.entries(rows as Record<string, Record<string, unknown>>).flatMap(([row, cols]) => Object.keys(cols).map((c) => `${t}.${row}.${c}`)));
      return withCells(r, Object.fromEntries(odd.map(([i, v]) => [cells[i % cells.length]!, v as never])));
    }),
);

describe('round trips on random reports', () => {
  test('report → filled workbook → reader gives the same tables', async () => {
    await fc.assert(
      fc.asyncProperty(reports, async (r: Report) => {
        const back = await readWorkbookBuffer(await toBuffer(fillTemplate(r)));
        expect(back.report.tables).toEqual(r.tables);
      }),
      { numRuns: Number(process.env.XXGK_RUNS ?? 25) },
    );
  });

  test('report → published HTML → importer gives the same numbers (blank and text cells read as missing or 0, never invented)', () => {
    fc.assert(
      fc.property(reports, (r: Report) => {
        const back = importPublished(htmlToText(renderHtml(r)));
        const flat = (x: Report) => Object.entries(x.tables).flatMap(([t, rows]) => Object.entries(rows as Record<string, Record<string, unknown>>).flatMap(([row, cols]) => Object.entries(cols).map(([c, v]) => [`${t}.${row}.${c}`, v] as const)));
        const got = new Map(flat(back.report));
        for (const [id, v] of flat(r)) {
          if (typeof v === 'number') expect([id, got.get(id)]).toEqual([id, v]);
          else if (got.has(id)) expect([id, got.get(id)]).toEqual([id, typeof v === 'string' && v.trim() === '无' ? 0 : got.get(id)]);
          else expect(back.missing).toContain(id);
        }
      }),
      { numRuns: Number(process.env.XXGK_RUNS ?? 60) },
    );
  });
});
