import { readFileSync, statSync } from 'fs';
import { basename } from 'path';
import { excerpt, openReport, type OpenedReport } from '../flows/open-report';
import { LIMITS, WorkbookReadError } from '../sheet/xlsx/zip';

/** JSON files larger than this are not a report: refuse before reading them. */
export const MAX_JSON_BYTES = 20 * 1024 * 1024;

export interface LoadedReport extends OpenedReport {
  readonly ok: true;
}

export type Loaded = LoadedReport | { readonly ok: false; readonly problems: readonly string[] };

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
  return openBuffer(buf, name);
}

/** Reads a file's bytes (a workbook, a report JSON or a submission); every failure is a Chinese message naming `name`. */
export async function openBuffer(buf: Uint8Array, name: string): Promise<Loaded> {
  try {
    // zod only for JSON, loaded when needed: a workbook's path never loads it.
    const opened = await openReport(
      buf,
      () => import('../model/schema/lazy'),
      // SheetJS only for an .xls or .et file.
      () => import('../sheet/xls/xls-source'),
      // The label reading of workbooks not made from the template.
      () => import('../sheet/foreign'),
    );
    return { ok: true, ...opened };
  } catch (e) {
    if (e instanceof WorkbookReadError) return { ok: false, problems: [`${name}：${e.message}`] };
    return { ok: false, problems: [`${name}：无法读取这个文件（${e instanceof Error ? excerpt(e.message, 200) : '未知原因'}）`] };
  }
}
