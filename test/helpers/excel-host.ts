/** The task pane's Excel host over the strict fake Excel: a workbook as Excel holds it, and what the pane sees. */
import type { Report } from '../../src/model';
import { fillTemplate } from '../../src/workbook/fill';
import type { SpreadsheetHost } from '../../src/host/types';
import { fakeExcel, fakeWorkbookOf, FakeWorkbook, type HostLog, type HostOptions } from './fake-excel';
import { toBuffer } from './workbooks';

export interface TestHost {
  readonly host: SpreadsheetHost;
  readonly log: HostLog;
  readonly book: FakeWorkbook;
}

/** Installs the fake as the globals Excel and Office and makes the pane's host on it. */
export function excelHostOn(book: FakeWorkbook, options: HostOptions = {}): TestHost {
  const h = fakeExcel(book, options);
  Object.assign(globalThis, { Excel: h.Excel, Office: h.Office });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ExcelHost } = require('../../src/host/excel') as typeof import('../../src/host/excel');
  return { host: new ExcelHost(), log: h.log, book };
}

/** A filled template as Excel holds it after opening the saved file: protected sheets, totals recalculated. */
export async function excelBookOf(report: Report): Promise<FakeWorkbook> {
  return fakeWorkbookOf(await toBuffer(fillTemplate(report)));
}

/** Every cell's value and formula, to compare before and after an action. */
export function cellsOf(book: FakeWorkbook): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of book.sheets) for (const [k, c] of s.cells) if (c.value !== '' || c.formula) out[`${s.name}!${k}`] = `${String(c.value)}${c.formula ?? ''}`;
  return out;
}

/** Each sheet's protection, hiding and fills: what marks must leave as they found it. */
export function sheetStates(book: FakeWorkbook): Record<string, string> {
  return Object.fromEntries(book.sheets.map((s) => [s.name, `${s.visibility} ${s.protected ? `protected ${JSON.stringify(s.options)}` : 'open'}`]));
}
