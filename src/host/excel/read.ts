/* global Excel */
/** Reading for a validation: every report sheet's grid, the defined names and the sheets' protection, in one sync. */
import { parseSheetAddress, type SheetId } from '../../sheet/layout';
import { EMPTY_CELL, hostCell, type Grid, type WorkbookSource } from '../../sheet/reader';
import type { Capabilities } from './capabilities';
import { queueLock, type SheetLock } from './protection';
import { EXPLANATION_ROW, EXPLANATION_ROWS, gridArea, reportSheet, SHEET_IDS } from './sheets';

export interface ReadPlan {
  readonly sheets: { readonly id: SheetId; readonly lock: () => SheetLock; readonly grid: Excel.Range }[];
  readonly names: Excel.NamedItemCollection;
}

/** Queues every load a validation needs; the caller syncs once. */
export function queueRead(context: Excel.RequestContext, caps: Capabilities): ReadPlan {
  const sheets = SHEET_IDS.map((id) => {
    const ws = reportSheet(context, caps, id);
    const grid = ws.getRange(gridArea(id));
    grid.load('values,formulas');
    return { id, lock: queueLock(ws, caps), grid };
  });
  const names = context.workbook.names;
  names.load('items/name,items/type,items/value');
  return { sheets, names };
}

/** The loaded data as a WorkbookSource for the shared reader. Call after the sync. */
export function sourceOf(plan: ReadPlan): WorkbookSource {
  const grids = new Map<string, Grid>();
  for (const s of plan.sheets) {
    const values = s.grid.values;
    const formulas = s.grid.formulas;
    const name = s.lock().name;
    grids.set(name, {
      name,
      cell: (row, col) => {
        const v = values[row - 1]?.[col - 1];
        return v === undefined ? EMPTY_CELL : hostCell(v, formulas[row - 1]?.[col - 1]);
      },
    });
  }
  // Names that are not ranges (`=#REF!$D$6`, constants) point nowhere.
  const refs = new Map(plan.names.items.filter((n) => n.type === 'Range').map((n) => [n.name.toUpperCase(), String(n.value)]));
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

/** 说明 JSON stored in the hidden sheet, from the loaded grid. */
export function storedExplanations(plan: ReadPlan): unknown[] {
  const info = plan.sheets.find((s) => s.id === 'info')!;
  const text = info.grid.values
    .slice(EXPLANATION_ROW - 1, EXPLANATION_ROW - 1 + EXPLANATION_ROWS)
    // A leading apostrophe (written to keep Excel from parsing the JSON) may come back with the text.
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
