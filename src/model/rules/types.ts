import type { CompiledFormat, TableId } from '../formats';
import type { Report } from '../schema/report';
import type { SectionId } from '../sections';
import type { RuleId, Severity } from './ids';

/** A cell of a workbook, as found there: the sheet's current name, 1-based row and column. */
export interface Place {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
}

/** Where an issue belongs in the ordered list: cover sheet, a table, or the narrative. */
export type IssueArea = 'meta' | TableId | 'narrative';

/**
 * Evidence beyond the sums for finding a wrong cell: a number the report states elsewhere (its
 * narrative, last year's report) and what the table's cells give for it, over any cell values.
 */
export interface StatedFigure {
  readonly stated: number;
  /** Where it is stated, as the clerk reads it: “予以公开8件”, “上年报告 四、结转下年度 自然人 3”. */
  readonly phrase: string;
  /** The values the cells may give for the figure to hold (some figures accept two readings). */
  readonly accepts: (get: (id: string) => number) => readonly number[];
}

/** A figure the narrative states, with the phrase it was read from. */
export interface Evidence {
  readonly section: SectionId;
  readonly phrase: string;
  readonly value: number;
  /** Offset of the phrase in the section text. */
  readonly offset: number;
}

interface CellParams {
  /** The cell in words: 表三 一、本年新收政府信息公开申请数量 · 自然人 */
  readonly where: string;
  readonly text?: string;
  readonly value?: number;
}

/** Every arithmetic rule is a linear equation lhs = rhs. */
export interface EquationParams {
  readonly table: string;
  readonly along: string;
  readonly lhsTerms: string;
  readonly rhsTerms: string;
  readonly lhs: number;
  readonly rhs: number;
  readonly diff: number;
}

interface RowParams {
  readonly table: string;
  readonly row: string;
}

export interface RuleParams {
  'CELL-BLANK': CellParams;
  'CELL-TEXT': CellParams;
  'CELL-NUMBER-AS-TEXT': CellParams;
  'CELL-NEGATIVE': CellParams;
  'CELL-NOT-INTEGER': CellParams;
  'CELL-FORMULA-ERROR': CellParams;
  'CELL-IMPLAUSIBLE': CellParams;
  'T3-ROW-TOTAL': EquationParams;
  'T3-RESULT-TOTAL': EquationParams;
  'T3-BALANCE': EquationParams;
  'T4-GROUP-TOTAL': EquationParams;
  'T2-2019-PUBLISHED': RowParams & { readonly published: number; readonly total: number };
  'T2-2019-PROJECTS': RowParams & { readonly prev: number; readonly change: number; readonly result: number };
  'T2-2021-IN-FORCE': RowParams & { readonly issued: number; readonly repealed: number; readonly inForce: number };
  'T2-RULES-AUTHORITY': { readonly kind: string; readonly cells: string; readonly total: number };
  'META-REQUIRED': { readonly field: string };
  'META-YEAR-FORMAT': { readonly year: number; readonly format: string; readonly expected: string };
  'META-CREDIT-CODE': { readonly code: string; readonly problem: 'length' | 'charset' | 'checksum'; readonly expected?: string };
  'META-PHONE': { readonly phone: string };
  'META-DATE': { readonly date: string; readonly year: number; readonly problem: 'invalid' | 'early' | 'future' };
  'XY-YEAR': { readonly year: number; readonly previousYear: number };
  'XY-CARRY': { readonly col: string; readonly current: number; readonly previous: number; readonly from: string; readonly to: string };
  'XY-RULES-IN-FORCE': RowParams & {
    readonly previousInForce: number;
    readonly issued: number;
    readonly repealed: number;
    readonly expected: number;
    readonly actual: number;
  };
  'XY-PROJECTS': RowParams & { readonly previousPrev: number; readonly previousChange: number; readonly expected: number; readonly actual: number };
  'FORM-LABEL': { readonly expected: string; readonly found: string };
  'FORM-LABEL-VARIANT': { readonly expected: string; readonly found: string };
  'FORM-ROW-EXTRA': { readonly table: string; readonly found: string };
  'FORM-FORMULA-REPLACED': { readonly where: string };
  'FORM-FORMULA-NO-VALUE': { readonly where: string };
  'FORM-NOT-RECALCULATED': { readonly count: number };
  'FORM-VALUE': { readonly field: string; readonly text: string };
  'FORM-ZERO-VARIANT': { readonly where: string; readonly found: string };
  'FORM-UNIT': { readonly where: string; readonly found: string; readonly value: number; readonly unit: string };
  'FORM-MISSING': { readonly table: string; readonly row: string; readonly count: number; readonly reason?: string };
  'FORM-FOREIGN': { readonly found: string };
  'FORM-TABLE-TWICE': { readonly table: string; readonly places: string; readonly read: string };
  'FORM-INFERRED': { readonly field: string; readonly value: string; readonly basis: string };
  'FORM-DIGITS-SPLIT': { readonly row: string; readonly run: string; readonly values: string };
  'FORM-NO-NARRATIVE': { readonly sections: string };
  'NARRATIVE-EMPTY': { readonly sections: string; readonly all: boolean };
  'NARRATIVE-SECTIONS': { readonly section: string; readonly problem: 'missing' | 'empty' };
  'NARRATIVE-UNCHECKED': { readonly count: number; readonly phrases: string };
  'NARRATIVE-FIGURES': { readonly subject: string; readonly stated: number; readonly tableText: string; readonly phrase: string };
  'NARRATIVE-PARTS': { readonly total: number; readonly parts: number; readonly split: string; readonly exhaustive: boolean };
  'NARRATIVE-PARTS-UNACCOUNTED': { readonly total: number; readonly parts: number; readonly rest: number };
  'NARRATIVE-FEE': { readonly problem: 'unmentioned' | 'noApplications'; readonly unpaid: number; readonly phrase?: string };
  'NARRATIVE-FEE-STATEMENT': Record<string, never>;
}

