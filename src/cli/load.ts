import { readFile, stat } from 'fs/promises';
import { basename } from 'path';
import { fromSubmission, parseReport, SUBMISSION_KIND, type Report } from '../model';

/** JSON files larger than this are not a report: refuse before reading them. */
export const MAX_JSON_BYTES = 20 * 1024 * 1024;

export type Loaded = { readonly ok: true; readonly report: Report } | { readonly ok: false; readonly problems: readonly string[] };

/** Reads a report or a submission JSON file; every failure is a Chinese message naming the file. */
export async function loadReport(path: string): Promise<Loaded> {
  const name = basename(path);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return { ok: false, problems: [`${name}：文件不存在或无法读取`] };
  }
  if (size > MAX_JSON_BYTES) return { ok: false, problems: [`${name}：文件过大（${(size / 1048576).toFixed(1)} MB），不是年度报告数据文件`] };
  let data: unknown;
  try {
    data = JSON.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, problems: [`${name}：不是有效的 JSON 文件（目前支持年度报告 JSON 和导出的提交文件）`] };
  }
  const isSubmission = typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === SUBMISSION_KIND;
  if (isSubmission) {
    const r = fromSubmission(data);
    return r.ok ? { ok: true, report: r.value.report } : { ok: false, problems: r.problems.map((p) => `${name}：${p.message}`) };
  }
  const r = parseReport(data);
  return r.ok ? { ok: true, report: r.value } : { ok: false, problems: r.problems.map((p) => `${name}：${p.message}`) };
}
