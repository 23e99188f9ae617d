/** Reading a workbook from its bytes (Node or browser): the bounded, streaming reader into a report. */
import { NotTemplateError } from '../errors';
import { readWorkbook, type WorkbookReading, type WorkbookSource } from '../reader';
import { xlsxSource } from './xlsx-source';

/**
 * Any workbook: made from the template (by its layout), or not (by the tables' printed labels, the
 * published-report reader's code — loaded only then, so that the page and the task pane stay small).
 */
export async function readAnyWorkbook(source: WorkbookSource): Promise<WorkbookReading> {
  try {
    return readWorkbook(source);
  } catch (e) {
    if (!(e instanceof NotTemplateError)) throw e;
    return (await import(/* webpackChunkName: "foreign-workbook" */ '../foreign')).readForeign(source);
  }
}

export async function readWorkbookBuffer(buf: Uint8Array): Promise<WorkbookReading> {
  return readAnyWorkbook(xlsxSource(buf));
}
