/**
 * Opening a report file, the one flow the CLI, the task pane and the standalone page share: a
 * filled workbook (.xlsx), a report JSON, a submission, or aggregate's JSON — recognised from the
 * bytes, never from the name. Every failure is a WorkbookReadError with a Chinese message.
 */
import { AGGREGATE_KIND, restoreReading, SUBMISSION_KIND, type Issue, type Report } from '../model/core';
import type * as Lazy from '../model/schema/lazy';
import { WorkbookReadError } from '../sheet/errors';
import { getLayout, sheetName } from '../sheet/layout';
import { metaKey, type Places } from '../sheet/places';
import { readAnyWorkbook, readWorkbookBuffer, type ForeignLoader } from '../sheet/xlsx/open';
import { oleContainer } from '../sheet/xlsx/zip';
import type * as LegacyReader from '../sheet/xls/xls-source';

export interface OpenedReport {
  readonly report: Report;
  /** FORM-* issues from reading it. */
  readonly reading: readonly Issue[];
  /** Where each cell and cover-sheet field was found (workbooks), or where the template puts it (JSON). */
  readonly places: Places;
  readonly source: 'xlsx' | 'json' | 'submission';
  /** A 汇总 written by aggregate (its hidden sheet or its JSON says so). */
  readonly aggregate: boolean;
  /** Total cells the workbook computes by formula (none for JSON: every number there was written). */
  readonly computed: readonly string[];
}


/** The zod-dependent parsers, loaded the way the surface can: `import()` in the page, `require` in the CLI. */
export type SchemaLoader = () => Promise<typeof Lazy>;

/** The legacy-workbook reader (SheetJS), loaded only for an .xls or .et file. Without it such files are refused with advice. */
export type LegacyLoader = () => Promise<typeof LegacyReader>;

/** A short, printable excerpt of untrusted text for a message. */
export const excerpt = (s: string, max = 40): string => (s.length > max ? `${s.slice(0, max)}…` : s);

const templatePlaces = (report: Report): Places => {
  const layout = getLayout(report.format);
  const place = (p: { sheet: Parameters<typeof sheetName>[0]; row: number; col: number }) => ({ sheet: sheetName(p.sheet), row: p.row, col: p.col });
  return Object.fromEntries([...[...layout.cells].map(([id, p]) => [id, place(p)] as const), ...layout.meta.map((m) => [metaKey(m.field), place(m)] as const)]);
};

/** UTF-16 text (with or without its byte-order mark): every other byte of ASCII is 0. */
function utf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes.length >= 4 && bytes[1] === 0 && bytes[3] === 0 && bytes[0] !== 0) return 'utf-16le';
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[2] === 0 && bytes[1] !== 0) return 'utf-16be';
  return undefined;
}

export async function openReport(bytes: Uint8Array, loadSchema: SchemaLoader, loadLegacy?: LegacyLoader, loadForeign?: ForeignLoader): Promise<OpenedReport> {
  const wide = utf16(bytes);
  const text = (encoding: string) => new TextDecoder(encoding).decode(bytes).replace(/^\uFEFF/, '');
  const head = wide ? text(wide).slice(0, 64) : new TextDecoder().decode(bytes.subarray(0, 64)).replace(/^\uFEFF/, '');
  const trimmed = head.trimStart();
  // A JSON document: an object or array, or a bare value (which is no report either).
  if (/^[{["]|^(null|true|false|-?\d)/.test(trimmed) && !(bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    let data: unknown;
    try {
      data = JSON.parse(wide ? text(wide) : text('utf-8'));
    } catch {
      throw new WorkbookReadError(/^[{[]/.test(trimmed) ? '不是有效的 JSON 文件（内容不完整或格式有误）' : '不是 Excel 工作簿，也不是年度报告 JSON');
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new WorkbookReadError(`JSON 文件的内容是${data === null ? ' null' : Array.isArray(data) ? '一个数组' : typeof data === 'string' ? '一段文字' : '一个数'}，不是年度报告（应为一个对象，含 format、metadata、tables）`);
    }
    const kind = (data as { kind?: unknown }).kind;
    const aggregate = kind === AGGREGATE_KIND && typeof (data as { report?: unknown }).report === 'object';
    if (aggregate) data = (data as { report: unknown }).report;
    const { fromSubmission, parseReport } = await loadSchema();
    const r = kind === SUBMISSION_KIND ? fromSubmission(data) : parseReport(data);
    if (!r.ok) throw new WorkbookReadError(r.problems.slice(0, 5).map((p) => p.message).join('；'));
    const report = 'report' in r.value ? r.value.report : r.value;
    return { report, reading: restoreReading(report.reading ?? []), places: templatePlaces(report), source: kind === SUBMISSION_KIND ? 'submission' : 'json', aggregate, computed: [] };
  }
  // An .xls or WPS .et (an OLE file that is not an encrypted .xlsx): read by SheetJS, then by labels like any other workbook.
  const r = oleContainer(bytes) === 'legacy' && loadLegacy ? await readAnyWorkbook((await loadLegacy()).xlsSource(bytes), loadForeign) : await readWorkbookBuffer(bytes, loadForeign);
  // 说明 the add-in, the page or `xxgk fill` stored in the workbook come back with the report.
  const explanations = r.explanations.length ? (await loadSchema()).parseExplanations(r.explanations) : [];
  const report = explanations.length ? { ...r.report, explanations } : r.report;
  return { report, reading: r.reading, places: r.places, source: 'xlsx', aggregate: r.aggregate, computed: r.computed };
}
