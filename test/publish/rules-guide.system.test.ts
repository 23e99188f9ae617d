/** `xxgk rules --docx`: the 审核规则说明 as a Word file LibreOffice opens and prints to PDF, A4, several pages. */
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { RULE_IDS } from '../../src/model';
import { runCli } from '../helpers/cli';
import { pdfPages, toPdf } from '../helpers/libreoffice';

jest.setTimeout(240_000);

test('xxgk rules --docx writes a Word document LibreOffice converts to an A4 PDF of several pages', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'xxgk-rules-')), '审核规则说明.docx');
  const r = await runCli('rules', '--docx', '-o', out);
  expect(r.code).toBe(0);
  expect(r.out).toContain(`${RULE_IDS.length} 条规则`);
  const pages = pdfPages(toPdf(readFileSync(out)));
  expect(pages.length).toBeGreaterThan(5);
  // A4 portrait in PDF points.
  expect(Math.round(pages[0]!.width)).toBe(595);
  expect(Math.round(pages[0]!.height)).toBe(842);
});
