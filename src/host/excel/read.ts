/* global Excel */
/**
 * Reading for a validation. A workbook made from the template: every report sheet's grid, the
 * defined names and the sheets' protection, in one sync. Any other workbook is read by its labels:
 * its sheets are listed (one sync), their used areas and our marks' formats found (one more), and
 * the used cells read (a third) — its sheets cannot be named before the first.
 */
import type { SheetId } from '../../sheet/layout';
import { workbookFormat, type WorkbookSource } from '../../sheet/reader';
import { foreignArea, gridArea, MARK_FORMULA, SHEET_IDS } from '../areas';
import { gridSource } from '../grid-source';
import type { Capabilities } from './capabilities';
import { queueLock, type SheetLock } from './protection';
import { reportSheet } from './sheets';

export interface ReadPlan {
  readonly sheets: { readonly id: SheetId; readonly lock: () => SheetLock; readonly grid: Excel.Range }[];
  readonly names: Excel.NamedItemCollection;
}

/** Queues every load a validation of the template needs; the caller syncs once. */
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

/** Defined names that are ranges, as the reader takes them. */
function rangeNames(names: Excel.NamedItemCollection): Map<string, string> {
  // Names that are not ranges (`=#REF!$D$6`, constants) point nowhere. A null type (office-js #5504:
  // another window focused) is judged by the address itself: the reader takes only a sheet!cell one.
  return new Map(names.items.filter((n) => n.type === 'Range' || n.type === null).map((n) => [n.name, String(n.value)]));
}

/** The loaded data as a WorkbookSource for the shared reader. Call after the sync. */
export function sourceOf(plan: ReadPlan): WorkbookSource {
  return gridSource(plan.sheets.map((s) => ({ name: s.lock().name, values: s.grid.values, formulas: s.grid.formulas })), rangeNames(plan.names));
}

/** The template was found by its names, but is it ours (the hidden sheet's format marker)? */
export const isTemplate = (source: WorkbookSource): boolean => workbookFormat(source) !== undefined;

/** A sheet of a workbook not made from the template: its protection and our marks on it, to clear and draw marks. */
export interface ForeignSheet {
  readonly lock: SheetLock;
  /** The ids of our marks' conditional formats on the sheet, found by their formula (the user's are never touched). */
  readonly ours: readonly string[];
}

interface Found {
  readonly sheet: Excel.Worksheet;
  readonly used: Excel.Range | undefined;
  readonly lock: () => SheetLock;
  readonly formats: Excel.ConditionalFormatCollection | undefined;
}

/** Lists the sheets (one sync), then loads their protection, our marks and, with `used`, their used areas (one more). */
async function findSheets(context: Excel.RequestContext, caps: Capabilities, used: boolean): Promise<{ found: Found[]; names: Excel.NamedItemCollection }> {
  const list = context.workbook.worksheets;
  list.load('items/name');
  const names = context.workbook.names;
  names.load('items/name,items/type,items/value');
  await context.sync();
  const found = list.items.map((ws) => {
    const sheet = context.workbook.worksheets.getItem(ws.name);
    // Cells with values only: formatting far below the data does not widen the read.
    const area = used ? (caps.sheetSetup ? sheet.getUsedRange(true) : sheet.getUsedRange()) : undefined;
    area?.load('rowIndex,columnIndex,rowCount,columnCount');
    const formats = caps.marks ? sheet.getRange().conditionalFormats : undefined;
    formats?.load('items/id,items/type,items/customOrNullObject/rule/formula');
    return { sheet, used: area, formats, lock: queueLock(sheet, caps) };
  });
  await context.sync();
  return { found, names };
}

function foreignSheet(f: Found): ForeignSheet {
  // Only a custom format has a rule formula: the others' null objects are never read.
  const ours = (f.formats?.items ?? []).filter((cf) => cf.type === Excel.ConditionalFormatType.custom && cf.customOrNullObject.rule.formula === MARK_FORMULA);
  return { lock: f.lock(), ours: ours.map((cf) => cf.id) };
}

/** Each sheet's protection and our marks, for marking without a read just before: two syncs. */
export async function foreignSheets(context: Excel.RequestContext, caps: Capabilities): Promise<ForeignSheet[]> {
  return (await findSheets(context, caps, false)).found.map(foreignSheet);
}

/** Reads every sheet's used cells (bounded), their protection and our marks on them: three syncs. */
export async function readForeign(context: Excel.RequestContext, caps: Capabilities): Promise<{ source: WorkbookSource; sheets: ForeignSheet[] }> {
  const { found, names } = await findSheets(context, caps, true);
  const areas = found.map((f) => {
    const u = f.used!;
    const area = foreignArea(u.rowIndex + 1, u.columnIndex + 1, u.rowCount, u.columnCount);
    const range = f.sheet.getRange(area.address);
    range.load('values,formulas');
    return { ...area, range };
  });
  await context.sync();
  const loaded = found.map((f, k) => ({ name: f.lock().name, values: areas[k]!.range.values, formulas: areas[k]!.range.formulas, top: areas[k]!.top, left: areas[k]!.left, whole: true }));
  return { source: gridSource(loaded, rangeNames(names)), sheets: found.map(foreignSheet) };
}
