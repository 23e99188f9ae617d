/* global Excel */
/** Where the report's sheets are in the open workbook (Excel). */
import { sheetName, type SheetId } from '../../sheet/layout';
import { ANCHORS } from '../areas';
import type { Capabilities } from './capabilities';

/** The worksheet of a report sheet: through its anchor name where names give ranges, else by the template's sheet name. */
export function reportSheet(context: Excel.RequestContext, caps: Capabilities, id: SheetId): Excel.Worksheet {
  return caps.namedRanges ? context.workbook.names.getItem(ANCHORS[id]).getRange().worksheet : context.workbook.worksheets.getItem(sheetName(id));
}
