/**
 * The template as it prints (LibreOffice's PDF export): A4, every sheet one page wide — 基本信息,
 * 表二, 表三 and 表四 one page each — and 文字部分 on as many pages as our breaks make, so no
 * automatic break parts a heading from its box; every word within the page (poppler's word
 * positions). A long narrative grows its box and its pages.
 */
import { strFromU8, unzipSync } from 'fflate';
import { readFileSync } from 'fs';
import { join } from 'path';
import type { Report } from '../../src/model';
import { sheetName } from '../../src/sheet/layout';
import { fillTemplate } from '../../src/workbook/fill';
import { pdfPages, pdfWords, toPdf } from '../helpers/libreoffice';
import { SECTIONS } from '../../src/model';
import { toBuffer } from '../helpers/workbooks';
import { sampleReport } from '../helpers/reports';

jest.setTimeout(240_000);

const A4 = [595, 842];

/** Pages the 文字部分 sheet is laid out on: one more than the manual breaks in the file (only that sheet has any). */
const textPages = (buf: Buffer) =>
  1 + Object.entries(unzipSync(new Uint8Array(buf))).filter(([k]) => /worksheets\/sheet\d+\.xml$/.test(k)).reduce((n, [, v]) => n + (strFromU8(v).match(/<brk /g) ?? []).length, 0);

async function expectPrint(buf: Buffer, narrative?: Report['narrative']): Promise<number> {
  const pdf = toPdf(buf);
  const pages = pdfPages(pdf);
  // Every word on its page: nothing printed off an edge (文字部分 once ran off both).
  const words = pdfWords(pdf);
  expect(words.filter((w) => w.xMin < 0 || w.xMax > w.pageWidth).map((w) => `${w.page}: ${w.text}`)).toEqual([]);
  // Each section heading printed whole, and each section's text from its first words.
  const printed = words.map((w) => w.text).join('');
  for (const s of SECTIONS) expect(printed).toContain(s.heading);
  for (const text of Object.values(narrative ?? {})) expect(printed).toContain(String(text).replace(/\s/g, '').slice(0, 12));
  for (const p of pages) expect([p.width, p.height].sort()).toEqual(A4);
  // 基本信息, 表二 (portrait), 表三, 表四 (landscape): one page each, then 文字部分.
  expect(pages.slice(0, 4).map((p) => (p.width > p.height ? 'landscape' : 'portrait'))).toEqual(['portrait', 'portrait', 'landscape', 'landscape']);
  expect(pages.length).toBe(4 + textPages(buf));
  return pages.length;
}

describe('the template in print (LibreOffice PDF)', () => {
  test.each(['2021', '2019'])('template-%s: A4, each table on one page, 文字部分 without a heading parted from its box', async (format) => {
    await expectPrint(readFileSync(join(__dirname, `../../assets/template-${format}.xlsx`)));
  });

  test('a long 总体情况 grows its box (the row, up to Excel\'s highest) and the pages follow', async () => {
    const base = sampleReport('example-2021-corrected');
    const long = `${'本机关认真贯彻落实政府信息公开条例，推进决策、执行、管理、服务、结果公开。'.repeat(30)}\n${'加强政策解读和回应关切。'.repeat(10)}`;
    const report = { ...base, narrative: { ...base.narrative, overview: long } } as Report;
    const wb = fillTemplate(report);
    const text = wb.getWorksheet(sheetName('text'))!;
    expect(text.getRow(3).height).toBeGreaterThan(300);
    const pages = await expectPrint(await toBuffer(wb), report.narrative);
    expect(pages).toBeGreaterThan(4 + 1);
  });

  test.each(['example-2021-corrected', 'xiangshan-hrss-2020'])('%s: every word within the page, the text and its headings whole', async (name) => {
    const report = sampleReport(name);
    await expectPrint(await toBuffer(fillTemplate(report)), report.narrative);
  });
});
