import { type Report } from '../../src/model';
import { importPublished } from '../../src/import/published';
import { docxToText, htmlToText } from '../../src/import/html-text';
import { renderDocx } from '../../src/publish/render-docx';
import { renderHtml } from '../../src/publish/render-html';
import { sampleReport as sample } from '../helpers/reports';
import { strFromU8, unzipSync } from 'fflate';

/** Paragraph styles the document uses other than the black ones it sets. */
const otherStyles = (xml: string) => [...new Set([...xml.matchAll(/<w:pStyle w:val="([^"]+)"/g)].map((m) => m[1]!))].filter((s) => !['Title', 'Heading1'].includes(s));

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

  test('Word: the text under each table\'s heading is kept (before its table); headings black, not Word\'s blue; A4 with the GB/T 9704 margins and “— N —” folios', async () => {
    const base = sample('example-2021-corrected');
    const report = {
      ...base,
      narrative: { ...base.narrative, proactive: '本年度主动公开各类信息 1200 条。', requests: '本年度收到申请较上年增加。', reviewLitigation: '本年度未发生行政诉讼。' },
    } as Report;
    const docx = await renderDocx(report);
    const text = await docxToText(docx);
    for (const [heading, line] of [
      ['二、主动公开政府信息情况', '本年度主动公开各类信息 1200 条。'],
      ['三、收到和处理政府信息公开申请情况', '本年度收到申请较上年增加。'],
      ['四、政府信息公开行政复议、行政诉讼情况', '本年度未发生行政诉讼。'],
    ] as const) {
      const h = text.indexOf(heading);
      expect([heading, h >= 0, text.indexOf(line) > h]).toEqual([heading, true, true]);
    }
    // The section's text comes before its table's first label.
    expect(text.indexOf('本年度主动公开各类信息 1200 条。')).toBeLessThan(text.indexOf('第二十条第（一）项'));
    const files = unzipSync(new Uint8Array(docx));
    const styles = strFromU8(files['word/styles.xml']!);
    // The styles the report uses (Title, Heading1): every colour they set is black.
    for (const id of ['Title', 'Heading1']) {
      const style = new RegExp(`<w:style [^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`).exec(styles)![0];
      const colors = [...style.matchAll(/<w:color w:val="([0-9A-Fa-f]{6}|auto)"/g)].map((m) => m[1]!.toUpperCase());
      expect([id, colors.length > 0, colors.filter((c) => c !== '000000')]).toEqual([id, true, []]);
    }
    expect(otherStyles(strFromU8(files['word/document.xml']!))).toEqual([]);
    const doc = strFromU8(files['word/document.xml']!);
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(doc).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    const footer = Object.keys(files).filter((f) => /word\/footer\d*\.xml$/.test(f)).map((f) => strFromU8(files[f]!)).join('');
    expect(footer).toContain('PAGE');
    expect(footer).toContain('— ');
  });
});

describe('the Word report as agencies print it', () => {
  const parts = async (r: Report, options: Parameters<typeof renderDocx>[1] = {}) => {
    const files = unzipSync(new Uint8Array(await renderDocx(r, options)));
    const text = (name: string) => (files[name] ? strFromU8(files[name]) : '');
    return { text, headers: Object.keys(files).filter((f) => /word\/header\d*\.xml$/.test(f)).map(text).join('') };
  };

  test('the title breaks between the body’s name and 「…年政府信息公开工作年度报告」, never inside a word', async () => {
    const { text } = await parts(sample('example-2021-corrected'));
    const title = /<w:p>(?:(?!<\/w:p>).)*示例县自然资源局(?:(?!<\/w:p>).)*<\/w:p>/s.exec(text('word/document.xml'))![0];
    expect(title).toMatch(/示例县自然资源局<\/w:t>.*<w:br\/>.*2024年政府信息公开工作年度报告/s);
  });

  test('table rows never split across pages, the heading rows repeat, the official fonts name the fallbacks Word uses', async () => {
    const { text } = await parts(sample('example-2021-corrected'));
    const doc = text('word/document.xml');
    const rows = doc.match(/<w:tr>/g)!.length;
    expect(doc.match(/<w:cantSplit\/>/g)!.length).toBe(rows);
    // 表二's block headings, 表三's three heading rows, 表四's three: repeated on a new page.
    expect(doc.match(/<w:tblHeader\/>/g)!.length).toBeGreaterThanOrEqual(3 + 3);
    const fonts = text('word/fontTable.xml');
    for (const [font, alt] of [['仿宋_GB2312', '仿宋'], ['黑体', 'SimHei'], ['方正小标宋简体', '宋体']]) expect(fonts).toMatch(new RegExp(`w:name="${font}"[^>]*>.*?<w:altName w:val="${alt}"/>`, 's'));
  });

  test('a draft says so on every page; a report without errors has no header', async () => {
    expect((await parts(sample('example-2021-mistakes'), { draft: { errors: 5 } })).headers).toContain('草稿：校验仍有 5 个错误');
    expect((await parts(sample('example-2021-corrected'))).headers).not.toContain('草稿');
  });
});
