/** xxgk validate and xxgk export. */
import { validateRead, type Report } from '../model/core';
import { exportSubmission } from '../flows/export';
import type { Checked } from './check-file';
import { mapFiles } from './files';
import { loadReport } from './load';
import { writeOutput } from './output';
import { summaryTable, type SummaryRow } from './print';
import { err, out } from './stdio';

async function loadPrevious(path: string | undefined): Promise<Report | undefined | 'failed'> {
  if (!path) return undefined;
  const p = await loadReport(path);
  if (p.ok) return p.report;
  for (const line of p.problems) err(`上年报告：${line}\n`);
  return 'failed';
}

export async function runValidate(files: string[], opts: { previous?: string; json?: boolean; jobs: number }): Promise<number> {
  const previous = await loadPrevious(opts.previous);
  if (previous === 'failed') return 2;
  let code = 0;
  const summary: SummaryRow[] = [];
  const progress = files.length > 20;
  const json = opts.json ?? false;
  await mapFiles<Checked>(files, { kind: 'check', json, ...(previous ? { previous } : {}) }, opts.jobs, (c, k) => {
    if (progress && (k % 50 === 0 || k === files.length - 1)) err(`进度 progress: ${k + 1}/${files.length}\n`);
    code = Math.max(code, c.code);
    summary.push(c.row);
    out(c.printed);
  });
  if (!json && files.length > 1) out(`汇总（${files.length} 个文件）\n${summaryTable(summary)}\n`);
  return code;
}

export async function runExport(files: string[], opts: { out?: string; previous?: string }, usage: string): Promise<number> {
  if (files.length !== 1 || !opts.out) {
    err(`export 需要一个输入文件和 -o 输出文件\n\n${usage}\n`);
    return 2;
  }
  const previous = await loadPrevious(opts.previous);
  if (previous === 'failed') return 2;
  const loaded = await loadReport(files[0]!);
  if (!loaded.ok) {
    err(`${loaded.problems.join('\n')}\n`);
    return 2;
  }
  const result = validateRead(loaded, previous);
  const { doc, text } = exportSubmission(loaded.report, result, 'xxgk');
  writeOutput(opts.out, text, [files[0]!, ...(opts.previous ? [opts.previous] : [])]);
  const c = doc.validation.counts;
  err(`已导出 ${opts.out}：${doc.validation.valid ? '校验通过' : `仍有 ${c.error} 个错误`}，${c.warning} 个警告\n`);
  return doc.validation.valid ? 0 : 1;
}
