/** Reading issues kept with a report (its `reading`, or a workbook's hidden sheet) and made issues again. */
import { RULES } from './rules/catalog';
import type { RuleId } from './rules/ids';
import type { Issue, IssueArea, RuleParams } from './rules/types';
import type { StoredReading } from './schema/report';
import { makeIssue } from './validate';

/** What is kept of a reading issue: its data; the message is rendered again when it is shown. */
export function storeReading(issues: readonly Issue[]): StoredReading[] {
  return issues
    .filter((i) => i.ruleId.startsWith('FORM-'))
    .map((i) => ({ ruleId: i.ruleId, area: i.area, cells: [...i.cells], params: i.params as StoredReading['params'], ...(i.at ? { at: i.at } : {}) }));
}

/** Stored reading issues as issues; entries that do not name a reading rule are left out. */
export function restoreReading(stored: readonly unknown[]): Issue[] {
  const areas = new Set<IssueArea>(['meta', 't2', 't3', 't4', 'narrative']);
  return stored.flatMap((s) => {
    const e = s as Partial<StoredReading>;
    if (typeof e !== 'object' || e === null || typeof e.ruleId !== 'string' || !e.ruleId.startsWith('FORM-') || !(e.ruleId in RULES)) return [];
    if (!areas.has(e.area as IssueArea) || !Array.isArray(e.cells) || typeof e.params !== 'object' || e.params === null) return [];
    try {
      const issue = makeIssue(e.ruleId as RuleId, e.area as IssueArea, e.cells.map(String), e.params as RuleParams[RuleId], e.at ? { at: String(e.at) } : {});
      return [issue];
    } catch {
      // Params that do not render (a hand-edited file): not shown rather than shown wrong.
      return [];
    }
  });
}
