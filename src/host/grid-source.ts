/**
 * A workbook a host has loaded (each report sheet's grid of values and formulas, the defined
 * names), as the shared reader's WorkbookSource: the Excel and the WPS host read through this.
 */
import { parseSheetAddress } from '../sheet/layout';
import { EMPTY_CELL, hostCell, type Grid, type WorkbookSource } from '../sheet/reader';

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
