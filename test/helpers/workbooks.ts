/** Workbook helpers for tests: fill, edit and re-read templates the way users and spreadsheets do. */
import ExcelJS from 'exceljs';
import type { Report } from '../../src/model';
import { getLayout, sheetName, type SheetId } from '../../src/sheet/layout';
import { fillTemplate } from '../../src/workbook/fill';
import { readWorkbookBuffer } from '../../src/sheet/xlsx/open';

export async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** A filled workbook, written and loaded again, ready for a test to edit like a user would. */
export async function filledWorkbook(report: Report): Promise<ExcelJS.Workbook> {
  return load(await toBuffer(fillTemplate(report)));
}

/** The worksheet of a layout sheet, by its template name. */
export function sheet(wb: ExcelJS.Workbook, id: SheetId): ExcelJS.Worksheet {
  return wb.getWorksheet(sheetName(id))!;
}

/** The cell where the template puts a report cell. */
export function cellOf(wb: ExcelJS.Workbook, report: Report, id: string): ExcelJS.Cell {
  const p = getLayout(report.format).cells.get(id)!;
  return sheet(wb, p.sheet).getCell(p.row, p.col);
}

export async function reread(wb: ExcelJS.Workbook) {
  return readWorkbookBuffer(await toBuffer(wb));
}

/**
 * Renames a sheet the way Excel does — the sheet and every defined name that points at it — by
 * editing the saved file (ExcelJS renames the sheet but leaves the names pointing at the old one).
 */
export async function renameSheetInFile(buf: Buffer, from: string, to: string): Promise<Buffer> {
  const JSZip = (await import('jszip')).default;
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('xl/workbook.xml')!.async('string');
  zip.file('xl/workbook.xml', xml.split(`name="${from}"`).join(`name="${to}"`).split(`&apos;${from}&apos;!`).join(`&apos;${to}&apos;!`));
  return Buffer.from(await zip.generateAsync({ type: 'nodebuffer' }));
}

/** Unmerges every merged area of a sheet (ExcelJS cannot shift merged areas when rows are inserted). */
export function unmergeAll(ws: ExcelJS.Worksheet): void {
  const merges = Object.keys((ws as unknown as { _merges: Record<string, unknown> })._merges);
  for (const m of merges) ws.unMergeCells(m);
}
