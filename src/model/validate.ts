import type { CompiledFormat } from './formats';
import { arithmeticChecks } from './rules/arithmetic';
import { RULES, RULES_VERSION, ruleApplies } from './rules/catalog';
import { cellChecks } from './rules/cell';
import { crossYearChecks } from './rules/cross-year';
import type { RuleId, Severity } from './rules/ids';
import { zhCN, type MessageCatalogue } from './rules/messages.zh-CN';
import { metaChecks } from './rules/meta';
import { narrativeChecks } from './rules/narrative';
import { findRootCauses, type RootCauseHint } from './rules/root-cause';
import { table2Checks } from './rules/table2';
import type { Evidence, Issue, IssueArea, PreviousView, ReportView, RuleCheck, RuleContext, RuleParams } from './rules/types';
import type { Explanation, Report } from './schema/report';
import { lazyViewOf, rawValue, viewOf } from './view';

/** Rule families in the order they run. */
export const CHECKS: readonly RuleCheck[] = [metaChecks, cellChecks, table2Checks, arithmeticChecks, crossYearChecks, narrativeChecks];

export interface ValidateOptions {
  /** Last year's report, for the cross-year rules (XY-*). */
  readonly previous?: Report;
  /** Another message catalogue (tests, other languages); Simplified Chinese by default. */
  readonly messages?: MessageCatalogue;
  /** Issues found while reading the source (FORM-*), merged into the result. */
  readonly reading?: readonly Issue[];
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

function render(format: CompiledFormat, p: Pending, messages: MessageCatalogue): Issue {
  const message = messages[p.ruleId] as (params: RuleParams[RuleId]) => string;
  return {
    ruleId: p.ruleId,
    severity: RULES[p.ruleId].severity,
    area: p.area,
    cells: p.cells.map((i) => format.cells[i]!.id),
    params: p.params as RuleParams[RuleId],
    message: message(p.params as RuleParams[RuleId]),
    ...(p.evidence ? { evidence: p.evidence } : {}),
  };
}

function sortKey(format: CompiledFormat, i: Issue): [number, number, number] {
  let first = Number.MAX_SAFE_INTEGER;
  for (const id of i.cells) first = Math.min(first, format.byId.get(id)?.index ?? first);
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
  options: { at?: string; messages?: MessageCatalogue } = {},
): Issue<K> {
  const render = (options.messages ?? zhCN)[ruleId] as (p: RuleParams[K]) => string;
  return {
    ruleId,
    severity: RULES[ruleId].severity,
    area,
    cells,
    ...(options.at ? { at: options.at } : {}),
    params,
    message: render(params),
  };
}

/** The key an explanation is filed under: rule and first cell. */
export function explanationKey(ruleId: RuleId, cell: string | undefined): string {
  return `${ruleId}@${cell ?? ''}`;
}

/** Whether an explanation still applies: the cells it explains hold the values they held when it was written. */
export function explanationCurrent(report: Report, e: Explanation): boolean {
  if (!e.values) return true;
  return Object.entries(e.values).every(([id, v]) => JSON.stringify(rawValue(report, id) ?? null) === JSON.stringify(v));
}

/** Validates a report against every rule of its format. Never throws on bad cell content. */
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
  const messages = options.messages ?? zhCN;
  const rendered = pending.map((p) => render(view.format, p, messages));
  const issues = ordered(view.format, options.reading?.length ? [...options.reading, ...rendered] : rendered);
  const hints = findRootCauses(view, issues);

  const explanations = new Map<string, Explanation>();
  for (const e of report.explanations ?? []) {
    if (explanationCurrent(report, e)) explanations.set(explanationKey(e.ruleId, e.cell), e);
  }
  let error = 0;
  let warning = 0;
  let info = 0;
  let explained = 0;
  for (const issue of issues) {
    const sev: Severity = issue.severity;
    if (sev === 'error') error++;
    else {
      if (sev === 'warning') warning++;
      else info++;
      const e = explanations.get(explanationKey(issue.ruleId, issue.cells[0]));
      if (e) {
        issue.explanation = e.text;
        explained++;
      }
    }
  }
  return { valid: error === 0, format: report.format, rulesVersion: RULES_VERSION, counts: { error, warning, info, explained }, issues, hints };
}
