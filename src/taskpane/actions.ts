/**
 * What the task pane's buttons do, over a spreadsheet host (src/host) and the model. The DOM lives
 * in taskpane.ts; no host API is called here.
 */
import { getFormat, validateRead, type Explanation, type FormatId, type Issue, type Report, type ValidationResult, rawValue } from '../model/core';
import type { TotalRepair } from '../sheet/totals';
import { placeText } from '../sheet/a1';
import { issuePlace, markLevels, type Places } from '../sheet/places';
import { workbookFormat } from '../sheet/reader';
import { readAnyWorkbook } from '../sheet/any-workbook';
import { WorkbookReadError } from '../sheet/xlsx/zip';
import { HostFailure, type Mark, type Place, type SpreadsheetHost } from '../host/types';

export interface CheckOutcome {
  readonly report: Report;
  readonly result: ValidationResult;
  /** Where each cell and cover-sheet field was found. */
  readonly places: Places;
  /** True where the problem cells were marked; otherwise why not. */
  readonly marked: true | string;
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

function message(e: unknown): string {
  if (e instanceof HostFailure || e instanceof WorkbookReadError) return e.message;
  return `操作失败：${e instanceof Error ? e.message : String(e)}`;
}

async function attempt<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    return { ok: false, message: message(e) };
  }
}

/** Checks stored explanations with the schema, loaded only when there are some (zod stays out of the task pane's first load). */
async function parseExplanations(raw: readonly unknown[]): Promise<Explanation[]> {
  if (raw.length === 0) return [];
  return (await import(/* webpackChunkName: "schema" */ '../model/schema/lazy')).parseExplanations(raw);
}

/** The cells to mark: each error or warning at its own place (its suspect cell, or the label it is about), the other cells of a sum lighter. */
export function marksOf(issues: readonly Issue[], places: Places): Mark[] {
  const levels = markLevels(issues, (cell) => places[cell], (i) => issuePlace(i, places), placeText);
  return [...levels.values()].map(({ place, level }) => ({ place, severity: level }));
}

/**
 * 校验: one round trip to read everything, validate with the model, one more to mark. The result
 * stands even when marking fails; `marked` then says why no marks were drawn.
 */
export async function runCheck(host: SpreadsheetHost, previous?: Report): Promise<Outcome<CheckOutcome>> {
  let reading;
  let stored;
  try {
    const read = await host.read();
    // A workbook not made from the template is read by its labels, marked on the user's own cells.
    reading = await readAnyWorkbook(read.source);
    stored = reading.explanations;
  } catch (e) {
    return { ok: false, message: message(e) };
  }
  const explanations = await parseExplanations(stored);
  const report: Report = explanations.length ? { ...reading.report, explanations } : reading.report;
  const result = validateRead({ ...reading, report }, previous);
  let marked: true | string = host.noMarks ?? true;
  if (marked === true) {
    try {
      await host.mark(marksOf(result.issues, reading.places), report.format);
    } catch (e) {
      marked = message(e);
    }
  }
  return { ok: true, value: { report, result, places: reading.places, marked } };
}

/**
 * 清除标记, with the format the last check found (the template's check cells keep their own format);
 * without one, the workbook's marker is read (none in a workbook not made from the template, where
 * only our own formats are cleared).
 */
export function clearMarks(host: SpreadsheetHost, format?: FormatId): Promise<Outcome<void>> {
  return attempt(async () => host.clearMarks(format ?? workbookFormat((await host.read()).source)));
}

/** Selects the cell an issue points at. */
export function selectCell(host: SpreadsheetHost, place: Place): Promise<Outcome<boolean>> {
  return attempt(async () => {
    await host.select(place);
    return true;
  });
}

/** 说明: stores the explanations in the workbook, so they survive saving and reopening. */
export function saveExplanations(host: SpreadsheetHost, explanations: readonly Explanation[]): Promise<Outcome<void>> {
  return attempt(() => host.saveExplanations(explanations));
}

/** 填入合计: writes the template's formulas back (their results are the model's totals). */
export function applyTotalRepairs(host: SpreadsheetHost, repairs: readonly TotalRepair[]): Promise<Outcome<number>> {
  return attempt(async () => {
    const writes = repairs.map((r) => ({ place: r.place, formula: r.formula }));
    await host.write(writes);
    return writes.length;
  });
}

/**
 * 插入模板: the template's sheets into the open workbook, never touching the user's other sheets;
 * asks before replacing existing report sheets. `problems` lists what could not be restored.
 */
export function insertTemplate(
  host: SpreadsheetHost,
  format: FormatId,
  year: number,
  templateBase64: (format: FormatId) => Promise<string>,
  confirmReplace: () => Promise<boolean>,
): Promise<Outcome<{ readonly status: 'inserted' | 'cancelled'; readonly problems: readonly string[] }>> {
  return attempt(async () => {
    if (await host.hasReportSheets()) {
      if (!(await confirmReplace())) return { status: 'cancelled' as const, problems: [] };
      await host.removeReportSheets();
    }
    return { status: 'inserted' as const, problems: await host.insertTemplate(format, year, templateBase64) };
  });
}

/**
 * 汇总 into the open workbook: the report's numbers written into the input cells of its tables
 * (found where they are, like 校验 finds them); totals stay formulas.
 */
export function writeReportValues(host: SpreadsheetHost, report: Report): Promise<Outcome<number>> {
  return attempt(async () => {
    const reading = await readAnyWorkbook((await host.read()).source);
    if (reading.report.format !== report.format) throw new HostFailure(`本工作簿是 ${reading.report.format} 版格式，汇总结果是 ${report.format} 版格式，不能写入`);
    const writes = getFormat(report.format).cells.flatMap((cell) => {
      const at = cell.derived ? undefined : reading.places[cell.id];
      return at ? [{ place: at, value: (rawValue(report, cell.id) ?? null) as number | string | null }] : [];
    });
    await host.write(writes);
    return writes.length;
  });
}
