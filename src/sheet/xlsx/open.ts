/** Reading a workbook from its bytes (Node or browser): the bounded, streaming reader into a report. */
import { readWorkbook, type WorkbookReading } from '../reader';
import { xlsxSource } from './xlsx-source';

export async function readWorkbookBuffer(buf: Uint8Array): Promise<WorkbookReading> {
  return readWorkbook(xlsxSource(buf));
}
