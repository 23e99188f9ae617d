/* global Excel, Office */
/**
 * The only place that calls Excel. Reading for a validation is one context.sync(); writing the
 * marks is one more. Requirement sets are feature-detected: reading and validating work from
 * ExcelApi 1.1 (Excel 2016); marks need 1.6, named ranges 1.3, inserting the template 1.13.
 */
import { FORMAT_IDS, type Issue } from '../model';
import { colLetter, getLayout, NAME_PREFIX, sheetName, type SheetId } from '../model/layout';
import type { Grid, GridCell, WorkbookSource } from '../workbook/read';

export interface Capabilities {
  /** NamedItem.getRange (ExcelApi 1.3): sheets are found by defined names, so renamed sheets still work. */
  readonly namedRanges: boolean;
  /** Conditional formats (ExcelApi 1.6): problem cells can be marked without touching the user's formats. */
  readonly marks: boolean;
  /** Workbook.getRanges / RangeAreas (ExcelApi 1.9): one mark per sheet and colour. */
  readonly rangeAreas: boolean;
  /** Workbook.insertWorksheetsFromBase64 (ExcelApi 1.13). */
  readonly insertTemplate: boolean;
  /** names.add and getItemOrNullObject (ExcelApi 1.4). */
  readonly addNames: boolean;
  /** Range.dataValidation (ExcelApi 1.8). */
  readonly dataValidation: boolean;
}

export function capabilities(): Capabilities {
  const has = (v: string) => {
    try {
      return Office.context.requirements.isSetSupported('ExcelApi', v);
    } catch {
      return false;
    }
  };
  return { namedRanges: has('1.3'), marks: has('1.6'), rangeAreas: has('1.9'), insertTemplate: has('1.13'), addNames: has('1.4'), dataValidation: has('1.8') };
}

/** A name present on each sheet of the template in both formats: where the sheet is, even renamed. */
const ANCHORS: Readonly<Record<SheetId, string>> = {
  cover: `${NAME_PREFIX}META_AGENCYNAME`,
  t2: `${NAME_PREFIX}T2_ART20_1`,
  t3: `${NAME_PREFIX}T3`,
  t4: `${NAME_PREFIX}T4`,
  text: `${NAME_PREFIX}TEXT_OVERVIEW`,
  info: `${NAME_PREFIX}FORMAT`,
};

/** Rows below the template's last row still read: rows users insert inside tables. */
const SLACK_ROWS = 40;
/** Explanations (说明) are kept as JSON in column A of the hidden sheet, from this row, in chunks. */
export const EXPLANATION_ROW = 10;
const EXPLANATION_CHUNK = 30_000;
const EXPLANATION_ROWS = 30;

/** The area of a sheet read for a validation: every template cell of either format, plus slack. */
export function gridArea(id: SheetId): string {
  let rows = 1;
  let cols = 1;
  for (const f of FORMAT_IDS) {
    const l = getLayout(f);
    const spans: { sheet: SheetId; row: number; col: number; rows?: number; cols?: number }[] = [...l.labels, ...l.cells.values(), ...l.checks, ...l.meta, ...l.text];
    for (const p of spans) {
      if (p.sheet !== id) continue;
      rows = Math.max(rows, p.row + (p.rows ?? 1) - 1);
      cols = Math.max(cols, p.col + (p.cols ?? 1) - 1);
    }
  }
  if (id === 'info') rows = EXPLANATION_ROW + EXPLANATION_ROWS;
  return `A1:${colLetter(cols + 1)}${rows + SLACK_ROWS}`;
}

const SHEETS = Object.keys(ANCHORS) as SheetId[];

export interface ReadPlan {
  readonly sheets: { readonly id: SheetId; readonly ws: Excel.Worksheet; readonly grid: Excel.Range }[];
  readonly names: Excel.NamedItemCollection;
}

