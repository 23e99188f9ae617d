import { placeText } from '../../src/sheet/a1';
import ExcelJS from 'exceljs';
import { readFileSync } from 'fs';
import { join } from 'path';
import { AGENCY_KINDS, FORMAT_IDS, getFormat, validate } from '../../src/model';
import { getLayout, sheetAddress } from '../../src/sheet/layout';
import { unzipWorkbook } from '../../src/sheet/xlsx/zip';
import { buildTemplate } from '../../src/workbook/template';
import { generatedWorkbooks } from '../../scripts/generated-assets';
import { load, reread } from '../helpers/workbooks';

const root = join(__dirname, '../..');
/** Zip parts as text, so two builds compare equal whatever the zip timestamps. */
const parts = async (buf: Buffer) => Object.fromEntries(Object.entries(unzipWorkbook(buf)).map(([k, v]) => [k, Buffer.from(v).toString('utf8')]));

describe('template workbooks', () => {
  test('the committed templates and sample workbooks are what the model generates (`npm run gen:assets`)', async () => {
    for (const [file, buf] of Object.entries(await generatedWorkbooks())) {
      expect([file, await parts(readFileSync(join(root, file)))]).toEqual([file, await parts(buf)]);
    }
  });

  test.each(FORMAT_IDS)('format %s: sheets, labels, names, formulas, validation and protection', async (formatId) => {
    const wb = await load(readFileSync(join(root, `assets/template-${formatId}.xlsx`)));
    const layout = getLayout(formatId);
    const format = getFormat(formatId);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual(layout.sheets.map((s) => [s.name, s.hidden ? 'veryHidden' : 'visible']));
    // Every label as printed, in its place.
    for (const l of layout.labels) {
      expect([sheetAddress(l), wb.getWorksheet(layout.sheets.find((s) => s.id === l.sheet)!.name)!.getCell(l.row, l.col).value ?? '']).toEqual([sheetAddress(l), l.text]);
    }
    const t3 = wb.getWorksheet('表三')!;
    expect(t3.getCell('D3').isMerged && t3.getCell('J3').isMerged).toBe(true);
    expect(t3.getCell('D3').master.value).toBe('申请人情况');
    expect(t3.getCell('F4').master.value).toBe('法人或其他组织');
    expect(wb.getWorksheet('表四')!.getCell('O2').master.value).toBe('行政诉讼');
    // Inputs unlocked with validation, totals locked formulas.
    for (const c of format.cells) {
      const p = layout.cells.get(c.id)!;
      const cell = wb.getWorksheet(layout.sheets.find((s) => s.id === p.sheet)!.name)!.getCell(p.row, p.col);
      if (c.derived) {
        expect([c.id, typeof (cell.value as ExcelJS.CellFormulaValue).formula, cell.protection?.locked ?? true]).toEqual([c.id, 'string', true]);
      } else {
        expect([c.id, cell.protection?.locked, cell.dataValidation?.type]).toEqual([c.id, false, c.kind === 'amount' ? 'decimal' : 'whole']);
      }
    }
    expect(cellAt(wb, 'XXGK_META_AGENCYKIND').dataValidation.formulae).toEqual([`"${AGENCY_KINDS.map((k) => k.label).join(',')}"`]);
    expect(String((cellAt(wb, 'XXGK_T3').worksheet.getCell('K6').value as ExcelJS.CellFormulaValue).formula)).toMatch(/^IF\(/);
    // Protected, without a password: users may lift it.
    const protection = (t3 as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
    expect(protection).toMatchObject({ sheet: true });
    expect(protection).not.toHaveProperty('hashValue');
    expect(t3.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, printTitlesRow: '3:5' });
    expect(t3.getCell('D6').font?.name).toBe('宋体');
    expect(cellAt(wb, 'XXGK_FORMAT').value).toBe(formatId);
  });

  test('an untouched template reads back: every input blank, totals 0, nothing else wrong', async () => {
    const r = await reread(buildTemplate('2021'));
    const result = validate(r.report, { reading: r.reading });
    const inputs = getFormat('2021').cells.filter((c) => !c.derived).length;
    expect(result.issues.filter((i) => i.ruleId === 'CELL-BLANK')).toHaveLength(inputs);
    expect(result.issues.filter((i) => !['CELL-BLANK', 'META-REQUIRED', 'NARRATIVE-EMPTY'].includes(i.ruleId))).toEqual([]);
    // The text part is part of the report: an untouched template is asked for it.
    expect(result.issues.filter((i) => i.ruleId === 'NARRATIVE-EMPTY')).toHaveLength(1);
    expect(placeText(r.places['t3.new.natural']!)).toBe('表三!D6');
  });
  test.each(FORMAT_IDS)('format %s: every check cell shows “✓” green and “差 N” red (a conditional format), and the sheets print on A4 one page wide', async (formatId) => {
    const wb = await load(readFileSync(join(root, `assets/template-${formatId}.xlsx`)));
    const layout = getLayout(formatId);
    for (const check of layout.checks) {
      const ws = wb.getWorksheet(layout.sheets.find((s) => s.id === check.sheet)!.name)!;
      const cell = ws.getCell(check.row, check.col);
      expect(cell.font?.color?.argb).toBe('FF2E7D32');
      const cfs = (ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae: string[]; style: { font: { color: { argb: string } } } }[] }[] }).conditionalFormattings;
      const rule = cfs.find((c) => c.ref === cell.address)?.rules[0];
      expect([cell.address, rule?.formulae[0], rule?.style.font.color.argb]).toEqual([cell.address, `LEFT(${cell.address},1)="差"`, 'FFC00000']);
    }
    for (const s of layout.sheets.filter((x) => !x.hidden)) {
      const setup = wb.getWorksheet(s.name)!.pageSetup;
      expect([s.name, setup.paperSize, setup.fitToWidth, setup.fitToHeight]).toEqual([s.name, 9, 1, 0]);
    }
  });
});

function cellAt(wb: ExcelJS.Workbook, name: string): ExcelJS.Cell {
  const range = wb.definedNames.getRanges(name).ranges[0]!;
  const [sheetName, ref] = range.split('!') as [string, string];
  return wb.getWorksheet(sheetName.replace(/^'|'$/g, ''))!.getCell(ref.replace(/\$/g, '').split(':')[0]!);
}

