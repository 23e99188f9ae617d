/**
 * A workbook a host has loaded (each sheet's grid of values and formulas, the defined names), as
 * the shared reader's WorkbookSource: the Excel and the WPS host read through this.
 */
import { parseSheetAddress } from '../sheet/layout';
import { EMPTY_CELL, hostCell, type Grid, type WorkbookSource } from '../sheet/reader';

export interface LoadedSheet {
  readonly name: string;
  /** Row-major, from the cell at `top`/`left` (A1 unless given): what the host shows. */
  readonly values: readonly (readonly unknown[])[];
  /** The same cells' formulas (`=SUM(…)`), or their values where there is none. */
  readonly formulas: readonly (readonly unknown[])[];
  /** The row and column (1-based) of the grid's first cell: a sheet's used range starts anywhere. */
  readonly top?: number;
  readonly left?: number;
  /** The sheet's used cells were read whole: the grid lists them, so a workbook not made from the template is read by its labels. */
  readonly whole?: boolean;
}

/** `names`: each defined name that is a range, with where it points (`表三!$D$6:$J$30`, with or without `=`). */
export function gridSource(sheets: readonly LoadedSheet[], names: ReadonlyMap<string, string>): WorkbookSource {
  const grids = new Map<string, Grid>();
  for (const s of sheets) {
    const top = s.top ?? 1;
    const left = s.left ?? 1;
    const grid: Grid = {
      name: s.name,
      cell: (row, col) => {
        const v = s.values[row - top]?.[col - left];
        return v === undefined ? EMPTY_CELL : hostCell(v, s.formulas[row - top]?.[col - left]);
      },
    };
    grids.set(s.name, s.whole ? { ...grid, cells: () => listed(s, top, left) } : grid);
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

/** Every cell of a sheet read whole that holds something, as row * 16384 + col (the reader's key). */
function* listed(s: LoadedSheet, top: number, left: number): Iterable<number> {
  for (let r = 0; r < s.values.length; r++) {
    const row = s.values[r]!;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (v !== '' && v !== null && v !== undefined) yield (top + r) * 16384 + left + c;
    }
  }
}
