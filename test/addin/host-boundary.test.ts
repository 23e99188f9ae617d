/**
 * One host layer: every Office.js call lives in src/host/excel, every call of WPS's ET model in
 * src/host/wps. The task pane, the standalone page, the functions and the model reach a
 * spreadsheet only through the SpreadsheetHost interface.
 */
import { readFileSync } from 'fs';
import { join, relative } from 'path';
import { sourceFiles } from '../helpers/source-files';

const SRC = join(__dirname, '../../src');
const HOST = join(SRC, 'host/excel');
const WPS = join(SRC, 'host/wps');

const files = sourceFiles;

/** Code without comments and string literals' contents, so a mention of “Office.js” in prose does not count. */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '').replace(/'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, "''");

const OFFICE_CALL = /\b(?:Excel|Office|OfficeExtension)\s*\.\s*[A-Za-z]|context\s*\.\s*workbook|\.getRange\s*\(|conditionalFormats/;
/** The ET model: its collections and calls (capitalised, as COM names them), and WPS's runtime. */
const ET_CALL = /\.(?:Worksheets|Names|Workbooks|FormatConditions|ActiveWorkbook|Value2|Unprotect|CreateTaskPane|AddCustomFunction|PluginStorage)\b|\.Range\s*\(/;

/** Lines matching `call` in src outside `inside`, with file and line. */
const callsOutside = (call: RegExp, inside: string) =>
  files(SRC)
    .filter((f) => !f.startsWith(inside))
    .flatMap((f) =>
      code(readFileSync(f, 'utf8'))
        .split('\n')
        .flatMap((line, i) => (call.test(line) ? [`${relative(SRC, f)}:${i + 1}: ${line.trim()}`] : [])),
    );

describe('the host boundary', () => {
  test('no Office API call outside src/host/excel', () => {
    expect(callsOutside(OFFICE_CALL, HOST)).toEqual([]);
  });

  test('no ET (WPS 表格) call outside src/host/wps', () => {
    expect(callsOutside(ET_CALL, WPS)).toEqual([]);
  });

  test('the checks are live: they find the calls inside src/host/excel and src/host/wps', () => {
    const inside = files(HOST).filter((f) => OFFICE_CALL.test(code(readFileSync(f, 'utf8'))));
    expect(inside.length).toBeGreaterThanOrEqual(5);
    expect(files(WPS).filter((f) => ET_CALL.test(code(readFileSync(f, 'utf8')))).length).toBeGreaterThanOrEqual(3);
  });
});
