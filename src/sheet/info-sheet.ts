/**
 * The hidden sheet `_xxgk`, the one place that knows its cells: the format and template version
 * (written with the template, see layout.ts), what kind of workbook it is (a unit's report, an
 * imported published report, a 汇总), the reading issues an import found, and the 说明 the user
 * wrote — with their cell values, subject, author and time, as the model keeps them. Read from any
 * grid (the streaming reader, Excel, WPS) and written as cells by every writer (ExcelJS, both hosts).
 */
import { restoreReading, type Issue, type StoredReading } from '../model/core';
import { a1, getLayout } from './layout';
import type { Grid } from './reader';

/** What the hidden sheet says in a workbook that is a 汇总 of several units. */
export const AGGREGATE_MARK = '汇总';
/** What the hidden sheet says in a workbook written from an imported published report: its totals are the printed ones. */
export const IMPORT_MARK = '导入';

/** A JSON list kept in one column in chunks (a cell holds 32,767 characters): column, first row, rows, chunk size. */
interface Store {
  readonly col: number;
  readonly row: number;
  readonly rows: number;
  readonly chunk: number;
}

/** 说明 as JSON in column A, from row 10. */
export const EXPLANATION_STORE: Store = { col: 1, row: 10, rows: 30, chunk: 30_000 };
/** Reading issues (FORM-*) as JSON in column C, from row 10. */
export const READING_STORE: Store = { col: 3, row: 10, rows: 30, chunk: 30_000 };
/** Rows of the hidden sheet a host must read to see every store. */
export const INFO_ROWS = Math.max(EXPLANATION_STORE.row + EXPLANATION_STORE.rows, READING_STORE.row + READING_STORE.rows);

/** Where the kind mark stands (the same in both formats), and its label to the left. */
const KIND = getLayout('2021').info.kind;

export interface InfoContent {
  /** AGGREGATE_MARK, IMPORT_MARK, or '' for a unit's own report. */
  readonly mark: string;
  readonly reading: readonly Issue[];
  /** 说明 as stored; the schema checks them where it is loaded (they came from a file). */
  readonly explanations: readonly unknown[];
}

function readStore(grid: Grid, s: Store): unknown[] {
  let text = '';
  // A leading apostrophe (written to keep the spreadsheet from parsing the JSON) may come back with the text.
  for (let k = 0; k < s.rows; k++) text += grid.cell(s.row + k, s.col).text.replace(/^'/, '');
  if (!text) return [];
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/** Everything the hidden sheet holds besides the format marker. A damaged store reads as empty. */
export function readInfo(grid: Grid | undefined): InfoContent {
  if (!grid) return { mark: '', reading: [], explanations: [] };
  return { mark: grid.cell(KIND.row, KIND.col).text.trim(), reading: restoreReading(readStore(grid, READING_STORE)), explanations: readStore(grid, EXPLANATION_STORE) };
}

/** One cell to write on the hidden sheet: text, or null to empty it. */
export interface InfoCell {
  readonly row: number;
  readonly col: number;
  readonly value: string | null;
}

/** The chunks of a store, every row of it (emptied where the list ends), or undefined when the list does not fit. */
function storeCells(s: Store, list: readonly unknown[]): InfoCell[] | undefined {
  const text = list.length ? JSON.stringify(list) : '';
  if (text.length > s.chunk * s.rows) return undefined;
  return Array.from({ length: s.rows }, (_, k) => {
    const c = text.slice(k * s.chunk, (k + 1) * s.chunk);
    return { row: s.row + k, col: s.col, value: c ? `'${c}` : null };
  });
}

/** The 说明 store's cells, or undefined when the list is larger than the sheet keeps (the caller says so). */
export function explanationCells(list: readonly unknown[]): InfoCell[] | undefined {
  return storeCells(EXPLANATION_STORE, list);
}

/** The 说明 store as one column range (A10:A39) and its values, for a host that writes a range at once. */
export function explanationRange(list: readonly unknown[]): { address: string; values: string[][] } | undefined {
  const cells = explanationCells(list);
  if (!cells) return undefined;
  const s = EXPLANATION_STORE;
  return { address: `${a1(s.row, s.col)}:${a1(s.row + s.rows - 1, s.col)}`, values: cells.map((c) => [c.value ?? '']) };
}

/** The cells that record a workbook's kind, reading issues and 说明; parts not given are not written. */
export function infoCells(content: { readonly mark?: string; readonly reading?: readonly StoredReading[]; readonly explanations?: readonly unknown[] }): InfoCell[] {
  const out: InfoCell[] = [];
  if (content.mark) out.push({ row: KIND.row, col: KIND.col - 1, value: 'kind' }, { row: KIND.row, col: KIND.col, value: content.mark });
  // Lists too large for the sheet are cut to what fits rather than lost whole: the JSON stays valid.
  if (content.reading?.length) out.push(...fitting(READING_STORE, content.reading));
  if (content.explanations) out.push(...fitting(EXPLANATION_STORE, content.explanations));
  return out;
}

function fitting(s: Store, list: readonly unknown[]): InfoCell[] {
  const whole = storeCells(s, list);
  if (whole) return whole;
  // The longest first part that fits, by bisection.
  let lo = 0;
  let hi = list.length;
  while (lo + 1 < hi) {
    const mid = (lo + hi) >> 1;
    if (storeCells(s, list.slice(0, mid))) lo = mid;
    else hi = mid;
  }
  return storeCells(s, list.slice(0, lo))!;
}
