/**
 * Reads a published report (text extracted from a Word file or a web page) into a report,
 * deterministically: every table cell is found by its row label in printed order, every cell that
 * cannot be found is listed as missing and left blank — never guessed. Each variant accepted
 * (a zero written “-”, a unit, a label with an explanation appended, traditional characters, a
 * 2019 label in a 2021 report) is reported as a warning with the text found.
 */
import {
  AGENCY_KINDS,
  assembleReport,
  cellWhere,
  formatForYear,
  getFormat,
  inferAgencyKind,
  makeIssue,
  parseNumberText,
  SECTIONS,
  storeReading,
  type AgencyKind,
  type CellDef,
  type CellValue,
  type FormatId,
  type InferredKind,
  type Issue,
  type IssueArea,
  type Narrative,
  type Place,
  type Report,
  type SectionId,
} from '../model/core';
import { resolveRuns, type DigitRun } from './digit-runs';
import { segmentLabels } from './segment';
import { hasTraditional, labelKey, toSimplified } from './normalize';

const agencyKindLabel = (id: AgencyKind) => AGENCY_KINDS.find((k) => k.id === id)!.label;

/** One cell of the text: a line, or a piece of a line split at tabs or “|”. */
export interface Token {
  readonly text: string;
  /** 1-based line number, for messages. */
  readonly line: number;
  /** Where a spreadsheet holds the cell, when the text is a workbook's grid read row by row. */
  readonly place?: Place;
}

export interface PublishedImport {
  readonly report: Report;
  /** FORM-* issues: variants accepted (warnings) and rows with missing cells (errors). */
  readonly issues: readonly Issue[];
  /** Cell ids not found in the text. */
  readonly missing: readonly string[];
  /** The token each report cell was read from (a workbook's grid: with its place). */
  readonly sources: ReadonlyMap<string, Token>;
}

/**
 * How a line holding only “|” reads: a blank cell (a table whose empty cells came out as “|”), or a
 * separator between cells written one per line — where a blank cell shows as two “|” lines in a row.
 */
export type LonePipe = 'blank' | 'separator';

/** Splits text into cells: lines; tab- or “|”-separated pieces; blank pieces kept (a blank cell), blank lines not. */
export function tokenize(text: string, lonePipe: LonePipe = 'blank'): Token[] {
  const out: Token[] = [];
  let bars = 0;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '|') {
      bars++;
      if (lonePipe === 'blank' || bars >= 2) out.push({ text: '', line });
      return;
    }
    if (raw.trim() !== '') bars = 0;
    if (raw.includes('|')) {
      const parts = raw.split('|').map((p) => p.trim());
      if (parts[0] === '') parts.shift();
      if (parts[parts.length - 1] === '') parts.pop();
      // A Markdown rule line (|---|---|) separates, it holds no cells.
      if (parts.every((p) => /^:?-{2,}:?$/.test(p))) return;
      for (const p of parts) out.push({ text: p, line });
    } else if (raw.includes('\t')) {
      const parts = raw.split('\t').map((p) => p.trim());
      if (raw.startsWith('\t')) parts.shift();
      for (const p of parts) out.push({ text: p, line });
    } else if (raw.trim() !== '') out.push({ text: raw.trim(), line });
  });
  return out;
}

/** Zeros written otherwise. A blank is not among them: it stays blank (CELL-BLANK), as in a workbook. */
const ZERO_VARIANTS = new Set(['-', '—', '–', '－', '/', '／', '无', '無', '0件']);
const UNIT = /^([0-9０-９.,，\s]+)\s*(万元|元|件|条|个|项)$/;

type Reading = { value: number | null; variant?: 'zero' | 'unit'; unit?: string } | undefined;

/** A table value as published: a number, a blank, a zero written otherwise, or a number with a unit. */
function readValue(text: string, cell: CellDef): Reading {
  if (text.trim() === '') return { value: null };
  // “01”, “007”: no report prints a count so; it is numbers run together, not one number.
  if (/^0\d/.test(text.trim().normalize('NFKC'))) return undefined;
  const n = parseNumberText(text);
  if (n !== undefined) return { value: n };
  if (ZERO_VARIANTS.has(text.trim())) return { value: 0, variant: 'zero' };
  const m = UNIT.exec(text.trim());
  if (!m) return undefined;
  const v = parseNumberText(m[1]!);
  if (v === undefined) return undefined;
  const unit = m[2]!;
  // Amounts are kept in 万元: an amount written in 元 is converted.
  if (cell.kind === 'amount' && unit === '元') return { value: Math.round((v / 10_000) * 1e6) / 1e6, variant: 'unit', unit: '万元' };
  if (cell.kind === 'amount' && unit !== '万元') return undefined;
  return { value: v, variant: 'unit', unit: cell.kind === 'amount' ? '万元' : '' };
}

