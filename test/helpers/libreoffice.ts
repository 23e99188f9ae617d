/** Recalculates a workbook in LibreOffice, headless: the proof that the template's formulas work in a real spreadsheet. */
import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

export function soffice(): string {
  for (const bin of ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice']) {
    try {
      execFileSync(bin, ['--version'], { stdio: 'ignore', timeout: 60_000 });
      return bin;
    } catch {
      // try the next
    }
  }
  throw new Error('LibreOffice (soffice) is not installed: apt-get install -y libreoffice-calc-nogui (.ci/run does this)');
}

/** Opens the workbook in LibreOffice, lets it recalculate, saves it as xlsx again. */
export function recalculate(buf: Buffer): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-lo-'));
  const input = join(dir, 'in.xlsx');
  writeFileSync(input, buf);
  // LibreOffice keeps a file's cached formula results unless told to recalculate on load (OOXMLRecalcMode 0 = always).
  mkdirSync(join(dir, 'profile', 'user'), { recursive: true });
  writeFileSync(
    join(dir, 'profile', 'user', 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
  execFileSync(soffice(), ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'xlsx', '--outdir', join(dir, 'out'), input], {
    stdio: 'ignore',
    timeout: 180_000,
  });
  return readFileSync(join(dir, 'out', 'in.xlsx'));
}

/** The workbook printed to PDF by LibreOffice (every visible sheet, with its page setup), after recalculating. */
export function toPdf(buf: Buffer): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-pdf-'));
  const input = join(dir, 'in.xlsx');
  writeFileSync(input, buf);
  execFileSync(soffice(), ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'pdf', '--outdir', join(dir, 'out'), input], {
    stdio: 'ignore',
    timeout: 180_000,
  });
  return readFileSync(join(dir, 'out', 'in.pdf'));
}

/** Each page's size in points (width × height), read from the PDF's page objects. */
export function pdfPages(pdf: Buffer): { width: number; height: number }[] {
  const text = pdf.toString('latin1');
  return [...text.matchAll(/\/Type\s*\/Page\b(?!s)[\s\S]*?\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => ({
    width: Math.round(Number(m[3]) - Number(m[1])),
    height: Math.round(Number(m[4]) - Number(m[2])),
  }));
}

/** A web page opened as a spreadsheet by LibreOffice and saved as .xlsx or .xls: a workbook nobody made from the template. */
export function htmlAsSpreadsheet(html: string, as: 'xlsx' | 'xls'): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-html-'));
  const input = join(dir, 'report.html');
  writeFileSync(input, html);
  execFileSync(soffice(), ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--infilter=calc_HTML_WebQuery', '--convert-to', as, '--outdir', join(dir, 'out'), input], {
    stdio: 'ignore',
    timeout: 180_000,
  });
  return readFileSync(join(dir, 'out', `report.${as}`));
}

export interface PdfWord {
  readonly page: number;
  readonly pageWidth: number;
  readonly xMin: number;
  readonly xMax: number;
  readonly text: string;
}

/** Every word of a PDF with where it stands (poppler's `pdftotext -bbox`): text printed off the page shows as x < 0 or beyond the width. */
export function pdfWords(pdf: Buffer): PdfWord[] {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-words-'));
  writeFileSync(join(dir, 'in.pdf'), pdf);
  execFileSync('pdftotext', ['-bbox', join(dir, 'in.pdf'), join(dir, 'out.html')], { stdio: 'ignore', timeout: 60_000 });
  const html = readFileSync(join(dir, 'out.html'), 'utf8');
  const words: PdfWord[] = [];
  [...html.matchAll(/<page width="([\d.]+)" height="[\d.]+">([\s\S]*?)<\/page>/g)].forEach((m, k) => {
    for (const w of m[2]!.matchAll(/<word xMin="([-\d.]+)" yMin="[-\d.]+" xMax="([-\d.]+)" yMax="[-\d.]+">([^<]*)<\/word>/g)) {
      words.push({ page: k + 1, pageWidth: Number(m[1]), xMin: Number(w[1]), xMax: Number(w[2]), text: w[3]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"') });
    }
  });
  return words;
}
