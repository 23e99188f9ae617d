/**
 * One host layer: every Office.js call lives in src/host/excel. The task pane, the standalone page,
 * the functions and the model reach Excel only through the SpreadsheetHost interface, which is the
 * seam a second host (WPS) uses.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

const SRC = join(__dirname, '../../src');
const HOST = join(SRC, 'host/excel');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Code without comments and string literals' contents, so a mention of “Office.js” in prose does not count. */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '').replace(/'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, "''");

const OFFICE_CALL = /\b(?:Excel|Office|OfficeExtension)\s*\.\s*[A-Za-z]|context\s*\.\s*workbook|\.getRange\s*\(|conditionalFormats/;

describe('the host boundary', () => {
  test('no Office API call outside src/host/excel', () => {
    const offenders = files(SRC)
      .filter((f) => !f.startsWith(HOST))
      .flatMap((f) =>
        code(readFileSync(f, 'utf8'))
          .split('\n')
          .flatMap((line, i) => (OFFICE_CALL.test(line) ? [`${relative(SRC, f)}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(offenders).toEqual([]);
  });

  test('the check is live: it finds the calls inside src/host/excel', () => {
    const inside = files(HOST).filter((f) => OFFICE_CALL.test(code(readFileSync(f, 'utf8'))));
    expect(inside.length).toBeGreaterThanOrEqual(5);
  });
});
