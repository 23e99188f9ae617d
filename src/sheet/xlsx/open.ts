/** Reading a workbook from its bytes (Node or browser): the bounded, streaming reader into a report. */
import { NotTemplateError } from '../errors';
import { readWorkbook, type WorkbookReading, type WorkbookSource } from '../reader';
import { xlsxSource } from './xlsx-source';
import type * as Foreign from '../foreign';

/**
 * Any workbook: made from the template (by its layout), or not (by the tables' printed labels, the
 * published-report reader's code — loaded only then, so that the page and the task pane stay small).
 */
export async function readAnyWorkbook(source: WorkbookSource, loadForeign: ForeignLoader = importForeign): Promise<WorkbookReading> {
  try {
    return readWorkbook(source);
  } catch (e) {
    if (!(e instanceof NotTemplateError)) throw e;
    return (await loadForeign()).readForeign(source);
  }
}

/** The label-reading of foreign workbooks, loaded the way the surface can: `import()` in the page, `require` in the CLI (its workers run the .ts sources under tsx, where `import()` does not resolve). */
export type ForeignLoader = () => Promise<typeof Foreign>;
const importForeign: ForeignLoader = () => import(/* webpackChunkName: "foreign-workbook" */ '../foreign');

export async function readWorkbookBuffer(buf: Uint8Array, loadForeign?: ForeignLoader): Promise<WorkbookReading> {
  return readAnyWorkbook(xlsxSource(buf), loadForeign);
}
