import { readFileSync, statSync } from 'fs';
import { basename } from 'path';
import { SUBMISSION_KIND, type Issue, type Report } from '../model/core';
import { getLayout, sheetAddress } from '../sheet/layout';
import { readWorkbookBuffer } from '../sheet/xlsx/open';
import { LIMITS, WorkbookReadError } from '../sheet/xlsx/zip';

/** JSON files larger than this are not a report: refuse before reading them. */
export const MAX_JSON_BYTES = 20 * 1024 * 1024;

export interface LoadedReport {
  readonly ok: true;
  readonly report: Report;
  /** FORM-* issues from reading a workbook. */
  readonly reading: readonly Issue[];
  /** Cell id → sheet!A1 where it was found (workbooks), or where the template puts it (JSON). */
  readonly addresses: Readonly<Record<string, string>>;
  readonly source: 'xlsx' | 'json' | 'submission';
}

export type Loaded = LoadedReport | { readonly ok: false; readonly problems: readonly string[] };

/** Where the template puts each cell: the address a JSON report's cells are shown at. */
function templateAddresses(report: Report): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, p] of getLayout(report.format).cells) out[id] = sheetAddress(p);
  return out;
}

/** Reads a workbook (.xlsx), a report JSON or a submission JSON; every failure is a Chinese message naming the file. */
export async function loadReport(path: string): Promise<Loaded> {
  const name = basename(path);
  let size: number;
  try {
    // Synchronous: the CLI reads one file after another (or one per worker), and a thread-pool round trip costs more than the read.
    const s = statSync(path);
    if (!s.isFile()) return { ok: false, problems: [`${name}：不是文件`] };
    size = s.size;
  } catch {
    return { ok: false, problems: [`${name}：文件不存在或无法读取`] };
  }
  if (size > Math.max(MAX_JSON_BYTES, LIMITS.fileBytes)) return { ok: false, problems: [`${name}：文件过大（${(size / 1048576).toFixed(1)} MB），不是年度报告`] };
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch {
    return { ok: false, problems: [`${name}：文件不存在或无法读取`] };
  }
  const looksJson = /^\s*[{[]/.test(buf.subarray(0, 64).toString('utf8').replace(/^\uFEFF/, ''));
  if (!looksJson) {
    try {
      const r = await readWorkbookBuffer(buf);
      return { ok: true, report: r.report, reading: r.reading, addresses: r.addresses, source: 'xlsx' };
    } catch (e) {
      if (e instanceof WorkbookReadError) return { ok: false, problems: [`${name}：${e.message}`] };
      return { ok: false, problems: [`${name}：无法读取这个工作簿（${e instanceof Error ? e.message.slice(0, 200) : '未知原因'}）`] };
    }
  }
  let data: unknown;
  try {
    data = JSON.parse(buf.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, problems: [`${name}：不是有效的 JSON 文件`] };
  }
  const isSubmission = typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === SUBMISSION_KIND;
  // zod only for JSON: a workbook's path never loads it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { fromSubmission, parseReport } = require('../model/schema/lazy') as typeof import('../model/schema/lazy');
  const r = isSubmission ? fromSubmission(data) : parseReport(data);
  if (!r.ok) return { ok: false, problems: r.problems.map((p) => `${name}：${p.message}`) };
  const report = 'report' in r.value ? r.value.report : r.value;
  return { ok: true, report, reading: [], addresses: templateAddresses(report), source: isSubmission ? 'submission' : 'json' };
}