/** One finding: data first (rule, cells, params), the message rendered from them. */
export interface Issue<K extends RuleId = RuleId> {
  readonly ruleId: K;
  readonly severity: Severity;
  readonly area: IssueArea;
  /** Cell ids the issue concerns; the first is the one to select. */
  readonly cells: readonly string[];
  /** Where in the workbook the issue is when it is not a report cell (a label, a cover-sheet field). */
  readonly place?: Place;
  /** Where in a published text it was found (第 12 行): shown, never a cell to select. */
  readonly at?: string;
  readonly params: RuleParams[K];
  readonly message: string;
  readonly evidence?: readonly Evidence[];
  /** Set when a hint names one cell as the cause: the cell whose correction removes it (also cells[0]). */
  readonly rootCause?: string;
  /** The user's 说明, for warnings that carry one. */
  readonly explanation?: string;
}

/** Last year's report: only looked up cell by cell. */
export interface PreviousView {
  readonly report: Report;
  readonly format: CompiledFormat;
  /** Value of a cell by id (0 where the format has no such cell; blanks and text count as 0). */
  get(id: string): number;
}

/** A view of one report's numbers, read once per validation. */
export interface ReportView extends PreviousView {
  /** Cell values by cell index; blanks and text count as 0. */
  readonly values: Float64Array;
  /** CellState by cell index. */
  readonly states: Uint8Array;
  /** Indices of the cells that are not a whole number from 0 to PLAUSIBLE_MAX: all the cell rules need to look at. */
  readonly irregular: readonly number[];
}

export interface RuleContext extends ReportView {
  readonly previous?: PreviousView;
  emit<K extends RuleId>(
    ruleId: K,
    area: IssueArea,
    cells: readonly number[],
    params: RuleParams[K],
    evidence?: readonly Evidence[],
  ): void;
}

/** A family of rules checked in one pass. */
export interface RuleCheck {
  readonly rules: readonly RuleId[];
  readonly needs?: 'previous' | 'narrative';
  check(ctx: RuleContext): void;
}