/** A value, or a run of digits (which may start with 0: “0213” is cells run together). */
const isValueLike = (t: Token | undefined, cell: CellDef) => t !== undefined && (/^\d+$/.test(t.text.normalize('NFKC').replace(/\s+/g, '')) || readValue(t.text, cell) !== undefined);

/** 机关类型 from the name, when the name settles it; otherwise why not (nothing when there is no name). */
function kindOf(name: string): { inferred?: InferredKind; open?: string } {
  if (!name) return {};
  const k = inferAgencyKind(name);
  return k.kind ? { inferred: k } : { open: k.ambiguous ?? `名称“${name}”看不出机关类型` };
}

/** Whether the text's own labels tell the format. */
function labelsDecide(text: string): boolean {
  return detectFormat(text, 2019) === detectFormat(text, 2021);
}

/** The format of a published report: its own labels decide, the year only when they are silent. */
export function detectFormat(text: string, year: number | undefined): FormatId {
  // Converting the whole text is costly: only when its own characters do not already decide.
  const plain = text.replace(/[\s\u3000]/g, '');
  const key = /本年制发件数|逾期不补正|缴纳费用|本年新制作数量|其他对外管理服务事项|政府集中采购/.test(plain) ? plain : toSimplified(text).replace(/[\s\u3000]/g, '');
  if (/本年制发件数|逾期不补正|缴纳费用/.test(key)) return '2021';
  if (/本年新制作数量|其他对外管理服务事项|政府集中采购/.test(key)) return '2019';
  return formatForYear(year ?? 2021);
}

