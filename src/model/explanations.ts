import type { Issue } from './rules/types';
import type { Explanation, Report } from './schema/report';
import { explanationKey } from './validate';
import { rawValue } from './view';

/** The explanations with one added or replaced (an empty text removes it), snapshotting the issue's cells. */
export function withExplanation(report: Report, issue: Issue, text: string, at = new Date().toISOString()): Explanation[] {
  const key = explanationKey(issue.ruleId, issue.cells[0]);
  const others = (report.explanations ?? []).filter((e) => explanationKey(e.ruleId, e.cell) !== key);
  if (!text.trim()) return others;
  const values = Object.fromEntries(issue.cells.map((c) => [c, (rawValue(report, c) ?? null) as NonNullable<Explanation['values']>[string]]));
  return [
    ...others,
    {
      ruleId: issue.ruleId,
      ...(issue.cells[0] ? { cell: issue.cells[0] } : {}),
      text: text.trim().slice(0, 2000),
      ...(issue.cells.length ? { values } : {}),
      at,
    },
  ];
}
