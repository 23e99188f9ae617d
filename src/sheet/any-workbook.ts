/**
 * Any workbook, from any source (a file's bytes, a host's ranges): made from the template (read by
 * its layout), or not (by the tables' printed labels, the published-report reader's code — loaded
 * only then, so that the page and the task panes stay small).
 */
import { NotTemplateError } from './errors';
import { readWorkbook, type WorkbookReading, type WorkbookSource } from './reader';
import type * as Foreign from './foreign';

/** The label-reading of foreign workbooks, loaded only when a workbook needs it (a chunk of its own in the page and panes). */
export type ForeignLoader = () => Promise<typeof Foreign>;
const importForeign: ForeignLoader = () => import(/* webpackChunkName: "foreign-workbook" */ './foreign');

export async function readAnyWorkbook(source: WorkbookSource, loadForeign: ForeignLoader = importForeign): Promise<WorkbookReading> {
  try {
    return readWorkbook(source);
  } catch (e) {
    if (!(e instanceof NotTemplateError)) throw e;
    return (await loadForeign()).readForeign(source);
  }
}
