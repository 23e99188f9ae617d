/* global File */
import { openReport, type OpenedReport } from '../flows/open-report';

/** A report from a chosen file: a workbook or JSON (the schemas and the reader are loaded on demand). */
export async function readReportFile(file: File): Promise<OpenedReport> {
  if (file.size > 25 * 1024 * 1024) throw new Error('文件过大，不是年度报告');
  return openReport(
    new Uint8Array(await file.arrayBuffer()),
    () => import(/* webpackChunkName: "schema" */ '../model/schema/lazy'),
    () => import(/* webpackChunkName: "legacy-workbook" */ '../sheet/xls/xls-source'),
  );
}
