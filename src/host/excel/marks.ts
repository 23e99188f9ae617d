/* global Excel */
/**
 * Marks are conditional formats (`=TRUE` with a fill), so the user's own values and formats are
 * never changed and come back exactly when marks are cleared (清除标记 clears the conditional
 * formats of the report areas; the template defines none there).
 */
import { a1, type SheetId } from '../../sheet/layout';
import type { Mark } from '../types';
import type { Capabilities } from './capabilities';
import { queueUnlocked, type SheetLock } from './protection';
import { gridArea } from './sheets';

export const MARK_COLORS = { error: '#FFC7CE', warning: '#FFEB9C' } as const;
const MARK_FORMULA = '=TRUE';

/** Per sheet name: the A1 addresses to mark red and yellow; a cell with an error is marked as an error only. */
export function marksBySheet(marks: readonly Mark[]): Map<string, { error: string[]; warning: string[] }> {
  const by = new Map<string, { error: Set<string>; warning: Set<string> }>();
  for (const m of marks) {
    const s = by.get(m.place.sheet) ?? { error: new Set<string>(), warning: new Set<string>() };
    by.set(m.place.sheet, s);
    s[m.severity].add(a1(m.place.row, m.place.col));
  }
  return new Map([...by].map(([sheet, s]) => [sheet, { error: [...s.error], warning: [...s.warning].filter((a) => !s.error.has(a)) }]));
}

/** Queues clearing the marks of each report sheet and adding the new ones, protection lifted around it. */
export function queueMarks(caps: Capabilities, sheets: readonly { id: SheetId; lock: SheetLock }[], marks: readonly Mark[]): void {
  const by = marksBySheet(marks);
  for (const { id, lock } of sheets) {
    queueUnlocked([lock], () => {
      lock.sheet.getRange(gridArea(id)).conditionalFormats.clearAll();
      const { error = [], warning = [] } = by.get(lock.name) ?? {};
      for (const [severity, cells] of [['error', error], ['warning', warning]] as const) {
        if (cells.length === 0) continue;
        const targets: (Excel.Range | Excel.RangeAreas)[] = caps.rangeAreas ? [lock.sheet.getRanges(cells.join(','))] : cells.map((a) => lock.sheet.getRange(a));
        for (const t of targets) {
          const cf = t.conditionalFormats.add(Excel.ConditionalFormatType.custom);
          cf.custom.rule.formula = MARK_FORMULA;
          cf.custom.format.fill.color = MARK_COLORS[severity];
        }
      }
    });
  }
}
