/**
 * A workbook a host has loaded (each report sheet's grid of values and formulas, the defined
 * names), as the shared reader's WorkbookSource: the Excel and the WPS host read through this.
 */
import { parseSheetAddress } from '../sheet/layout';
import { EMPTY_CELL, hostCell, type Grid, type WorkbookSource } from '../sheet/reader';
import { EXPLANATION_ROW, EXPLANATION_ROWS } from './areas';

export interface LoadedSheet {
  readonly name: string;
  /** Row-major, from A1: what the host shows. */
  readonly values: readonly (readonly unknown[])[];
  /** The same cells' formulas (`=SUM(…)`), or their values where there is none. */
  readonly formulas: readonly (readonly unknown[])[];
}

/** `names`: each defined name that is a range, with where it points (`表三!$D$6:$J$30`, with or without `=`). */
export function gridSource(sheets: readonly LoadedSheet[], names: ReadonlyMap<string, string>): WorkbookSource {
  const grids = new Map<string, Grid>();
  for (const s of sheets) {
    grids.set(s.name, {
      name: s.name,
      cell: (row, col) => {
        const v = s.values[row - 1]?.[col - 1];
        return v === undefined ? EMPTY_CELL : hostCell(v, s.formulas[row - 1]?.[col - 1]);
      },
    });
  }
  const refs = new Map([...names].map(([n, ref]) => [n.toUpperCase(), ref.replace(/^=/, '')]));
  return {
    name(name) {
      const at = parseSheetAddress(refs.get(name.toUpperCase()) ?? '');
      const grid = at && grids.get(at.sheet);
      return at && grid ? { grid, row: at.row, col: at.col } : undefined;
    },
    sheet: (name) => grids.get(name),
    sheetNames: () => [...grids.keys()],
  };
}

/** 说明 JSON stored in column A of the hidden sheet, from its loaded grid. */
export function explanationsIn(values: readonly (readonly unknown[])[]): unknown[] {
  const text = values
    .slice(EXPLANATION_ROW - 1, EXPLANATION_ROW - 1 + EXPLANATION_ROWS)
    // A leading apostrophe (written to keep the spreadsheet from parsing the JSON) may come back with the text.
    .map((r) => (typeof r[0] === 'string' ? r[0].replace(/^'/, '') : ''))
    .join('');
  if (!text) return [];
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/** The 说明 list as the chunks written to column A of the hidden sheet (a leading apostrophe keeps it text). */
export function explanationChunks(list: readonly unknown[], chunk: number): string[] | undefined {
  const text = list.length ? JSON.stringify(list) : '';
  if (text.length > chunk * EXPLANATION_ROWS) return undefined;
  return Array.from({ length: EXPLANATION_ROWS }, (_, k) => text.slice(k * chunk, (k + 1) * chunk)).map((c) => (c ? `'${c}` : ''));
}
