/** Reading a workbook from its bytes (Node or browser): the bounded, streaming reader into a report. */
import { readAnyWorkbook, type ForeignLoader } from '../any-workbook';
import type { WorkbookReading } from '../reader';
import { xlsxSource } from './xlsx-source';

export { readAnyWorkbook, type ForeignLoader };

export async function readWorkbookBuffer(buf: Uint8Array, loadForeign?: ForeignLoader): Promise<WorkbookReading> {
  return readAnyWorkbook(xlsxSource(buf), loadForeign);
}
