/**
 * The standalone page's reader, in a Web Worker: opening and validating a file never blocks the
 * page, and 取消 ends it at once (the page terminates the worker).
 */
import { validateRead, type Report } from '../model/core';
import { WorkbookReadError } from '../sheet/errors';
import { openReport } from '../flows/open-report';

interface Scope {
  onmessage: ((e: { data: { bytes: ArrayBuffer; previous?: Report } }) => void) | null;
  postMessage(message: unknown): void;
}
const scope = globalThis as unknown as Scope;

scope.onmessage = (e) => {
  const { bytes, previous } = e.data;
  openReport(
    new Uint8Array(bytes),
    () => import(/* webpackChunkName: "schema" */ '../model/schema/lazy'),
    () => import(/* webpackChunkName: "legacy-workbook" */ '../sheet/xls/xls-source'),
  )
    .then((opened) => scope.postMessage({ ok: true, opened, result: validateRead(opened, previous) }))
    .catch((err: unknown) => scope.postMessage({ ok: false, message: err instanceof WorkbookReadError ? err.message : '无法读取这个文件' }));
};
