/**
 * Workbooks not made from the template, as offices make them (their own template, last year's
 * spreadsheet): a report's rendered lines laid into sheets — shifted, split over sheets named by
 * their tables, blank rows between rows, a label written with a note, one table left out.
 */
import ExcelJS from 'exceljs';
import type { Report } from '../../src/model';
import { renderedText } from './published-shapes';
import { toBuffer } from './workbooks';

export interface Shape {
  readonly top: number;
  readonly left: number;
  readonly split: boolean;
  readonly blankEvery: number;
  readonly note: boolean;
  readonly dropT4: boolean;
}

/** The report's rendered lines laid into a workbook the way `shape` says, as a file. */
export async function foreignWorkbook(report: Report, shape: Shape): Promise<Buffer> {
  return toBuffer(foreignExcelJS(report, shape));
}

/** The same as an ExcelJS workbook, for a test to add what users add (their own formats, protection). */
export function foreignExcelJS(report: Report, shape: Shape): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  let ws = wb.addWorksheet('年报');
  let row = shape.top;
  let k = 0;
  let skipping = false;
  for (const line of renderedText(report).split('\n')) {
    if (/^[二三四五]、/.test(line) && !line.startsWith('| ')) {
      skipping = shape.dropT4 && line.startsWith('四、') && line.includes('行政复议');
      if (shape.split) {
        ws = wb.addWorksheet(line.slice(0, 8).replace(/[、，]/g, ''));
        row = shape.top;
      }
    }
    if (skipping) continue;
    const cells = line.startsWith('| ') ? line.slice(1, -1).split('|').map((c) => c.trim()) : [line];
    cells.forEach((c, i) => {
      if (c === '') return;
      const n = Number(c);
      // Numbers as numbers; a label with a note in brackets, as offices add them.
      const text = shape.note && c === '行政许可' ? '行政许可（含备案）' : c;
      ws.getCell(row, shape.left + i).value = /^\d+(\.\d+)?$/.test(c) && Number.isFinite(n) ? n : text;
    });
    row++;
    if (shape.blankEvery && ++k % shape.blankEvery === 0) row++;
  }
  return wb;
}