/** Queues every load a validation needs; the caller syncs once. */
export function queueRead(context: Excel.RequestContext, caps: Capabilities): ReadPlan {
  const sheets = SHEETS.map((id) => {
    const ws = caps.namedRanges ? context.workbook.names.getItem(ANCHORS[id]).getRange().worksheet : context.workbook.worksheets.getItem(sheetName(id));
    ws.load('name');
    const grid = ws.getRange(gridArea(id));
    grid.load('values,formulas');
    return { id, ws, grid };
  });
  const names = context.workbook.names;
  // 'items' loads every scalar property of the names (name, value) in the same sync.
  names.load('items');
  return { sheets, names };
}

function gridCell(value: unknown, formula: unknown): GridCell {
  const isFormula = typeof formula === 'string' && formula.startsWith('=');
  if (value === '' || value === null || value === undefined) return { value: null, text: '', formula: isFormula, noResult: false };
  if (typeof value === 'number') return { value, text: String(value), formula: isFormula, noResult: false };
  const text = String(value);
  return { value: text, text, formula: isFormula, noResult: false };
}

const EMPTY: GridCell = { value: null, text: '', formula: false, noResult: false };

/** sheet!$A$1 (as in a name's value or a range address) → sheet, row, column. */
export function parseAddress(ref: string): { sheet: string; row: number; col: number } | undefined {
  const m = /^=?(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]+)\$?(\d+)/.exec(ref.trim());
  if (!m) return undefined;
  const col = m[3]!.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { sheet: (m[1] ?? m[2]!).replace(/''/g, "'"), row: Number(m[4]), col };
}

/** The loaded data as a WorkbookSource for the shared reader. Call after the sync. */
export function sourceOf(plan: ReadPlan): WorkbookSource {
  const grids = new Map<string, Grid>();
  for (const s of plan.sheets) {
    const values = s.grid.values;
    const formulas = s.grid.formulas;
    grids.set(s.ws.name, {
      name: s.ws.name,
      cell: (row, col) => {
        const v = values[row - 1]?.[col - 1];
        return v === undefined ? EMPTY : gridCell(v, formulas[row - 1]?.[col - 1]);
      },
    });
  }
  const refs = new Map(plan.names.items.map((n) => [n.name.toUpperCase(), String(n.value)]));
  return {
    name(name) {
      const at = parseAddress(refs.get(name.toUpperCase()) ?? '');
      const grid = at && grids.get(at.sheet);
      return at && grid ? { grid, row: at.row, col: at.col } : undefined;
    },
    sheet: (name) => grids.get(name),
    sheetNames: () => [...grids.keys()],
  };
}

