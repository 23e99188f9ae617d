/* global File, TextDecoder */
import type { Issue, Report } from '../model';
import { getLayout, sheetAddress } from '../sheet/layout';

/** Last year's report from a chosen file: JSON (schemas loaded on demand) or a workbook (ExcelJS loaded on demand). */
export async function readReportFile(file: File): Promise<{ report: Report; reading: readonly Issue[]; addresses: Readonly<Record<string, string>> }> {
  if (file.size > 25 * 1024 * 1024) throw new Error('文件过大，不是年度报告');
  const bytes = new Uint8Array(await file.arrayBuffer());
  const head = new TextDecoder().decode(bytes.subarray(0, 64)).replace(/^\uFEFF/, '');
  if (/^\s*[{[]/.test(head)) {
    let data: { kind?: string };
    try {
      data = JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, '')) as { kind?: string };
    } catch {
      throw new Error('不是有效的 JSON 文件');
    }
    const { fromSubmission, parseReport } = await import(/* webpackChunkName: "schema" */ '../model/schema/lazy');
    const parsed = data.kind ? fromSubmission(data) : parseReport(data);
    if (!parsed.ok) throw new Error(parsed.problems.slice(0, 3).map((p) => p.message).join('；'));
    const report = 'report' in parsed.value ? parsed.value.report : parsed.value;
    const addresses = Object.fromEntries([...getLayout(report.format).cells].map(([id, p]) => [id, sheetAddress(p)]));
    return { report, reading: [], addresses };
  }
  const { readWorkbookBuffer } = await import(/* webpackChunkName: "xlsx-reader" */ '../sheet/xlsx/open');
  const r = await readWorkbookBuffer(bytes);
  return { report: r.report, reading: r.reading, addresses: r.addresses };
}

