/** Where an issue is, as users see it (sheet!A1): the one lookup the task pane, the page and the command line share. */
import { metaFieldOf, type Issue, type MetadataFieldId } from '../model/core';

/** The key under which a cover-sheet field's address is kept beside the cells' addresses. */
export const metaKey = (field: MetadataFieldId): string => `meta.${field}`;

/** The issue's own place (a label), else its first cell's, else the cover-sheet field it is about. */
export function issueAddress(issue: Issue, addresses: Readonly<Record<string, string>>): string | undefined {
  if (issue.at) return issue.at;
  if (issue.cells[0]) return addresses[issue.cells[0]];
  const field = metaFieldOf(issue);
  return field ? addresses[metaKey(field)] : undefined;
}

/** How a cell is marked: the issue's own cell by its severity, the other cells of its sum lighter. */
export type MarkLevel = 'error' | 'warning' | 'related';
const RANK: Record<MarkLevel, number> = { error: 3, warning: 2, related: 1 };

/**
 * The mark of every cell the issues concern, keyed by `key` (a cell id, or where the workbook has
 * it): the suspect (first cell) by severity, the rest of an error's cells as `related`; the strongest wins.
 */
export function markLevels(issues: readonly Issue[], key: (cell: string) => string | undefined, own: (issue: Issue) => string | undefined): Map<string, MarkLevel> {
  const out = new Map<string, MarkLevel>();
  const put = (k: string | undefined, level: MarkLevel) => {
    if (k === undefined) return;
    const had = out.get(k);
    if (had === undefined || RANK[level] > RANK[had]) out.set(k, level);
  };
  for (const i of issues) {
    if (i.severity === 'info') continue;
    put(i.at ? own(i) : i.cells[0] ? key(i.cells[0]) : own(i), i.severity);
    // An error's other cells (the rest of a broken sum); a warning marks only its own cell.
    if (i.severity === 'error') for (const c of i.cells.slice(1)) put(key(c), 'related');
  }
  return out;
}
