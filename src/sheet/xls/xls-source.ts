/**
 * Excel 97–2003 workbooks (.xls, BIFF8) and WPS's own .et, through SheetJS (`@e965/xlsx`, the kept
 * republication of SheetJS 0.20.3): loaded only for such files, bounded like the .xlsx reader (the
 * file's size is checked before, rows and columns here). Formulas keep their text and cached result.
 */
import * as XLSX from '@e965/xlsx';
import { parseSheetAddress } from '../a1';
import { WorkbookReadError } from '../errors';
import { EMPTY_CELL, type Grid, type GridCell, type WorkbookSource } from '../reader';
import { SHEET_BOUNDS } from '../xlsx/xlsx-source';

function cellOf(c: XLSX.CellObject): GridCell {
  const formulaText = typeof c.f === 'string' && c.f ? c.f : undefined;
  const formula = formulaText !== undefined;
  const base = { formula, noResult: false, ...(formulaText ? { formulaText } : {}) };
  switch (c.t) {
    case 'n':
      return typeof c.v === 'number' ? { ...base, value: c.v, text: String(c.v) } : { ...EMPTY_CELL, ...base };
    case 's':
    case 'd': {
      const text = String(c.v ?? c.w ?? '');
      return text === '' ? { ...EMPTY_CELL, ...base } : { ...base, value: text, text };
    }
    case 'b':
      return { ...base, value: c.v ? 'true' : 'false', text: c.v ? 'true' : 'false' };
    case 'e': {
      const error = c.w ?? '#VALUE!';
      return { ...base, value: { error }, text: error };
    }
    default:
      return formula ? { ...EMPTY_CELL, ...base, noResult: c.v === undefined } : EMPTY_CELL;
  }
}

/** A legacy workbook's bytes as a WorkbookSource. Throws WorkbookReadError (Chinese) when SheetJS cannot read it. */
export function xlsSource(buf: Uint8Array): WorkbookSource {
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(buf, { type: 'array', cellFormula: true, cellHTML: false, cellNF: false, cellStyles: false, sheetRows: SHEET_BOUNDS.rows, dense: false });
  } catch (e) {
    const password = /password-protected/i.test(String((e as Error)?.message ?? ''));
    throw new WorkbookReadError(
      password
        ? '工作簿设置了打开密码（已加密），请在 Excel 或 WPS 中取消密码后另存为 .xlsx 再校验'
        : '无法读取这个旧版 Excel（.xls）或 WPS 表格（.et）文件（格式不受支持或文件已损坏），请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx）后再校验',
    );
  }
  const grids = new Map<string, Grid>();
  for (const name of wb.SheetNames) {
    const sheet = wb.Sheets[name];
    if (!sheet) continue;
    const cells = new Map<number, GridCell>();
    for (const [ref, c] of Object.entries(sheet)) {
      if (ref.startsWith('!')) continue;
      const at = XLSX.utils.decode_cell(ref);
      if (at.c + 1 > SHEET_BOUNDS.cols || at.r + 1 > SHEET_BOUNDS.rows) continue;
      const cell = cellOf(c as XLSX.CellObject);
      if (cell !== EMPTY_CELL) cells.set((at.r + 1) * 16384 + at.c + 1, cell);
    }
    grids.set(name.toLowerCase(), { name, cell: (row, col) => cells.get(row * 16384 + col) ?? EMPTY_CELL, cells: () => cells.keys() });
  }
  const { Names: defined = [] } = wb.Workbook ?? {};
  const names = new Map(defined.filter((n) => n.Sheet === undefined).map((n) => [n.Name.toUpperCase(), n.Ref]));
  return {
    name(name) {
      const at = parseSheetAddress(names.get(name.toUpperCase()) ?? '');
      const grid = at && grids.get(at.sheet.toLowerCase());
      return at && grid ? { grid, row: at.row, col: at.col } : undefined;
    },
    sheet: (name) => grids.get(name.toLowerCase()),
    sheetNames: () => wb.SheetNames,
  };
}
