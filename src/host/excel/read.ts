/* global Excel */
/** Reading for a validation: every report sheet's grid, the defined names and the sheets' protection, in one sync. */
import type { SheetId } from '../../sheet/layout';
import type { WorkbookSource } from '../../sheet/reader';
import { gridArea, SHEET_IDS } from '../areas';
import { gridSource } from '../grid-source';
import type { Capabilities } from './capabilities';
import { queueLock, type SheetLock } from './protection';
import { reportSheet } from './sheets';

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
  // Names that are not ranges (`=#REF!$D$6`, constants) point nowhere. A null type (office-js #5504:
  // another window focused) is judged by the address itself: the reader takes only a sheet!cell one.
  const names = new Map(plan.names.items.filter((n) => n.type === 'Range' || n.type === null).map((n) => [n.name, String(n.value)]));
  return gridSource(plan.sheets.map((s) => ({ name: s.lock().name, values: s.grid.values, formulas: s.grid.formulas })), names);
}