/** Explanations JSON stored in the hidden sheet, from the loaded grid. */
export function storedExplanations(plan: ReadPlan): unknown[] {
  const info = plan.sheets.find((s) => s.id === 'info')!;
  const text = info.grid.values
    .slice(EXPLANATION_ROW - 1, EXPLANATION_ROW - 1 + EXPLANATION_ROWS)
    // A leading apostrophe (written to keep Excel from parsing the JSON) may come back with the text.
    .map((r) => (typeof r[0] === 'string' ? r[0].replace(/^'/, '') : ''))
    .join('');
  if (!text) return [];
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/** Queues writing the explanations into the hidden sheet (chunks under a cell's 32,767-character limit). */
export function queueSaveExplanations(context: Excel.RequestContext, caps: Capabilities, explanations: readonly unknown[]): void {
  const text = explanations.length ? JSON.stringify(explanations) : '';
  const chunks: string[][] = Array.from({ length: EXPLANATION_ROWS }, (_, k) => [text.slice(k * EXPLANATION_CHUNK, (k + 1) * EXPLANATION_CHUNK)]);
  if (text.length > EXPLANATION_CHUNK * EXPLANATION_ROWS) throw new Error('说明过多，无法保存');
  const ws = caps.namedRanges ? context.workbook.names.getItem(ANCHORS.info).getRange().worksheet : context.workbook.worksheets.getItem(sheetName('info'));
  // A leading apostrophe keeps Excel from reading the JSON as a formula or number.
  ws.getRange(`A${EXPLANATION_ROW}:A${EXPLANATION_ROW + EXPLANATION_ROWS - 1}`).values = chunks.map(([c]) => [c ? `'${c}` : '']);
}

export const MARK_COLORS = { error: '#FFC7CE', warning: '#FFEB9C' } as const;
const MARK_FORMULA = '=TRUE';

/** Addresses to mark per sheet and severity: each issue's own place (its first cell or its label). */
export function marksOf(issues: readonly Issue[], addresses: Readonly<Record<string, string>>): Map<string, { error: string[]; warning: string[] }> {
  const bySheet = new Map<string, { error: Set<string>; warning: Set<string> }>();
  for (const i of issues) {
    if (i.severity === 'info') continue;
    const at = parseAddress(i.at ?? (i.cells[0] ? (addresses[i.cells[0]] ?? '') : ''));
    if (!at) continue;
    const a1 = `${colLetter(at.col)}${at.row}`;
    const s = bySheet.get(at.sheet) ?? { error: new Set<string>(), warning: new Set<string>() };
    bySheet.set(at.sheet, s);
    s[i.severity].add(a1);
  }
  // A cell with an error is marked as an error only.
  return new Map([...bySheet].map(([sheet, s]) => [sheet, { error: [...s.error], warning: [...s.warning].filter((a) => !s.error.has(a)) }]));
}

/**
 * Queues removing the previous marks and marking the problem cells. Marks are conditional formats,
 * so the user's own values and fills are never changed and come back exactly when marks are cleared.
 */
export function queueMarks(context: Excel.RequestContext, caps: Capabilities, plan: ReadPlan | undefined, marks: ReturnType<typeof marksOf>): boolean {
  if (!caps.marks) return false;
  queueClearMarks(context, caps, plan);
  for (const [sheet, { error, warning }] of marks) {
    const ws = context.workbook.worksheets.getItem(sheet);
    for (const [severity, cells] of [['error', error], ['warning', warning]] as const) {
      if (cells.length === 0) continue;
      const targets: (Excel.Range | Excel.RangeAreas)[] = caps.rangeAreas ? [ws.getRanges(cells.join(','))] : cells.map((a) => ws.getRange(a));
      for (const t of targets) {
        const cf = t.conditionalFormats.add(Excel.ConditionalFormatType.custom);
        cf.custom.rule.formula = MARK_FORMULA;
        cf.custom.format.fill.color = MARK_COLORS[severity];
      }
    }
  }
  return true;
}

/** Queues removing the marks from the report's sheets (the template defines no conditional formats of its own). */
export function queueClearMarks(context: Excel.RequestContext, caps: Capabilities, plan?: ReadPlan): void {
  if (!caps.marks) return;
  for (const id of SHEETS) {
    if (id === 'info') continue;
    const grid = plan?.sheets.find((s) => s.id === id)?.grid ?? (caps.namedRanges ? context.workbook.names.getItem(ANCHORS[id]).getRange().worksheet : context.workbook.worksheets.getItem(sheetName(id))).getRange(gridArea(id));
    grid.conditionalFormats.clearAll();
  }
}

/** Queues selecting a cell given as sheet!A1 (activating its sheet). */
export function queueSelect(context: Excel.RequestContext, address: string): boolean {
  const at = parseAddress(address);
  if (!at) return false;
  const ws = context.workbook.worksheets.getItem(at.sheet);
  ws.activate();
  ws.getRange(`${colLetter(at.col)}${at.row}`).select();
  return true;
}

/** Queues restoring total formulas (填入合计) at the given cells: formula text by cell address. */
export function queueFormulas(context: Excel.RequestContext, writes: readonly { address: string; formula: string }[]): void {
  for (const w of writes) {
    const at = parseAddress(w.address);
    if (!at) continue;
    context.workbook.worksheets.getItem(at.sheet).getRange(`${colLetter(at.col)}${at.row}`).formulas = [[`=${w.formula}`]];
  }
}
