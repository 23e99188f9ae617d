import type { CompiledFormat } from './formats';
import { arithmeticChecks } from './rules/arithmetic';
import { RULES, RULES_VERSION, ruleApplies } from './rules/catalog';
import { cellChecks } from './rules/cell';
import { carriedFigures, crossYearChecks } from './rules/cross-year';
import type { RuleId } from './rules/ids';
import { lookMessage, zhCN, type MessageCatalogue } from './rules/messages.zh-CN';
import { metaChecks } from './rules/meta';
import { narrativeChecks, narrativeRequired, statedFigures } from './rules/narrative';
import { rootCauses, type Derivation, type RootCauseHint } from './rules/root-cause';
import { table2Checks } from './rules/table2';
import type { EquationParams, Evidence, Issue, IssueArea, Place, PreviousView, ReportView, RuleCheck, RuleContext, RuleParams } from './rules/types';
import type { Explanation, Report } from './schema/report';
import { lazyViewOf, rawValue, viewOf } from './view';

/** Rule families in the order they run. */
export const CHECKS: readonly RuleCheck[] = [metaChecks, cellChecks, table2Checks, arithmeticChecks, crossYearChecks, narrativeRequired, narrativeChecks];

export interface ValidateOptions {
  /** Last year's report, for the cross-year rules (XY-*). */
  readonly previous?: Report;
  /** Another message catalogue (tests, other languages); Simplified Chinese by default. */
  readonly messages?: MessageCatalogue;
  /** Issues found while reading the source (FORM-*), merged into the result. */
  readonly reading?: readonly Issue[];
  /**
   * Total cells (ids) the source computes by formula (a workbook whose formulas are intact): they
   * follow their inputs, so hints never blame them. Absent: every number was typed (JSON, imports).
   */
  readonly computed?: readonly string[];
}

export interface ValidationCounts {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
  /** Warnings and infos that carry a 说明. */
  readonly explained: number;
}

export interface ValidationResult {
  /** No errors (warnings may remain, explained or not). */
  readonly valid: boolean;
  readonly format: Report['format'];
  readonly rulesVersion: string;
  readonly counts: ValidationCounts;
  /** Ordered: cover sheet, 表二, 表三, 表四 by position, then the narrative. */
  readonly issues: readonly Issue[];
  readonly hints: readonly RootCauseHint[];
}

const AREA_ORDER: Record<IssueArea, number> = { meta: 0, t2: 1, t3: 2, t4: 3, narrative: 4 };
const RULE_ORDER = new Map(Object.keys(RULES).map((id, i) => [id, i]));

interface Pending {
  ruleId: RuleId;
  area: IssueArea;
  cells: readonly number[];
  params: unknown;
  evidence?: readonly Evidence[];
}

function context(view: ReportView, previous: PreviousView | undefined, out: Pending[]): RuleContext {
  const format = view.format.id;
  return {
    ...view,
    ...(previous ? { previous } : {}),
    emit(ruleId, area, cells, params, evidence) {
      if (!ruleApplies(ruleId, format)) return;
      out.push({ ruleId, area, cells, params, ...(evidence ? { evidence } : {}) });
    },
  };
}

/** What an issue gets from the whole validation: its hint and its 说明. */
interface Finishing {
  /** The hint explaining each failing equation, by `equationKey`. */
  readonly hints: ReadonlyMap<string, RootCauseHint>;
  readonly derivation: Derivation;
  readonly explanation: (ruleId: RuleId, cell: string | undefined, subject: string | undefined) => string | undefined;
}

const ARITHMETIC = new Set<RuleId>(['T3-ROW-TOTAL', 'T3-RESULT-TOTAL', 'T3-BALANCE', 'T4-GROUP-TOTAL']);

/** An equation as the arithmetic rules emit it: its rule and its cells, left side first. */
const equationKey = (rule: RuleId, cells: readonly number[]) => `${rule}:${cells.join(',')}`;

/**
 * An arithmetic issue's cells, the suspect first: a hint's candidates, else the cells typed in
 * before the totals a formula computes. Its rootCause when one hint names one cell of it.
 */
