import type { Issue } from './rules/types';
import type { Explanation, Report } from './schema/report';
import { explanationKey, issueSubject } from './validate';
import { rawValue } from './view';

/** The explanations with one added or replaced (an empty text removes it), snapshotting the issue's cells. */
export function withExplanation(report: Report, issue: Issue, text: string, at = new Date().toISOString()): Explanation[] {
  const subject = issueSubject(issue);
  const key = explanationKey(issue.ruleId, issue.cells[0], subject);
  const others = (report.explanations ?? []).filter((e) => explanationKey(e.ruleId, e.cell, e.subject) !== key);
  if (!text.trim()) return others;
  const values = Object.fromEntries(issue.cells.map((c) => [c, (rawValue(report, c) ?? null) as NonNullable<Explanation['values']>[string]]));
  return [
    ...others,
    {
      ruleId: issue.ruleId,
      ...(issue.cells[0] ? { cell: issue.cells[0] } : {}),
      ...(subject ? { subject } : {}),
      text: text.trim().slice(0, 2000),
      ...(issue.cells.length ? { values } : {}),
      at,
    },
  ];
}
