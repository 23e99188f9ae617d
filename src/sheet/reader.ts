/**
 * Reads a filled workbook (made from the template, then edited by real people) into the model's
 * report, with reading issues (FORM-*) that name sheet and cell. Tables are found by their defined
 * names, rows by their labels, so renamed or reordered sheets and inserted rows do not matter.
 */
import {
  agencyKindByLabel,
  isFormatId,
  makeIssue,
  storeReading,
  metadataLabel,
  cellWhere,
  type CellValue,
  type CompiledFormat,
  type FormatId,
  type Issue,
  type IssueArea,
  type Metadata,
  type MetadataFieldId,
  type Narrative,
  type Place,
  type Report,
} from '../model/core';
import { isSumOf } from './formula-refs';
import { getLayout, sheetName, type Block, type Layout, type Placement } from './layout';
import { AGGREGATE_MARK, IMPORT_MARK, readInfo } from './info-sheet';
import { NotTemplateError, WorkbookReadError } from './errors';
import { metaKey } from './places';

export interface WorkbookReading {
  readonly report: Report;
  /** FORM-* issues found while reading, to pass to validate({ reading }). */
  readonly reading: readonly Issue[];
  /** Where each report cell (and cover-sheet field, by metaKey) was found, with the sheet's current name. */
  readonly places: Readonly<Record<string, Place>>;
  /** The workbook is a 汇总 written by aggregate, not one unit's report. */
  readonly aggregate: boolean;
  /** Total cells (ids) held by a formula: the spreadsheet computes them (validate({ computed })). */
  readonly computed: readonly string[];
  /** 说明 kept in the hidden sheet, unchecked: the schema checks them where it is loaded (openReport, the task pane). */
  readonly explanations: readonly unknown[];
}

/** How far below its expected place a row label is looked for (rows inserted inside a table). */
const ROW_SEARCH = 30;

/** One cell as a spreadsheet host gives it, in the terms the reader needs. */
export interface GridCell {
  /** Content as the model takes it: a number, text, null for blank, or an error value. */
  readonly value: CellValue;
  /** What the cell shows, as text (labels, cover fields). */
  readonly text: string;
  /** The cell holds a formula. */
  readonly formula: boolean;
  /** A formula saved without its result (a file written by a program, not a spreadsheet). */
  readonly noResult: boolean;
  /** The formula's text (`SUM(D6:D9)`, with or without `=`), where the file or host gives it. */
  readonly formulaText?: string;
  /** YYYY-MM-DD when the host knows the cell holds a date. */
  readonly date?: string;
}

export const EMPTY_CELL: GridCell = { value: null, text: '', formula: false, noResult: false };

/**
 * A cell as a spreadsheet host hands it over (the `values` of Office and WPS ranges, custom function
 * arguments): a number, text, '' for blank, a boolean, an error — and its formula text if known.
 */
export function hostCell(value: unknown, formula?: unknown): GridCell {
  const isFormula = typeof formula === 'string' && formula.startsWith('=');
  if (isFormula) return { ...hostValue(value), formula: true, formulaText: formula };
  return hostValue(value);
}

function hostValue(value: unknown): GridCell {
  if (value === '' || value === null || value === undefined) return EMPTY_CELL;
  if (typeof value === 'number') return { value, text: String(value), formula: false, noResult: false };
  if (typeof value === 'object' && 'error' in (value as object)) {
    const error = String((value as { error: unknown }).error);
    return { value: { error }, text: error, formula: false, noResult: false };
  }
  // Office gives errors as text (#REF!, #DIV/0! …): the rules judge them like other text.
  const text = String(value);
  return { value: text, text, formula: false, noResult: false };
}

export interface Grid {
  /** The sheet's current name (users rename sheets). */
  readonly name: string;
  cell(row: number, col: number): GridCell;
  /** Every cell that holds something, as row * 16384 + col (any order), where the source can list them: a workbook not made from the template is read by its labels. */
  cells?(): Iterable<number>;
}

/** A workbook as the reader sees it: the streaming xlsx reader in Node and the browser, the ranges of a spreadsheet host. */
export interface WorkbookSource {
  /** Where a defined name points, or undefined when it is missing or broken. */
  name(name: string): { grid: Grid; row: number; col: number } | undefined;
  sheet(name: string): Grid | undefined;
  sheetNames(): readonly string[];
}