function suspects(format: CompiledFormat, p: Pending, cells: readonly string[], f: Finishing): { cells: readonly string[]; rootCause?: string; hinted: boolean } {
  // The hint's cells lead, even one that reaches this sum only through a total its formula computes.
  const hint = f.hints.get(equationKey(p.ruleId, p.cells));
  const first = hint ? hint.candidates.map((c) => c.cell) : [];
  const computed = (id: string) => f.derivation.computed.has(format.byId.get(id)!.index);
  const rest = cells.filter((c) => !first.includes(c));
  // Every input that reaches the sum, those behind a total its formula computes included: any may be the wrong one.
  const behind: string[] = [];
  const walk = (id: string): void => {
    const c = format.byId.get(id)!;
    if (!computed(id)) return;
    for (const o of c.derived!.of) {
      const oid = format.cells[o]!.id;
      if (computed(oid)) walk(oid);
      else if (!cells.includes(oid) && !first.includes(oid) && !behind.includes(oid)) behind.push(oid);
    }
  };
  // Where a hint names the cell, the sum's own cells suffice; otherwise every input is a place to check.
  if (!hint?.confident) for (const c of cells) walk(c);
  // The sum's own cells first (the issue stands where its sum is), then the inputs behind its totals.
  const ordered = [...first, ...rest.filter((c) => !computed(c)), ...rest.filter(computed), ...behind];
  return { cells: ordered, ...(hint?.confident ? { rootCause: hint.cell } : {}), hinted: hint !== undefined };
}

function render(format: CompiledFormat, p: Pending, messages: MessageCatalogue, f: Finishing): Issue {
  const message = messages[p.ruleId] as (params: RuleParams[RuleId]) => string;
  const ids = p.cells.map((i) => format.cells[i]!.id);
  const arithmetic = ARITHMETIC.has(p.ruleId);
  const { cells, rootCause, hinted } = arithmetic ? suspects(format, p, ids, f) : { cells: ids, rootCause: undefined, hinted: false };
  const severity = RULES[p.ruleId].severity;
  const params = p.params as RuleParams[RuleId];
  // A broken sum no hint explains: say what to look for, and blame no cell.
  const look = arithmetic && !hinted ? lookMessage(params as EquationParams) : '';
  const explanation = severity === 'error' ? undefined : f.explanation(p.ruleId, cells[0], issueSubject({ params, ...(p.evidence ? { evidence: p.evidence } : {}) }));
  const issue: Issue = {
    ruleId: p.ruleId,
    severity,
    area: p.area,
    cells,
    params: p.params as RuleParams[RuleId],
    message: message(p.params as RuleParams[RuleId]) + look,
    ...(p.evidence ? { evidence: p.evidence } : {}),
    ...(rootCause ? { rootCause } : {}),
    ...(explanation !== undefined ? { explanation } : {}),
  };
  if (arithmetic) sumPosition.set(issue, Math.min(...p.cells));
  return issue;
}

/** Where a broken sum stands: its own cells, not the inputs behind its totals that it lists too. */
const sumPosition = new WeakMap<Issue, number>();

function sortKey(format: CompiledFormat, i: Issue): [number, number, number] {
  let first = sumPosition.get(i) ?? Number.MAX_SAFE_INTEGER;
  if (!sumPosition.has(i)) for (const id of i.cells) first = Math.min(first, format.byId.get(id)?.index ?? first);
  return [AREA_ORDER[i.area], i.area === 'narrative' ? 0 : first, RULE_ORDER.get(i.ruleId)!];
}

/** Cover sheet, 表二, 表三, 表四 by the position of the first cell, then the narrative; stable within. */
function ordered(format: CompiledFormat, issues: Issue[]): Issue[] {
  if (issues.length < 2) return issues;
  const keys = new Map(issues.map((i) => [i, sortKey(format, i)]));
  return issues.sort((a, b) => {
    const ka = keys.get(a)!;
    const kb = keys.get(b)!;
    return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2];
  });
}

/** An issue found outside the rules engine (reading a workbook or a text), rendered like the rest. */
export function makeIssue<K extends RuleId>(
  ruleId: K,
  area: IssueArea,
  cells: readonly string[],
  params: RuleParams[K],
  options: { at?: string; place?: Place; messages?: MessageCatalogue } = {},
): Issue<K> {
  const render = (options.messages ?? zhCN)[ruleId] as (p: RuleParams[K]) => string;
  return {
    ruleId,
    severity: RULES[ruleId].severity,
    area,
    cells,
    ...(options.at ? { at: options.at } : {}),
    ...(options.place ? { place: options.place } : {}),
    params,
    message: render(params),
  };
}

/** The key an explanation is filed under: rule, first cell, and what it is about where one cell has several. */
export function explanationKey(ruleId: RuleId, cell: string | undefined, subject?: string): string {
  return `${ruleId}@${cell ?? ''}${subject ? `#${subject}` : ''}`;
}

