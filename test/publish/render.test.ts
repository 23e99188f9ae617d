import { type Report } from '../../src/model';
import { importPublished } from '../../src/import/published';
import { docxToText, htmlToText } from '../../src/import/html-text';
import { renderDocx } from '../../src/publish/render-docx';
import { renderHtml } from '../../src/publish/render-html';
import { sampleReport as sample } from '../helpers/reports';

const lines = (s: string | undefined) => (s ?? '').split('\n').map((l) => l.trim()).filter(Boolean);

describe('render the publishable report', () => {
  test.each(['example-2021-corrected', 'xiangshan-hrss-2020'])('%s: render → import round trip reproduces the data (HTML and Word)', async (name) => {
    const report = sample(name);
    for (const text of [htmlToText(renderHtml(report)), await docxToText(await renderDocx(report))]) {
      const back = importPublished(text, report.metadata.agencyKind ? { agencyKind: report.metadata.agencyKind } : {});
      expect(back.missing).toEqual([]);
      expect(back.issues).toEqual([]);
      expect(back.report.tables).toEqual(report.tables);
      // A published report prints its name and year, not the cover sheet's contact details.
      expect(back.report.metadata).toEqual({ agencyName: report.metadata.agencyName, agencyKind: report.metadata.agencyKind, year: report.metadata.year });
      for (const s of ['overview', 'problems', 'other'] as const) expect(lines(back.report.narrative?.[s])).toEqual(lines(report.narrative?.[s]));
    }
  });

  test('the HTML is self-contained, escapes report text, and prints as the official tables', () => {
    const report = { ...sample('example-2021-corrected'), metadata: { ...sample('example-2021-corrected').metadata, agencyName: '<script>alert(1)</script>局' } } as Report;
    const html = renderHtml(report);
    expect(html).not.toMatch(/<script>alert/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;局');
    expect(html).not.toMatch(/<(link|script|img)\b/);
    expect(html).toContain('@media print');
    expect(html).toContain('<th colspan="7">申请人情况</th>');
    expect(html).toContain('<th rowspan="22" class="row">三、本年度办理结果</th>');
  });
});