/** Labels compared as people type them: no spaces, full-width and half-width alike, quotes alike. */
export function normalizeLabel(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u3000]/g, '')
    .replace(/[“”„‟"]/g, '"')
    .replace(/[‘’']/g, "'");
}

type LabelMatch = 'same' | 'variant' | 'different';

/** A label with an explanation appended in brackets (“规章(县级无此项)”) is the same row. */
/** The template's labels, normalised once: they are compared on every read. */
const normalizedLabels = new Map<string, string>();

function compareLabel(expected: string, found: string): LabelMatch {
  // Most cells hold the label exactly as the template wrote it.
  if (expected === found) return 'same';
  let e = normalizedLabels.get(expected);
  if (e === undefined) normalizedLabels.set(expected, (e = normalizeLabel(expected)));
  const f = normalizeLabel(found);
  if (e === f) return 'same';
  if (e !== '' && f.startsWith(e) && /^[(\[【]/.test(f.slice(e.length))) return 'variant';
  return 'different';
}

/** A report's tables as the readers build them, by table, row and column. */
export type Tables = Record<string, Record<string, Record<string, CellValue>>>;

/**
 * What a spreadsheet shows once it recalculates: a total holding its own formula (a SUM of exactly
 * the cells its row or column adds up, at the places they were found) is that sum over the cells as
 * read, not the value the last program cached — a file filled by a program that does not recalculate
 * keeps the template's cached 0s. A total saved without a result is computed likewise. A formula
 * edited by the user keeps what it shows (`edited`: it is evidence, like a typed-over total). Sets
 * the totals in `tables`; `stale`: the totals whose cached value differed.
 */
export function recalculateTotals(
  f: CompiledFormat,
  tables: Tables,
  places: Readonly<Record<string, Place>>,
  formulas: ReadonlyMap<string, string | undefined>,
  noResult: ReadonlySet<string>,
): { stale: string[]; edited: string[] } {
  const at = (i: number) => {
    const c = f.cells[i]!;
    return tables[c.table]?.[c.row]?.[c.col];
  };
  const stale: string[] = [];
  const edited: string[] = [];
  for (const i of f.derivedOrder) {
    const cell = f.cells[i]!;
    if (!formulas.has(cell.id)) continue;
    const text = formulas.get(cell.id);
    const place = places[cell.id];
    const terms = cell.derived!.of.map((k) => places[f.cells[k]!.id]);
    const own = text !== undefined && place !== undefined && terms.every((t) => t?.sheet === place.sheet) && isSumOf(text, terms as Place[]);
    if (!own && text !== undefined) edited.push(cell.id);
    if (!own && !noResult.has(cell.id)) continue;
    // SUM skips blanks and text; an error in a term is what the total shows too.
    let sum = 0;
    let error: CellValue | undefined;
    for (const k of cell.derived!.of) {
      const v = at(k);
      if (typeof v === 'number') sum += v;
      else if (v !== null && typeof v === 'object') error ??= v;
    }
    const value = error ?? Math.round(sum * 1e6) / 1e6;
    const cached = at(i);
    if (own && !noResult.has(cell.id) && cached !== value && !(typeof cached === 'object' && typeof value === 'object')) stale.push(cell.id);
    (tables[cell.table]![cell.row] ??= {})[cell.col] = value;
  }
  return { stale, edited };
}

class Reader {
  readonly reading: Issue[] = [];
  readonly places: Record<string, Place> = {};
  readonly computed: string[] = [];

  constructor(
    readonly source: WorkbookSource,
    readonly layout: Layout,
  ) {}

  issue: typeof makeIssue = (ruleId, area, cells, params, options) => {
    const i = makeIssue(ruleId, area, cells, params, options);
    this.reading.push(i);
    return i;
  };

  /** A sheet of the layout, found through a defined name on it (the user may have renamed it). */
  locate(name: string, fallback: Placement): { ws: Grid; row: number; col: number } | undefined {
    const named = this.source.name(name);
    if (named) return { ws: named.grid, row: named.row, col: named.col };
    const ws = this.source.sheet(sheetName(fallback.sheet));
    return ws ? { ws, row: fallback.row, col: fallback.col } : undefined;
  }

  checkLabel(ws: Grid, row: number, col: number, expected: string, area: IssueArea): LabelMatch {
    const found = ws.cell(row, col).text;
    const match = compareLabel(expected, found);
    const place = { sheet: ws.name, row, col };
    if (match === 'variant') this.issue('FORM-LABEL-VARIANT', area, [], { expected, found }, { place });
    if (match === 'different') this.issue('FORM-LABEL', area, [], { expected, found }, { place });
    return match;
  }

  /** Finds each row of a block by its label; returns the sheet row of every layout row. */
  alignRows(ws: Grid, block: Block, rowShift: number, colShift: number): Map<string, number> {
    const out = new Map<string, number>();
    const missing: string[] = [];
    let next = block.rows[0]!.row + rowShift;
    block.rows.forEach((r, k) => {
      const labelAt = (row: number) => compareLabel(r.label, ws.cell(row, r.labelCol + colShift).text);
      let found = -1;
      for (let row = next; row < next + ROW_SEARCH; row++) {
        if (labelAt(row) !== 'different') {
          found = row;
          break;
        }
      }
      if (found < 0) {
        const following = block.rows[k + 1];
        const nextMatches = following && compareLabel(following.label, ws.cell(next, following.labelCol + colShift).text) !== 'different';
        if (nextMatches) {
          missing.push(r.label);
          return;
        }
        // The label was changed in place: read the row where it should be, and say so.
        found = next;
      }
      for (let row = next; row < found; row++) this.extraRow(ws, block, row, colShift);
      this.checkLabel(ws, found, r.labelCol + colShift, r.label, block.table);
      out.set(r.id, found);
      next = found + 1;
    });
    if (missing.length) {
      const table = this.layout.format.tables.find((t) => t.id === block.table)!.name;
      throw new WorkbookReadError(`${ws.name}：${table}缺少${missing.length}行（${missing.slice(0, 5).join('；')}${missing.length > 5 ? '…' : ''}），表格被删改过，请用模板重新填写`);
    }
    return out;
  }

  extraRow(ws: Grid, block: Block, row: number, colShift: number): void {
    const labelCols = [...new Set(block.rows.map((r) => r.labelCol))];
    const texts = labelCols.map((c) => [c + colShift, ws.cell(row, c + colShift).text] as const).filter(([, t]) => t !== '');
    const label = texts.map(([, t]) => t).join(' ');
    const hasValues = block.cols.some((c) => ws.cell(row, c.col + colShift).text !== '');
    if (!label && !hasValues) return;
    const place = { sheet: ws.name, row, col: texts[0]?.[0] ?? (labelCols[0] ?? 1) + colShift };
    const table = this.layout.format.tables.find((t) => t.id === block.table)!.name;
    this.issue('FORM-ROW-EXTRA', block.table, [], { table, found: label || '（无标签）' }, { place });
  }

  /** Reads every block of the layout into tables; throws a Chinese message when a table cannot be found. */
  readTables(): Report['tables'] {
    const f = this.layout.format;
    const tables: Tables = { t2: {}, t3: {}, t4: {} };
    const noValue: string[] = [];
    const formulas = new Map<string, string | undefined>();
    for (const block of this.layout.blocks) {
      const found = this.locate(block.name, { sheet: block.sheet, row: block.top, col: block.left });
      const table = f.tables.find((t) => t.id === block.table)!;
      if (!found) throw new WorkbookReadError(`找不到${table.name}（工作表“${sheetName(block.sheet)}”可能被删除了），请用模板重新填写`);
      const { ws } = found;
      const rowShift = found.row - block.top;
      const colShift = found.col - block.left;
      this.checkHeaders(ws, block, rowShift, colShift);
      const rows = block.table === 't4' ? undefined : this.alignRows(ws, block, rowShift, colShift);
      const rowIds = new Set(block.rows.map((r) => r.id));
      for (const i of table.cells) {
        const cell = f.cells[i]!;
        const p = this.layout.cells.get(cell.id)!;
        if (p.sheet !== block.sheet || !rowIds.has(cell.row)) continue;
        const row = rows ? rows.get(cell.row)! : p.row + rowShift;
        const col = p.col + colShift;
        const place = { sheet: ws.name, row, col };
        this.places[cell.id] = place;
        const { value, formula, noResult: missing, formulaText } = ws.cell(row, col);
        if (cell.derived && formula) {
          this.computed.push(cell.id);
          formulas.set(cell.id, formulaText);
        }
        if (cell.derived && !formula && value !== null) this.issue('FORM-FORMULA-REPLACED', cell.table, [cell.id], { where: cellWhere(f, cell) }, { place });
        if (missing) {
          if (cell.derived) noValue.push(cell.id);
          else this.issue('FORM-FORMULA-NO-VALUE', cell.table, [cell.id], { where: cellWhere(f, cell) }, { place });
        }
        (tables[cell.table]![cell.row] ??= {})[cell.col] = value;
      }
    }
    this.recalculate(tables, formulas, new Set(noValue));
    return tables as unknown as Report['tables'];
  }

  recalculate(tables: Tables, formulas: ReadonlyMap<string, string | undefined>, noResult: ReadonlySet<string>): void {
    const { stale, edited } = recalculateTotals(this.layout.format, tables, this.places, formulas, noResult);
    for (const id of edited) this.computed.splice(this.computed.indexOf(id), 1);
    if (stale.length) this.issue('FORM-NOT-RECALCULATED', this.layout.format.byId.get(stale[0]!)!.table, stale, { count: stale.length });
  }

  /** Header and block labels above a block, checked where the block now is. */
  checkHeaders(ws: Grid, block: Block, rowShift: number, colShift: number): void {
    const sameSheet = this.layout.blocks.filter((b) => b.sheet === block.sheet);
    const previous = sameSheet[sameSheet.indexOf(block) - 1];
    const from = previous ? Math.max(...previous.rows.map((r) => r.row)) + 1 : 1;
    for (const l of this.layout.labels) {
      if (l.sheet !== block.sheet || (l.role !== 'header' && l.role !== 'block') || l.text === '') continue;
      if (l.row < from || l.row >= block.top) continue;
      this.checkLabel(ws, l.row + rowShift, l.col + colShift, l.text, block.table);
    }
  }

  readMetadata(): Metadata {
    const m: Record<string, unknown> = { agencyName: '' };
    for (const field of this.layout.meta) {
      const found = this.locate(field.name, field);
      if (!found) continue;
      const cell = found.ws.cell(found.row, found.col);
      const text = cell.text.trim();
      const place = { sheet: found.ws.name, row: found.row, col: found.col };
      // Where the field is, so that an issue about it (META-*) can point there.
      this.places[metaKey(field.field)] = place;
      const label = metadataLabel(field.field);
      if (text === '') continue;
      const value = metadataValue(field.field, cell);
      if (value === undefined) this.issue('FORM-VALUE', 'meta', [], { field: label, text }, { place });
      else m[field.field] = value;
    }
    return m as Metadata;
  }

  readNarrative(): Narrative {
    const n: Record<string, string> = {};
    for (const t of this.layout.text) {
      const found = this.locate(t.name, t);
      if (found) n[t.section] = found.ws.cell(found.row, found.col).text.trim().slice(0, 200_000);
    }
    return n as Narrative;
  }
}

/**
 * A cover-sheet field as the model keeps it, from a cell however it was typed: 机关类型 by its label,
 * 年度 as “2024” or “2024年”, 填报日期 as a date cell, a serial number or text. Undefined when unreadable.
 */
export function metadataValue(field: MetadataFieldId, cell: Pick<GridCell, 'text' | 'value' | 'date'>): string | number | undefined {
  const text = cell.text.trim();
  switch (field) {
    case 'agencyKind':
      return agencyKindByLabel(text);
    case 'year': {
      const year = Number(text.replace(/年(度)?$/, ''));
      return Number.isInteger(year) && year >= 2008 && year <= 2100 ? year : undefined;
    }
    case 'date':
      return cell.date ?? (typeof cell.value === 'number' ? excelSerialDate(cell.value) : parseDate(text));
    default:
      return text.slice(0, 200);
  }
}

/** 2025-01-15, 2025/1/15, 2025.1.15, 2025年1月15日 → 2025-01-15. */
export function parseDate(text: string): string | undefined {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (!m) return undefined;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/** A date cell stored as a spreadsheet serial number (days since 1899-12-30). */
export function excelSerialDate(serial: number): string | undefined {
  if (!Number.isInteger(serial) || serial < 36526 || serial > 73051) return undefined; // 2000–2099
  return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
}

/** The format a workbook was made for, from its hidden marker; undefined for a workbook not made from the template. */
export function workbookFormat(source: WorkbookSource): FormatId | undefined {
  const marker = getLayout('2021').info.format;
  const named = source.name(marker.name);
  const grid = named?.grid ?? source.sheet(sheetName(marker.sheet));
  const value = grid ? grid.cell(named?.row ?? marker.row, named?.col ?? marker.col).text.trim() : '';
  return isFormatId(value) ? value : undefined;
}

/**
 * Reads a workbook made from the template into a report, by its layout. Throws NotTemplateError for
 * any other workbook (readAnyWorkbook reads those by their labels), WorkbookReadError (Chinese) when it cannot.
 */
export function readWorkbook(source: WorkbookSource): WorkbookReading {
  const format = workbookFormat(source);
  if (!format) throw new NotTemplateError();
  const layout = getLayout(format);
  const reader = new Reader(source, layout);
  const tables = reader.readTables();
  const metadata = reader.readMetadata();
  const narrative = reader.readNarrative();
  const info = readInfo(source.name(layout.info.format.name)?.grid ?? source.sheet(sheetName('info')));
  // An imported report's totals are the printed values, not overwritten formulas, even where a formula shows them again.
  const imported = info.mark === IMPORT_MARK;
  const reading = imported ? reader.reading.filter((i) => i.ruleId !== 'FORM-FORMULA-REPLACED') : reader.reading;
  const report = { format, metadata, tables, narrative, ...(info.reading.length ? { reading: storeReading(info.reading) } : {}) } as Report;
  return {
    report,
    reading: [...info.reading, ...reading],
    places: reader.places,
    aggregate: info.mark === AGGREGATE_MARK,
    computed: imported ? [] : reader.computed,
    explanations: info.explanations,
  };
}
