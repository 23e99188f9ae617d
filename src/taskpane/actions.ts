/* global Excel */
/**
 * What the task pane's buttons do, as exported async functions over Excel.run and the model.
 * The DOM lives in taskpane.ts; Excel calls go through excel-adapter.ts.
 */
import {
  explanationKey,
  getFormat,
  suggestTotals,
  validate,
  type Explanation,
  type FormatId,
  type Issue,
  type Report,
  type ValidationResult,
} from '../model';
import { a1, colLetter, getLayout, NAME_PREFIX, sheetName, type Placement } from '../model/layout';
import { rawValue } from '../model/view';
import { readWorkbook } from '../workbook/read';
import { WorkbookReadError } from '../workbook/safe-zip';
import { sumFormula } from '../workbook/formulas';
import { queueBuildTemplate } from './build-sheets';
import {
  capabilities,
  marksOf,
  parseAddress,
  queueClearMarks,
  queueFormulas,
  queueMarks,
  queueRead,
  queueSaveExplanations,
  queueSelect,
  sourceOf,
  storedExplanations,
  type Capabilities,
} from './excel-adapter';

export interface CheckOutcome {
  readonly report: Report;
  readonly result: ValidationResult;
  /** Cell id → sheet!A1 where it was found. */
  readonly addresses: Readonly<Record<string, string>>;
  /** False where this Excel cannot mark cells (before ExcelApi 1.6). */
  readonly marked: boolean;
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

function explain(e: unknown): string {
  if (e instanceof WorkbookReadError) return e.message;
  const code = (e as { code?: string })?.code;
  if (code === 'ItemNotFound') return '工作簿中没有年报模板（或模板的工作表、名称被删除了），请先点击“插入模板”';
  return `Excel 操作失败：${e instanceof Error ? e.message : String(e)}`;
}

/** Checks stored explanations with the schema, loaded only when there are some (zod stays out of the task pane's first load). */
async function parseExplanations(raw: readonly unknown[]): Promise<Explanation[]> {
  if (raw.length === 0) return [];
  const { ExplanationSchema } = await import(/* webpackChunkName: "schema" */ '../model/schema/report');
  return raw.flatMap((e) => {
    const p = ExplanationSchema.safeParse(e);
    return p.success ? [p.data] : [];
  });
}

/** 校验: one sync to read everything, validate with the model, one sync to write all marks. */
export async function runCheck(previous?: Report, caps: Capabilities = capabilities()): Promise<Outcome<CheckOutcome>> {
  try {
    return await Excel.run(async (context) => {
      const plan = queueRead(context, caps);
      await context.sync();
      const reading = readWorkbook(sourceOf(plan));
      const explanations = await parseExplanations(storedExplanations(plan));
      const report = { ...reading.report, ...(explanations.length ? { explanations } : {}) } as Report;
      const result = validate(report, { ...(previous ? { previous } : {}), reading: reading.reading });
      const marked = queueMarks(context, caps, plan, marksOf(result.issues, reading.addresses));
      // Without conditional formats (before ExcelApi 1.6) there is nothing to write.
      if (marked) await context.sync();
      return { ok: true as const, value: { report, result, addresses: reading.addresses, marked } };
    });
  } catch (e) {
    return { ok: false, message: explain(e) };
  }
}

/** 清除标记 */
export async function clearMarks(caps: Capabilities = capabilities()): Promise<Outcome<boolean>> {
  if (!caps.marks) return { ok: true, value: false };
  try {
    await Excel.run(async (context) => {
      queueClearMarks(context, caps);
      await context.sync();
    });
    return { ok: true, value: true };
  } catch (e) {
    return { ok: false, message: explain(e) };
  }
}

/** Selects the cell an issue points at. */
export async function selectCell(address: string): Promise<Outcome<boolean>> {
  try {
    return await Excel.run(async (context) => {
      if (!queueSelect(context, address)) return { ok: true as const, value: false };
      await context.sync();
      return { ok: true as const, value: true };
    });
  } catch (e) {
    return { ok: false, message: explain(e) };
  }
}

/** The explanations with one added or replaced (an empty text removes it), snapshotting the issue's cells. */
export function withExplanation(report: Report, issue: Issue, text: string): Explanation[] {
  const key = explanationKey(issue.ruleId, issue.cells[0]);
  const others = (report.explanations ?? []).filter((e) => explanationKey(e.ruleId, e.cell) !== key);
  if (!text.trim()) return others;
  const values = Object.fromEntries(issue.cells.map((c) => [c, (rawValue(report, c) ?? null) as Explanation['values'] extends Record<string, infer V> | undefined ? V : never]));
  return [
    ...others,
    {
      ruleId: issue.ruleId,
      ...(issue.cells[0] ? { cell: issue.cells[0] } : {}),
      text: text.trim().slice(0, 2000),
      ...(issue.cells.length ? { values } : {}),
      at: new Date().toISOString(),
    },
  ];
}

/** 说明: stores the explanations in the workbook (hidden sheet), so they survive saving and reopening. */
export async function saveExplanations(explanations: readonly Explanation[], caps: Capabilities = capabilities()): Promise<Outcome<true>> {
  try {
    await Excel.run(async (context) => {
      queueSaveExplanations(context, caps, explanations);
      await context.sync();
    });
    return { ok: true, value: true };
  } catch (e) {
    return { ok: false, message: explain(e) };
  }
}

export interface TotalRepair {
  readonly cell: string;
  readonly address: string;
  readonly where: string;
  readonly current: unknown;
  readonly computed: number;
  readonly formula: string;
}

/** 填入合计, step one: the totals that differ from their formulas, to show before writing. */
export function totalRepairs(outcome: CheckOutcome): TotalRepair[] {
  const f = getFormat(outcome.report.format);
  const layout = getLayout(outcome.report.format);
  return suggestTotals(outcome.report).flatMap((s) => {
    const cell = f.byId.get(s.cell)!;
    const address = outcome.addresses[s.cell];
    if (!address || !cell.derived) return [];
    const where = `${f.tables.find((t) => t.id === cell.table)!.name} ${cell.rowTitle} · ${cell.colLabel}`;
    return [{ cell: s.cell, address, where, current: s.current, computed: s.computed, formula: sumFormula(layout, cell.derived.of.map((i) => f.cells[i]!.id)) }];
  });
}

/** 填入合计, step two: writes the template's formulas back (their results are the model's totals). */
export async function applyTotalRepairs(repairs: readonly TotalRepair[]): Promise<Outcome<number>> {
  try {
    await Excel.run(async (context) => {
      queueFormulas(context, repairs.map((r) => ({ address: r.address, formula: r.formula })));
      await context.sync();
    });
    return { ok: true, value: repairs.length };
  } catch (e) {
    return { ok: false, message: explain(e) };
  }
}

/** The workbook's sheets and names, loaded, and the template's sheet names. */
async function sheetsAndNames(context: Excel.RequestContext) {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  const names = context.workbook.names;
  names.load('items/name');
  await context.sync();
  return { sheets: sheets.items, names: names.items, ours: new Set(getLayout('2021').sheets.map((s) => s.name)) };
}

/** Whether the workbook already holds report sheets: our defined names, or a sheet with a template sheet's name. */
async function hasReportSheets(): Promise<boolean> {
  return Excel.run(async (context) => {
    const { sheets, names, ours } = await sheetsAndNames(context);
    return names.some((n) => n.name.toUpperCase().startsWith(NAME_PREFIX)) || sheets.some((ws) => ours.has(ws.name));
  });
}

/** Removes the report sheets and names (after the user agreed). */
async function removeReportSheets(): Promise<void> {
  await Excel.run(async (context) => {
    const { sheets, names, ours } = await sheetsAndNames(context);
    for (const n of names) if (n.name.toUpperCase().startsWith(NAME_PREFIX)) n.delete();
    for (const ws of sheets) {
      if (!ours.has(ws.name)) continue;
      // A very hidden sheet must be visible before it can be deleted.
      ws.visibility = Excel.SheetVisibility.visible;
      ws.delete();
    }
    await context.sync();
  });
}

/** Defined names the template needs, added where missing (insertWorksheetsFromBase64 may leave them out). */
function queueNames(context: Excel.RequestContext, format: FormatId, existing: ReadonlySet<string>): void {
  const layout = getLayout(format);
  const sheet = (p: Placement) => context.workbook.worksheets.getItem(sheetName(p.sheet));
  const add = (name: string, p: Placement, bottomRight?: { row: number; col: number }) => {
    if (existing.has(name.toUpperCase())) return;
    const ref = bottomRight ? `${a1(p.row, p.col)}:${a1(bottomRight.row, bottomRight.col)}` : a1(p.row, p.col);
    context.workbook.names.add(name, sheet(p).getRange(ref));
  };
  add(layout.info.format.name, layout.info.format);
  add(layout.info.version.name, layout.info.version);
  for (const m of layout.meta) add(m.name, m);
  for (const t of layout.text) add(t.name, t);
  for (const b of layout.blocks) {
    add(b.name, { sheet: b.sheet, row: b.top, col: b.left }, { row: Math.max(...b.rows.map((r) => r.row)), col: Math.max(...b.cols.map((c) => c.col)) });
  }
}

/**
 * 插入模板: the template's sheets into the open workbook, never touching the user's other sheets;
 * asks before replacing existing report sheets. insertWorksheetsFromBase64 where ExcelApi 1.13
 * exists, otherwise the sheets are built through the basic API.
 */
export async function insertTemplate(
  format: FormatId,
  year: number,
  templateBase64: (format: FormatId) => Promise<string>,
  confirmReplace: () => Promise<boolean>,
  caps: Capabilities = capabilities(),
): Promise<Outcome<'inserted' | 'cancelled'>> {
  try {
    if (await hasReportSheets()) {
      if (!(await confirmReplace())) return { ok: true, value: 'cancelled' };
      await removeReportSheets();
    }
    const base64 = caps.insertTemplate ? await templateBase64(format) : '';
    await Excel.run(async (context) => {
      if (caps.insertTemplate) {
        context.workbook.insertWorksheetsFromBase64(base64, { positionType: Excel.WorksheetPositionType.end });
        await context.sync();
        const names = context.workbook.names;
        names.load('items/name');
        await context.sync();
        queueNames(context, format, new Set(names.items.map((n) => n.name.toUpperCase())));
      } else {
        // Older Excel: the same sheets, built cell by cell from the layout.
        queueBuildTemplate(context, format, { names: caps.addNames, dataValidation: caps.dataValidation });
      }
      const layout = getLayout(format);
      const yearCell = layout.meta.find((m) => m.field === 'year')!;
      context.workbook.worksheets.getItem(sheetName('cover')).getRange(`${colLetter(yearCell.col)}${yearCell.row}`).values = [[year]];
      context.workbook.worksheets.getItem(sheetName('cover')).activate();
      await context.sync();
    });
    return { ok: true, value: 'inserted' };
  } catch (e) {
    return { ok: false, message: explain(e) };
  }
}

/**
 * 汇总 into the open workbook: the report's numbers written into the input cells of its tables
 * (found where they are, like 校验 finds them); totals stay formulas. One sync to read, one to write.
 */
export async function writeReportValues(report: Report, caps: Capabilities = capabilities()): Promise<Outcome<number>> {
  try {
    return await Excel.run(async (context) => {
      const plan = queueRead(context, caps);
      await context.sync();
      const reading = readWorkbook(sourceOf(plan));
      if (reading.report.format !== report.format) {
        return { ok: false as const, message: `本工作簿是 ${reading.report.format} 版格式，汇总结果是 ${report.format} 版格式，不能写入` };
      }
      const f = getFormat(report.format);
      let n = 0;
      for (const cell of f.cells) {
        const address = reading.addresses[cell.id];
        if (cell.derived || !address) continue;
        const at = parseAddress(address)!;
        context.workbook.worksheets.getItem(at.sheet).getRange(`${colLetter(at.col)}${at.row}`).values = [[(rawValue(report, cell.id) ?? '') as number | string]];
        n++;
      }
      await context.sync();
      return { ok: true as const, value: n };
    });
  } catch (e) {
    return { ok: false, message: explain(e) };
  }
}
