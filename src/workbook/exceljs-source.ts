/** An ExcelJS workbook as a WorkbookSource for the reader. */
import type ExcelJS from 'exceljs';
import type { CellValue } from '../model';
import type { Grid, GridCell, WorkbookSource } from './read';

/** Text of a cell, whatever form ExcelJS gives it in. */
function textOf(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return textOf(v.result as ExcelJS.CellValue);
    if ('error' in v) return String(v.error);
  }
  return '';
}

function valueOf(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'object' && !(v instanceof Date) && 'error' in v) return { error: String(v.error) };
  return textOf(v);
}

const EMPTY: GridCell = { value: null, text: '', formula: false, noResult: false };

function gridCell(v: ExcelJS.CellValue): GridCell {
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) {
    const result = (v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue | undefined;
    if (result === undefined || result === null) return { value: null, text: '', formula: true, noResult: true };
    return { ...gridCell(result), formula: true };
  }
  return { value: valueOf(v), text: textOf(v), formula: false, noResult: false, ...(v instanceof Date ? { date: v.toISOString().slice(0, 10) } : {}) };
}

function grid(ws: ExcelJS.Worksheet): Grid {
  return { name: ws.name, cell: (row, col) => gridCell(ws.getCell(row, col).value) };
}

export function excelJsSource(wb: ExcelJS.Workbook): WorkbookSource {
  return {
    name(name) {
      let ranges: string[] = [];
      try {
        ranges = wb.definedNames.getRanges(name)?.ranges ?? [];
      } catch {
        return undefined;
      }
      const m = /^'?(.+?)'?!\$?([A-Z]+)\$?(\d+)/.exec(ranges[0] ?? '');
      const ws = m ? wb.getWorksheet(m[1]!.replace(/''/g, "'")) : undefined;
      if (!m || !ws) return undefined;
      const col = m[2]!.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      return { grid: grid(ws), row: Number(m[3]), col };
    },
    sheet(name) {
      const ws = wb.getWorksheet(name);
      return ws ? grid(ws) : undefined;
    },
    sheetNames: () => wb.worksheets.map((ws) => ws.name),
  };
}
