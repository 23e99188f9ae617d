/**
 * The streaming xlsx reader on files as spreadsheets save them, edited at the XML level: cached
 * results (0 included), shared strings with phonetic runs, inline strings, date styles, prefixed
 * SpreadsheetML, and sheets far larger than the template.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { validate } from '../../src/model';
import { getLayout } from '../../src/sheet/layout';
import { readWorkbookBuffer } from '../../src/sheet/xlsx/open';
import { SHEET_BOUNDS, xlsxSource } from '../../src/sheet/xlsx/xlsx-source';
import { fillTemplate } from '../../src/workbook/fill';
import { consistentReport } from '../helpers/reports';
import { toBuffer } from '../helpers/workbooks';

const base = consistentReport('2021', Array.from({ length: 300 }, (_, i) => (i % 4) + 1));
const layout = getLayout('2021');

/** The filled template's parts, and the path of the sheet named `name`. */
async function parts() {
  const files = unzipSync(new Uint8Array(await toBuffer(fillTemplate(base))));
  const workbook = strFromU8(files['xl/workbook.xml']!);
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels']!);
  const pathOf = (name: string) => {
    const rid = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(workbook)![1];
    return `xl/${new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)![1]}`.replace('xl//xl/', 'xl/');
  };
  const edit = (name: string, f: (xml: string) => string) => {
    const p = pathOf(name);
    files[p] = strToU8(f(strFromU8(files[p]!)));
  };
  const build = () => zipSync(files);
  return { files, edit, build };
}

/** Replaces the XML of one cell (`<c r="D6" …>…</c>` or `<c r="D6" …/>`). */
const setCell = (xml: string, ref: string, cell: string) => xml.replace(new RegExp(`<c r="${ref}"[^>]*?(/>|>[\\s\\S]*?</c>)`), cell);

describe('streaming xlsx reader', () => {
  test('a cached formula result of 0 is 0, not a blank (ExcelJS drops it); a formula without a result is known as such', async () => {
    const p = await parts();
    p.edit('表三', (xml) => setCell(setCell(xml, 'D6', '<c r="D6"><f>5-5</f><v>0</v></c>'), 'E6', '<c r="E6"><f>2+2</f></c>'));
    const r = await readWorkbookBuffer(p.build());
    expect(r.report.tables.t3.new!.natural).toBe(0);
    const rules = validate(r.report, { reading: r.reading }).issues.map((i) => [i.ruleId, i.cells[0]]);
    expect(rules).not.toContainEqual(['CELL-BLANK', 't3.new.natural']);
    expect(r.reading.map((i) => [i.ruleId, i.cells[0]])).toContainEqual(['FORM-FORMULA-NO-VALUE', 't3.new.commercial']);
    expect(r.reading.map((i) => i.cells[0])).not.toContain('t3.new.natural');
  });

  test('shared strings without their phonetic runs, inline strings, booleans and errors', async () => {
    const p = await parts();
    const sst = strFromU8(p.files['xl/sharedStrings.xml']!);
    const count = (sst.match(/<si>/g) ?? []).length;
    p.files['xl/sharedStrings.xml'] = strToU8(sst.replace('</sst>', '<si><r><t>某</t></r><r><t>局</t></r><rPh sb="0" eb="1"><t>mou</t></rPh></si></sst>'));
    p.edit('基本信息', (xml) => setCell(xml, 'B3', `<c r="B3" t="s"><v>${count}</v></c>`));
    p.edit('表三', (xml) => setCell(setCell(xml, 'D6', '<c r="D6" t="inlineStr"><is><t>１２</t></is></c>'), 'E6', '<c r="E6" t="e"><v>#REF!</v></c>'));
    const r = await readWorkbookBuffer(p.build());
    expect(r.report.metadata.agencyName).toBe('某局');
    expect(r.report.tables.t3.new!.natural).toBe('１２');
    expect(r.report.tables.t3.new!.commercial).toEqual({ error: '#REF!' });
  });

  test('a date-formatted serial on the cover is a date, in the 1900 and the 1904 date systems', async () => {
    const p = await parts();
    const date = layout.meta.find((m) => m.field === 'date')!;
    const ref = `${String.fromCharCode(64 + date.col)}${date.row}`;
    p.files['xl/styles.xml'] = strToU8(strFromU8(p.files['xl/styles.xml']!).replace(/<cellXfs count="(\d+)">/, (_m, n) => `<cellXfs count="${Number(n) + 1}">`).replace('</cellXfs>', '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></cellXfs>'));
    const xfs = (strFromU8(p.files['xl/styles.xml']).match(/<cellXfs[\s\S]*?<\/cellXfs>/)![0].match(/<xf /g) ?? []).length;
    p.edit('基本信息', (xml) => setCell(xml, ref, `<c r="${ref}" s="${xfs - 1}"><v>45672</v></c>`));
    expect((await readWorkbookBuffer(p.build())).report.metadata.date).toBe('2025-01-15');
    p.files['xl/workbook.xml'] = strToU8(strFromU8(p.files['xl/workbook.xml']!).replace('<workbookPr ', '<workbookPr date1904="1" '));
    expect((await readWorkbookBuffer(p.build())).report.metadata.date).toBe('2029-01-16');
  });

  test('SpreadsheetML written with a namespace prefix reads the same', async () => {
    const p = await parts();
    p.edit('表三', (xml) =>
      xml
        .replace(/<(\/?)(sheetData|row|c|v|f|is|t)([\s>/])/g, '<$1x:$2$3')
        .replace('<worksheet ', '<worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '),
    );
    expect((await readWorkbookBuffer(p.build())).report.tables).toEqual(base.tables);
  });

  test('a sheet of a million empty rows is read only as far as the bound; the report is still found', async () => {
    const p = await parts();
    const rows = Array.from({ length: 1_000_000 }, (_, i) => `<row r="${i + 100}"/>`).join('');
    p.edit('表三', (xml) => xml.replace('</sheetData>', `${rows}</sheetData>`));
    const file = p.build();
    expect(file.length).toBeGreaterThan(100_000);
    const r = await readWorkbookBuffer(file);
    expect(r.report.tables).toEqual(base.tables);
    // Cells beyond the bound are never read.
    p.edit('表四', (xml) => xml.replace('</sheetData>', `<row r="${SHEET_BOUNDS.rows + 5}"><c r="A${SHEET_BOUNDS.rows + 5}"><v>7</v></c></row></sheetData>`));
    expect(xlsxSource(p.build()).sheet('表四')!.cell(SHEET_BOUNDS.rows + 5, 1).value).toBeNull();
  });
});