/** What a government body's name ends with: a name that does not is not taken from the title. */
const AGENCY_SUFFIX = /(人民政府|政府|委员会|管委会|办公室|办公厅|办事处|街道|局|委|办|院|厅|部|署|会|所|中心|站|队|处|室|馆|社|行|司|区|县|市|州|盟|旗|镇|乡|园|公司|集团|学校|大学|学院|医院)$/;
/** Archive and page headers some sites print before the title: never part of a name. */
const HEADER_NOISE = /^(?:#+\s*|(?:标题|题目|文章标题|正文标题|title)\s*[:：]\s*|page\s*\d+\s*[-–—:：]\s*|(?:索引号|发布机构|发布日期|发布时间|发文日期|来源|时间|字号|文号|分类)[:：]\s*\S*\s+|\d+\s*\/\s*\d+\s+|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?\s*)+/i;
/** The title: a body's name, the year (before or after it), then 政府信息公开（工作）年度报告. */
const TITLE = /(\d{4})\s*年度?\s*政府信息公开(?:工作)?年度?报告/;
const YEAR_FIRST = /^(\d{4})\s*年度?\s*(.+?)\s*政府信息公开(?:工作)?年度?报告/;
/** How much of a text's start the title is looked for in (some pages put a menu or breadcrumbs first). */
const TITLE_REACH = 40;

/** A name as it stands before the year, cleaned of archive headers and breadcrumbs, or `unsure` with what stood there. */
function titleName(before: string): { agencyName?: string; unsure?: string } {
  // Breadcrumbs and archive fields end where the name begins: the last run of text after a separator.
  const cleaned = before.replace(HEADER_NOISE, '').replace(/^[\s《“"]+/, '').replace(/^.*(?:[>›»]|\s{2,}|首页\s)/, '').trim();
  if (!cleaned) return {};
  const name = cleaned.replace(/关于$/, '').trim();
  if (!name) return {};
  const plausible = name.length >= 2 && name.length <= 40 && !/[，。；;:：!！?？、|\s]/.test(name) && AGENCY_SUFFIX.test(name);
  return plausible ? { agencyName: name } : { unsure: before.slice(0, 60) };
}

/**
 * 机关名称 and 年度 from the title: “某某局2020年政府信息公开工作年度报告”, or “2023年某某局政府信息公开
 * 工作年度报告”, within the first lines of the text (after archive headers, breadcrumbs, page
 * numbers). The name is taken only when it reads as one (no sentence punctuation, a body's ending,
 * of sensible length); otherwise `unsure` carries what stood there and the name is left blank.
 */
export function readTitle(tokens: readonly Token[]): { agencyName?: string; year?: number; unsure?: string } {
  let fallback: { year: number; unsure?: string } | undefined;
  let previous = '';
  for (const t of tokens.slice(0, TITLE_REACH)) {
    const line = previous;
    previous = t.text;
    const text = t.text.replace(/\[bookmark:[^\]]*\]/g, '').replace(HEADER_NOISE, '');
    const key = labelKey(text);
    const first = YEAR_FIRST.exec(key.replace(HEADER_NOISE, ''));
    if (first && !/\d{4}\s*年/.test(first[2]!)) {
      const name = titleName(first[2]!);
      if (name.agencyName) return { year: Number(first[1]), agencyName: name.agencyName };
      fallback ??= { year: Number(first[1]), ...(name.unsure ? { unsure: name.unsure } : {}) };
      continue;
    }
    const m = TITLE.exec(key);
    if (!m) continue;
    const year = Number(m[1]);
    // Only the words right before the year: a one-line page runs its breadcrumbs into the title.
    const before = text.slice(0, text.indexOf(m[1]!)).split(/\s+(?=\S+$)|[：:]\s*/).pop() ?? '';
    // A title printed on two lines: the body's name alone on the line before 「YYYY年政府信息公开…」.
    const name = titleName(before.trim() ? before : line);
    if (name.agencyName) return { year, agencyName: name.agencyName };
    fallback ??= { year, ...(name.unsure ? { unsure: name.unsure } : {}) };
  }
  return fallback ?? {};
}

/** The year a report's text states where its title does not: its 统计期限, or “2023年，我局…” in 总体情况. */
export function yearFromText(text: string): { year: number; basis: string } | undefined {
  const head = text.slice(0, 20_000);
  const period = /统计期限(?:为|自|是)?\s*(\d{4})\s*年\s*1\s*月\s*1\s*日/.exec(head);
  if (period) return { year: Number(period[1]), basis: `“${period[0]}”` };
  const opening = /(?:^|[。\n一、总体情况])\s*(\d{4})\s*年度?\s*[，,]?\s*(?:我|本|全)(?:局|委|办|单位|机关|部门|区|县|市|镇|乡|街道|中心|院|厅|部|署|省)/.exec(head);
  if (opening) return { year: Number(opening[1]), basis: `“${opening[0].replace(/^[。\n一、总体情况\s]+/, '')}”` };
  return undefined;
}

/**
 * A count run into an amount (“10.25”: 1 and 0.25; “13575394432.52元”): the one way to cut the
 * integer digits so that the count has no leading zero and the amount no leading zero but “0.”;
 * undefined when there is none or more than one.
 */
function countAndAmount(text: string): [string, string] | undefined {
  const m = /^(\d+)(\.\d+)(万元|元)?$/.exec(text.normalize('NFKC').replace(/\s+/g, ''));
  if (!m) return undefined;
  const [, whole, frac, unit = ''] = m as unknown as [string, string, string, string?];
  const cuts: [string, string][] = [];
  for (let k = 1; k < whole.length; k++) {
    const count = whole.slice(0, k);
    const amount = whole.slice(k);
    if ((count.length > 1 && count[0] === '0') || (amount.length > 1 && amount[0] === '0')) continue;
    cuts.push([count, `${amount}${frac}${unit}`]);
  }
  return cuts.length === 1 ? cuts[0] : undefined;
}

/** Levenshtein distance of two short texts, or `limit + 1` once it is sure to exceed `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let low = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      low = Math.min(low, cur[j]!);
    }
    if (low > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Every row label of a format (and the other format's), as compared: computed once per format. */
const ROW_LABELS = new Map<FormatId, Set<string>>();

class Importer {
  readonly issues: Issue[] = [];
  readonly sources = new Map<string, Token>();
  readonly missing: string[] = [];
  readonly tables: Record<string, Record<string, Record<string, CellValue>>> = { t2: {}, t3: {}, t4: {} };
  readonly format;
  readonly other;

  /** labelKey of every token, computed once. */
  readonly keys: readonly string[];

  readonly tokens: readonly Token[];

  constructor(tokens: readonly Token[], formatId: FormatId) {
    this.format = getFormat(formatId);
    this.other = getFormat(formatId === '2021' ? '2019' : '2021');
    this.tokens = this.splitLabelDigits(tokens);
    this.keys = this.tokens.map((t) => labelKey(t.text));
  }

  /** A row label with its numbers run on in one cell (`行政许可396442278`): the label, then the numbers. */
  splitLabelDigits(tokens: readonly Token[]): Token[] {
    let labels = ROW_LABELS.get(this.format.id);
    if (!labels) ROW_LABELS.set(this.format.id, (labels = new Set(this.format.cells.filter((c) => c.table !== 't4').flatMap((c) => this.labelsOf(c).map(labelKey)))));
    return tokens.flatMap((t) => {
      const m = /^(.*?[^\d\s０-９])\s*([\d０-９][\d０-９\s]*)$/.exec(t.text);
      return m && labels.has(labelKey(m[1]!)) ? [{ text: m[1]!.trim(), line: t.line }, { text: m[2]!.trim(), line: t.line }] : [t];
    });
  }

  /** Rows printed as one run of digits, resolved once every table has been read. */
  readonly runs: { run: DigitRun; token: Token; rowTitle: string; cells: readonly CellDef[] }[] = [];

  /** Splits the digit runs by the tables' arithmetic: unique splits are taken (and flagged), the rest listed as missing. */
  resolveDigitRuns(): void {
    if (this.runs.length === 0) return;
    const known = new Map<number, number>();
    for (const c of this.format.cells) {
      const v = this.tables[c.table]?.[c.row]?.[c.col];
      if (typeof v === 'number') known.set(c.index, v);
    }
    resolveRuns(this.format, this.runs.map((r) => r.run), known).forEach((o, k) => {
      const { token, rowTitle, cells } = this.runs[k]!;
      if (o.values) {
        cells.forEach((cell, i) => ((this.tables[cell.table]![cell.row] ??= {})[cell.col] = o.values![i]!));
        this.issue('FORM-DIGITS-SPLIT', cells[0]!.table, cells.map((c) => c.id), { row: rowTitle, run: o.run.digits, values: o.values.join(' · ') }, { at: this.at(token) });
      } else {
        for (const c of cells) this.markMissing(c);
        this.issue('FORM-MISSING', cells[0]!.table, cells.map((c) => c.id), { table: this.tableName(cells[0]!.table), row: rowTitle, count: cells.length, reason: `${o.reason}（“${o.run.digits}”）` });
      }
    });
  }

  at(t: Token): string {
    return `第 ${t.line} 行`;
  }

  issue(...args: Parameters<typeof makeIssue>): void {
    this.issues.push(makeIssue(...args));
  }

  /** Position of a section heading (by its text), searching from `from`. */
  heading(text: string, from = 0): number {
    const key = labelKey(text);
    return this.keys.findIndex((k, i) => i >= from && k.startsWith(key));
  }

  /**
   * Finds a row label from `from` (before `to`), allowing a label broken across cells, an
   * explanation appended in brackets, traditional characters and the other format's label.
   * Returns the index after the label and how it matched.
   */
  findLabel(labels: readonly string[], from: number, to: number, area: IssueArea): number {
    const wants = labels.map(labelKey);
    for (let i = from; i < to; i++) {
      for (let span = 1; span <= 3 && i + span <= to; span++) {
        // Keys of cells joined: a label broken across cells reads as one.
        // A label starts with text: blank cells before it belong to the row above.
        if (this.keys[i] === '') break;
        const key = span === 1 ? this.keys[i]! : this.keys.slice(i, i + span).join('');
        if (!wants.some((w) => key.startsWith(w))) continue;
        const raw = this.tokens.slice(i, i + span).map((t) => t.text).join('');
        for (const [k, want] of wants.entries()) {
          const exact = key === want;
          const appended = key.startsWith(want) && /^[([【]/.test(key.slice(want.length));
          if (!exact && !appended) continue;
          const variant = appended || k > 0 || hasTraditional(raw);
          if (variant) this.issue('FORM-LABEL-VARIANT', area, [], { expected: labels[0]!, found: raw }, { at: this.at(this.tokens[i]!) });
          this.lastLabelStart = i;
          return i + span;
        }
      }
    }
    return -1;
  }

  /**
   * Reads a row's values from the cells between its label and the next row's label: trailing text
   * (the next row's group label, a header) is not a value, and leading blanks left by merged label
   * cells are dropped while there are more cells than columns. A cell without a readable value is missing.
   */
  readRow(cells: readonly CellDef[], row: readonly Token[], rowTitle: string): void {
    let segment = row;
    const trim = (tokens: Token[]) => {
      const values = [...tokens];
      while (values.length > 0 && !isValueLike(values[values.length - 1], cells[Math.min(values.length, cells.length) - 1]!)) values.pop();
      while (values.length > cells.length && values[0]!.text === '') values.shift();
      return values;
    };
    // A row's values follow its label without a break: the first text that is no value (the next
    // row's group label, a header, a heading run into the line) ends them. Bracketed notes after the
    // label are passed over.
    let start = 0;
    while (start < segment.length && /^[（(【[]/.test(segment[start]!.text)) start++;
    let stop = start;
    const wordy = (t: Token, k: number) => (t.text.match(/[\u4e00-\u9fff]/g) ?? []).length >= 2 && !isValueLike(t, cells[Math.min(k, cells.length - 1)]!);
    while (stop < segment.length && !wordy(segment[stop]!, stop - start)) stop++;
    segment = segment.slice(start, stop);
    let values = trim([...segment]);
    // Values on one line separated only by spaces (a PDF's text): split when that gives exactly the row's cells.
    if (values.length !== cells.length) {
      const pieces = (t: Token) => t.text.trim().split(/\s+/);
      const spaced = (t: Token) => pieces(t).length > 1 && pieces(t).every((p) => readValue(p, cells[0]!) !== undefined);
      const split = trim(segment.flatMap((t) => (spaced(t) ? pieces(t).map((text) => ({ text, line: t.line })) : [t])));
      if (split.length === cells.length) values = split;
    }
    // One run of digits where several cells belong: split later, by the tables' arithmetic.
    // Only where the row holds nothing else: “10 | #REF!” is two cells, not a run.
    const alone = segment.filter((t) => t.text !== '').length === 1;
    const digits = alone && values.length === 1 && cells.length > 1 ? values[0]!.text.normalize('NFKC').replace(/\s+/g, '') : '';
    if (/^\d+$/.test(digits) && digits.length > cells.length - 1 && parseNumberText(values[0]!.text) !== undefined) {
      this.runs.push({ run: { cells: cells.map((c) => c.index), digits }, token: values[0]!, rowTitle, cells });
      return;
    }
    // A count and an amount run together (采购项目数量 1, 采购总金额 0.25 → “10.25”): split where only one split reads.
    if (values.length === 1 && cells.length === 2 && cells[0]!.kind !== 'amount' && cells[1]!.kind === 'amount') {
      const split = countAndAmount(values[0]!.text);
      if (split) {
        const [count, amount] = split;
        values = [{ text: count, line: values[0]!.line }, { text: amount, line: values[0]!.line }];
        this.issue('FORM-DIGITS-SPLIT', cells[0]!.table, cells.map((c) => c.id), { row: rowTitle, run: `${count}${amount}`, values: `${count} · ${amount}` }, { at: this.at(values[0]!) });
      }
    }
    let missing = 0;
    // One value for a row of several cells: numbers ran together.
    const merged = values.length === 1 && cells.length > 1;
    cells.forEach((cell, k) => {
      const t = values[k];
      const read = t ? readValue(t.text, cell) : undefined;
      // There a count with decimals (“10.25”) is a count and an amount run together, not a count.
      const reading = merged && read && cell.kind !== 'amount' && read.value !== null && !Number.isInteger(read.value) ? undefined : read;
      if (!t || !reading) {
        missing++;
        this.markMissing(cell);
        return;
      }
      (this.tables[cell.table]![cell.row] ??= {})[cell.col] = reading.value;
      this.sources.set(cell.id, t);
      const where = cellWhere(this.format, cell);
      if (reading.variant === 'zero') this.issue('FORM-ZERO-VARIANT', cell.table, [cell.id], { where, found: t.text }, { at: this.at(t) });
      if (reading.variant === 'unit') this.issue('FORM-UNIT', cell.table, [cell.id], { where, found: t.text, value: reading.value ?? 0, unit: reading.unit ?? '' }, { at: this.at(t) });
    });
    if (missing) this.issue('FORM-MISSING', cells[0]!.table, cells.filter((c) => this.missing.includes(c.id)).map((c) => c.id), { table: this.tableName(cells[0]!.table), row: rowTitle, count: missing });
  }

  /** A cell the text does not settle: listed, and blank — never a number the text does not show. */
  markMissing(cell: CellDef): void {
    this.missing.push(cell.id);
    (this.tables[cell.table]![cell.row] ??= {})[cell.col] = null;
  }

  tableName(t: CellDef['table']): string {
    return this.format.tables.find((x) => x.id === t)!.name;
  }

  /** The labels a row may be printed with: its own, then the other format's label for the same row. */
  labelsOf(cell: CellDef): string[] {
    const own = cell.rowTitle.split(' ').pop()!;
    const alt = this.other.cells.find((c) => c.table === cell.table && c.row === cell.row)?.rowTitle.split(' ').pop();
    const labels = alt && alt !== own ? [own, alt] : [own];
    // OCR and Markdown copies drop the enumeration mark (（一）, 1.): the bare label, when it says enough on its own.
    const bare = own.replace(/^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)/, '');
    return bare !== own && bare.length >= 4 ? [...labels, bare] : labels;
  }

  /** 表二 and 表三: rows in printed order, each found by its label within the table's part of the text. */
  readRows(table: 't2' | 't3', from: number, to: number): void {
    const rows = new Map<string, CellDef[]>();
    for (const c of this.format.cells) if (c.table === table) rows.set(c.row, [...(rows.get(c.row) ?? []), c]);
    // First every label, in order; then each row's values lie between its label and the next one.
    const found: { cells: CellDef[]; label: number; after: number }[] = [];
    let pos = from;
    const all = [...rows.values()];
    const keysOf = (cells: readonly CellDef[]) => this.labelsOf(cells[0]!).map(labelKey);
    all.forEach((cells, k) => {
      let after = this.findLabel(this.labelsOf(cells[0]!), pos, to, table);
      if (after < 0) {
        // A label OCR changed: looked for only up to where a later row's label stands as printed.
        const later = all.slice(k + 1).map((c) => this.exactAt(keysOf(c), pos, to)).filter((x) => x >= 0);
        const others = all.filter((c) => c !== cells).flatMap(keysOf);
        after = this.nearLabel(this.labelsOf(cells[0]!), pos, later.length ? Math.min(...later) : to, table, others);
      }
      if (after < 0) {
        for (const c of cells) this.markMissing(c);
        this.issue('FORM-MISSING', table, cells.map((c) => c.id), { table: this.tableName(table), row: cells[0]!.rowTitle, count: cells.length });
        return;
      }
      found.push({ cells, label: this.lastLabelStart, after });
      pos = after;
    });
    found.forEach((r, k) => {
      const end = found[k + 1]?.label ?? to;
      this.readRow(r.cells, this.tokens.slice(r.after, Math.max(r.after, end)), r.cells[0]!.rowTitle);
    });
  }

  /** The first cell in [from, to) that starts with one of the label keys, or -1. */
  exactAt(wants: readonly string[], from: number, to: number): number {
    for (let i = from; i < to; i++) if (this.keys[i] !== '' && wants.some((w) => this.keys[i]!.startsWith(w))) return i;
    return -1;
  }

  /**
   * A row label with a character or two changed (OCR: 己 for 已, 末 for 未, one dropped): the one cell in
   * [from, to) within one character of the label (two for a label of twelve or more), and nearer to
   * it than to any other label of the table. Never when two cells, or two labels, are equally near.
   */
  nearLabel(labels: readonly string[], from: number, to: number, area: IssueArea, others: readonly string[]): number {
    const want = labelKey(labels[0]!);
    const limit = want.length >= 12 ? 2 : want.length >= 6 ? 1 : 0;
    let best = -1;
    let bestD = limit + 1;
    let tie = false;
    for (let i = from; i < to && limit > 0; i++) {
      const key = this.keys[i]!;
      if (Math.abs(key.length - want.length) > limit || !/[\u4e00-\u9fff]/.test(key)) continue;
      const d = editDistance(key, want, limit);
      if (d === 0 || d > limit || others.some((o) => editDistance(key, o, d) <= d)) continue;
      if (d < bestD) [best, bestD, tie] = [i, d, false];
      else if (d === bestD) tie = true;
    }
    if (best < 0 || tie) return -1;
    const t = this.tokens[best]!;
    this.issue('FORM-LABEL-VARIANT', area, [], { expected: labels[0]!, found: t.text }, { at: this.at(t) });
    this.lastLabelStart = best;
    return best + 1;
  }

  /** Where the last label found by findLabel starts. */
  lastLabelStart = -1;

  /**
   * 表四: one row of fifteen cells right after its header labels (blank cells included, so that a
   * blank never shifts the numbers into the wrong columns).
   */
  readTable4(from: number, to: number): void {
    const cells = this.format.cells.filter((c) => c.table === 't4');
    const def = this.format.def.tables[2];
    const headers = new Set([...def.groups.flatMap((g) => [g.label, g.parent ?? '']), ...def.columns.map((c) => c.label)].filter(Boolean).map(labelKey));
    let lastHeader = -1;
    for (let i = Math.max(from, 0); i < to; i++) {
      if (headers.has(this.keys[i]!)) lastHeader = i;
      else if (parseNumberText(this.tokens[i]!.text) !== undefined) break;
    }
    if (from < 0 || lastHeader < 0) {
      for (const c of cells) this.markMissing(c);
      this.issue('FORM-MISSING', 't4', cells.map((c) => c.id), { table: this.tableName('t4'), row: def.groups.map((g) => g.label).join('、'), count: cells.length });
      return;
    }
    this.readRow(cells, this.tokens.slice(lastHeader + 1, Math.min(lastHeader + 1 + cells.length, to)), this.tableName('t4'));
  }
}

/** The three tables read from the text's cells. */
function readTablesOnce(tokens: readonly Token[], format: FormatId): Importer {
  const im = new Importer(tokens, format);
  const f = im.format;
  // Each table's heading: as the format prints it, else as agencies word it (words added or dropped, older wordings).
  const headingAt = f.tables.map((t) => {
    const exact = im.heading(t.title);
    if (exact >= 0) return exact;
    const subject = HEADING_SUBJECT[SECTIONS.find((s) => 'table' in s && s.table === t.id)!.id];
    return im.keys.findIndex((k) => subject.test(k.replace(/^#+/, '')));
  });
  const end = (k: number) => {
    const later = [...headingAt.slice(k + 1), im.heading(SECTIONS[4].heading)].filter((x) => x > headingAt[k]!);
    return later.length ? Math.min(...later) : im.tokens.length;
  };
  // Without its heading a table is searched for in the whole text.
  im.readRows('t2', Math.max(headingAt[0]!, 0), headingAt[0]! >= 0 ? end(0) : im.tokens.length);
  im.readRows('t3', Math.max(headingAt[1]!, 0), headingAt[1]! >= 0 ? end(1) : im.tokens.length);
  // 表四's cells have no row labels: without its heading nothing says where they are.
  im.readTable4(headingAt[2]!, headingAt[2]! >= 0 ? end(2) : -1);
  im.resolveDigitRuns();
  return im;
}

/** How far a reading is from a report: cells not found or blank, and sums that do not hold. */
function distance(im: Importer): number {
  const f = im.format;
  const value = (i: number) => {
    const c = f.cells[i]!;
    return im.tables[c.table]?.[c.row]?.[c.col];
  };
  let d = im.missing.length;
  for (const c of f.cells) if (value(c.index) === null) d++;
  for (const e of f.equations) {
    if (![...e.lhs, ...e.rhs].every((i) => typeof value(i) === 'number')) continue;
    const side = (xs: readonly number[]) => xs.reduce((sum, i) => sum + (value(i) as number), 0);
    if (Math.abs(side(e.lhs) - side(e.rhs)) > 1e-6) d++;
  }
  return d;
}

/**
 * The tables, read once — or, where lines hold only “|”, both ways (a blank cell, or a separator
 * between cells one per line): the reading whose rows line up with their cells and keep the sums is
 * taken; where both fit equally and give different numbers, those cells are flagged and left blank.
 */
function readTables(text: string, tokens: readonly Token[], format: FormatId): Importer {
  const blank = readTablesOnce(tokens, format);
  if (!/^[ \t]*\|[ \t]*$/m.test(text)) return blank;
  const separated = readTablesOnce(segmentLabels(tokenize(text, 'separator')), format);
  const [a, b] = [distance(blank), distance(separated)];
  if (a !== b) return a < b ? blank : separated;
  const at = (im: Importer, c: CellDef) => im.tables[c.table]?.[c.row]?.[c.col];
  const differ = blank.format.cells.filter((c) => at(blank, c) !== at(separated, c));
  if (differ.length === 0) return blank;
  for (const c of differ) if (!blank.missing.includes(c.id)) blank.markMissing(c);
  for (const t of ['t2', 't3', 't4'] as const) {
    const cells = differ.filter((c) => c.table === t);
    const reason = '原文中只有“|”的行既可读作空白单元格，也可读作分隔符，两种读法的数字不同';
    if (cells.length) blank.issue('FORM-MISSING', t, cells.map((c) => c.id), { table: blank.tableName(t), row: [...new Set(cells.map((c) => c.rowTitle))].slice(0, 3).join('、'), count: cells.length, reason });
  }
  return blank;
}

/**
 * Each section's heading as agencies print it: its numeral, then its subject, with words added or
 * dropped (“五、存在的主要问题及改进情况”, “五、政府信息公开工作存在的主要问题和改进措施”; the older
 * “四、因政府信息公开工作被申请行政复议、提起行政诉讼的情况”).
 */
const HEADING_SUBJECT: Readonly<Record<SectionId, RegExp>> = {
  overview: /^一、.{0,12}总体情况/,
  proactive: /^二、.{0,8}主动公开/,
  requests: /^三、.{0,12}(?:依申请|申请)/,
  reviewLitigation: /^四、.{0,24}(?:行政复议|行政诉讼)/,
  problems: /^五、.{0,16}(?:问题|不足).{0,12}(?:改进|整改|措施)?/,
  other: /^六、.{0,6}其他/,
};

/** A section heading's pattern where it may stand inside a line: the numeral mark and its subject's first words. */
const INLINE_HEADING = new RegExp(`(?<=\\S)\\s*(?=(?:[一二三四五六]、)(?:${['.{0,12}总体情况', '.{0,8}主动公开', '.{0,12}(?:收到和处理|依申请)', '.{0,24}(?:行政复议|行政诉讼)', '.{0,16}(?:问题|不足)', '.{0,6}其他需要报告'].join('|')}))`, 'g');

/** What a saved web page prints around the text: not part of any section. */
const PAGE_CHROME = /\s*(?:【(?:打印本页|关闭窗口|返回顶部|收藏本页|打印|关闭)】|分享到[:：]?)\s*/g;

/** Where each section starts: the first line, after the one before, whose start reads as its heading. */
function sectionStarts(lines: readonly string[]): number[] {
  // Headings are short: only the start of each line is compared.
  const heads = lines.map((l) => labelKey(l.replace(/\[bookmark:[^\]]*\]/g, '').replace(/^#+/, '').slice(0, 40)));
  let from = 0;
  return SECTIONS.map((s) => {
    const at = heads.findIndex((h, i) => i >= from && HEADING_SUBJECT[s.id].test(h));
    if (at >= 0) from = at + 1;
    return at;
  });
}

/** The narrative: the text between the six headings, line by line (headings run into a line are split out first). */
function readNarrative(raw: string): { narrative: Narrative; notFound: string[] } {
  let lines = raw.split(/\r?\n/);
  let starts = sectionStarts(lines);
  if (starts.filter((x) => x >= 0).length < SECTIONS.length) {
    // A page whose text is one long line: put each heading on a line of its own.
    lines = raw.replace(INLINE_HEADING, '\n').split(/\r?\n/);
    starts = sectionStarts(lines);
  }
  const n: Partial<Record<SectionId, string>> = {};
  SECTIONS.forEach((s, k) => {
    const start = starts[k]!;
    if (start < 0) return;
    if ('table' in s) {
      n[s.id] = '';
      return;
    }
    const next = starts.slice(k + 1).find((x) => x > start) ?? lines.length;
    // Text after the heading on its own line (a page whose headings run into their text) belongs to the section.
    // The official heading exactly where it stands so (its words may run on: “…改进情况存在问题：…”), else an agency's wording.
    const first = lines[start]!.trim().replace(/^#+\s*/, '');
    const rest = first.startsWith(s.heading) ? first.slice(s.heading.length).trim() : lines[start]!.trim().replace(/^#*\s*[一二三四五六]、[^\s，。；：]{0,40}(?:情况|事项|措施|问题)\s*/, '');
    n[s.id] = [rest === lines[start]!.trim() ? '' : rest, ...lines.slice(start + 1, next)]
      .map((l) => l.trim())
      .join('\n')
      .replace(PAGE_CHROME, '')
      .trim();
  });
  return { narrative: n as Narrative, notFound: SECTIONS.filter((_s, k) => starts[k]! < 0).map((s) => s.heading) };
}

export interface ImportOptions {
  readonly agencyKind?: AgencyKind;
  /** Overrides the 机关名称 read from the title. */
  readonly agencyName?: string;
  readonly year?: number;
  /** The text's cells already made (a workbook's grid, each with its place): `text` then only gives the narrative. */
  readonly tokens?: readonly Token[];
}

/** Imports a published report from its text. */
export function importPublished(text: string, options: ImportOptions = {}): PublishedImport {
  const tokens = options.tokens ?? segmentLabels(tokenize(text));
  const title = readTitle(tokens);
  const { narrative, notFound } = readNarrative(text);
  const found = options.year ?? title.year;
  const stated = found === undefined ? yearFromText(text) : undefined;
  const year = found ?? stated?.year;
  const format = detectFormat(text, year);
  const im = readTables(text, tokens, format);
  const agencyName = options.agencyName ?? title.agencyName ?? '';
  const kind = options.agencyKind ? {} : kindOf(agencyName);
  const agencyKind = options.agencyKind ?? kind.inferred?.kind;
  const report = assembleReport(
    format,
    {
      agencyName,
      ...(agencyKind ? { agencyKind } : {}),
      ...(year !== undefined ? { year } : {}),
    },
    im.tables,
    narrative,
  );
  if (!options.agencyName && title.unsure !== undefined) im.issue('FORM-VALUE', 'meta', [], { field: '机关名称', text: title.unsure }, { at: '标题' });
  // What the title does not say is inferred only from what the text does say, and flagged as such.
  if (stated) im.issue('FORM-INFERRED', 'meta', [], { field: '年度', value: String(stated.year), basis: `原文${stated.basis}` });
  if (year === undefined) im.issue('FORM-INFERRED', 'meta', [], { field: '报告格式', value: `${format} 版`, basis: labelsDecide(text) ? '原文表格的行列标签' : '原文没有年度，表格标签也不能区分格式，按现行格式读取；请用 --year 指定' });
  if (kind.inferred) im.issue('FORM-INFERRED', 'meta', [], { field: '机关类型', value: agencyKindLabel(kind.inferred.kind!), basis: `名称中的“${kind.inferred.words.join('”“')}”` });
  else if (kind.open) im.issue('FORM-INFERRED', 'meta', [], { field: '机关类型', value: '', basis: `${kind.open}；请用 --kind 指定` });
  const narrativeMissing = notFound.filter((h) => !SECTIONS.find((s) => s.heading === h && 'table' in s));
  if (narrativeMissing.length) im.issue('FORM-NO-NARRATIVE', 'narrative', [], { sections: narrativeMissing.join('、') });
  // The reading issues travel with the report (its JSON, or the workbook written from it).
  const stored = im.issues.length ? { ...report, reading: storeReading(im.issues) } : report;
  return { report: stored, issues: im.issues, missing: im.missing, sources: im.sources };
}
