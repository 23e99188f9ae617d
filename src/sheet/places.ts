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