/** What an issue is about beyond its rule and cell: the phrase of the narrative it quotes. */
export function issueSubject(issue: Pick<Issue, 'evidence' | 'params'>): string | undefined {
  const phrase = issue.evidence?.[0]?.phrase ?? (issue.params as { phrase?: unknown }).phrase;
  return typeof phrase === 'string' && phrase ? phrase.slice(0, 200) : undefined;
}

/** Whether an explanation still applies: the cells it explains hold the values they held when it was written. */
export function explanationCurrent(report: Report, e: Explanation): boolean {
  if (!e.values) return true;
  return Object.entries(e.values).every(([id, v]) => JSON.stringify(rawValue(report, id) ?? null) === JSON.stringify(v));
}

/** A report as read from its source, with what reading found: the CLI, the pane and the page validate it this one way. */
export interface ReadReport {
  readonly report: Report;
  readonly reading: readonly Issue[];
  readonly computed: readonly string[];
}

export function validateRead(read: ReadReport, previous?: Report): ValidationResult {
  return validate(read.report, { ...(previous ? { previous } : {}), reading: read.reading, computed: read.computed });
}

/** Which totals the source computes, and which were typed over (the reading says so). */
function derivationOf(format: CompiledFormat, options: ValidateOptions): Derivation {
  const index = (id: string): number[] => {
    const i = format.byId.get(id)?.index;
    return i === undefined ? [] : [i];
  };
  const replaced = new Set((options.reading ?? []).filter((i) => i.ruleId === 'FORM-FORMULA-REPLACED').flatMap((i) => i.cells.flatMap(index)));
  const computed = new Set((options.computed ?? []).flatMap(index).filter((i) => format.cells[i]!.derived && !replaced.has(i)));
  return { computed, replaced };
}

/** Validates a report against every rule of its format. Never throws on bad cell content. Issues come out complete. */
export function validate(report: Report, options: ValidateOptions = {}): ValidationResult {
  const view = viewOf(report);
  const previous = options.previous ? lazyViewOf(options.previous) : undefined;
  const pending: Pending[] = [];
  const ctx = context(view, previous, pending);
  const hasNarrative = !!report.narrative && Object.values(report.narrative).some((t) => typeof t === 'string' && t.trim() !== '');
  for (const check of CHECKS) {
    if (check.needs === 'previous' && !previous) continue;
    if (check.needs === 'narrative' && !hasNarrative) continue;
    check.check(ctx);
  }
  const derivation = derivationOf(view.format, options);
  // Evidence beyond the sums: what the narrative states, and last year's 结转.
  const evidence = () => [...statedFigures(view), ...(previous ? carriedFigures(view, previous) : [])];
  const found = pending.some((p) => ARITHMETIC.has(p.ruleId)) ? rootCauses(view, derivation, evidence()) : undefined;
  const hints = found?.hints ?? [];
  const byKey = new Map([...(found?.byEquation ?? [])].map(([e, h]) => {
    const eq = view.format.equations[e]!;
    return [equationKey(eq.rule, [...eq.lhs, ...eq.rhs]), h] as const;
  }));
  const explanations = new Map<string, Explanation>();
  for (const e of report.explanations ?? []) {
    if (explanationCurrent(report, e)) explanations.set(explanationKey(e.ruleId, e.cell, e.subject), e);
  }
  const finishing: Finishing = { hints: byKey, derivation, explanation: (ruleId, cell, subject) =>
      // A 说明 written before subjects were kept (no subject) still explains its rule and cell.
      (explanations.get(explanationKey(ruleId, cell, subject)) ?? (subject ? explanations.get(explanationKey(ruleId, cell)) : undefined))?.text,
  };
  const messages = options.messages ?? zhCN;
  const rendered = pending.map((p) => render(view.format, p, messages, finishing));
  // Reading issues were made complete by the reader; only a 说明 may be added, as a new object.
  const reading = (options.reading ?? []).map((i) => {
    const text = i.severity === 'error' ? undefined : finishing.explanation(i.ruleId, i.cells[0], issueSubject(i));
    return text === undefined ? i : { ...i, explanation: text };
  });
  const issues = ordered(view.format, reading.length ? [...reading, ...rendered] : rendered);

  let error = 0;
  let warning = 0;
  let info = 0;
  let explained = 0;
  for (const issue of issues) {
    if (issue.severity === 'error') error++;
    else if (issue.severity === 'warning') warning++;
    else info++;
    if (issue.explanation !== undefined) explained++;
  }
  return { valid: error === 0, format: report.format, rulesVersion: RULES_VERSION, counts: { error, warning, info, explained }, issues, hints };
}
