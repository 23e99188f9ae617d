/** Where an issue is: the one lookup the task pane, the page and the command line share. Places are structured; text only for display. */
import { metaFieldOf, type Issue, type MetadataFieldId, type Place } from '../model/core';
import { placeText } from './a1';

export type { Place };

/** The key under which a cover-sheet field's place is kept beside the cells' places. */
export const metaKey = (field: MetadataFieldId): string => `meta.${field}`;

/** Where each cell (by id) and cover-sheet field (by metaKey) is. */
export type Places = Readonly<Record<string, Place>>;

/** The issue's own place (a label), else its first cell's, else the cover-sheet field it is about. */
export function issuePlace(issue: Issue, places: Places): Place | undefined {
  if (issue.place) return issue.place;
  if (issue.cells[0]) return places[issue.cells[0]];
  const field = metaFieldOf(issue);
  return field ? places[metaKey(field)] : undefined;
}

/** Where an issue is, as people read it: its place (表三!D29), or where in a published text it was found. */
export function issueAddress(issue: Issue, places: Places): string | undefined {
  const p = issuePlace(issue, places);
  return p ? placeText(p) : issue.at;
}

/** How a cell is marked: the issue's own cell by its severity, the other cells of its sum lighter. */
export type MarkLevel = 'error' | 'warning' | 'related';
const RANK: Record<MarkLevel, number> = { error: 3, warning: 2, related: 1 };

/**
 * The mark of every place the issues concern: an issue's own cell (or place) by severity; of a
 * broken sum only the cell a confident hint names is an error mark, every other cell of it (the
 * inputs behind its computed totals included) `related`; the strongest wins. `placeOf` gives a
 * cell's place (or any key the caller draws by, such as the cell id itself).
 */
export function markLevels<P>(issues: readonly Issue[], placeOf: (cell: string) => P | undefined, own: (issue: Issue) => P | undefined, key: (p: P) => string): Map<string, { place: P; level: MarkLevel }> {
  const out = new Map<string, { place: P; level: MarkLevel }>();
  const put = (p: P | undefined, level: MarkLevel) => {
    if (p === undefined) return;
    const k = key(p);
    const had = out.get(k);
    if (had === undefined || RANK[level] > RANK[had.level]) out.set(k, { place: p, level });
  };
  for (const i of issues) {
    if (i.severity === 'info') continue;
    // A broken sum blames no cell but the one a hint names: its cells are all marked lighter, as places to check.
    if (i.severity === 'error' && i.cells.length > 1 && !i.place) {
      if (i.rootCause) put(placeOf(i.rootCause), 'error');
      for (const c of i.cells) if (c !== i.rootCause) put(placeOf(c), 'related');
      continue;
    }
    put(i.place || !i.cells[0] ? own(i) : placeOf(i.cells[0]), i.severity);
    // An error's other cells; a warning marks only its own cell.
    if (i.severity === 'error') for (const c of i.cells.slice(1)) put(placeOf(c), 'related');
  }
  return out;
}
