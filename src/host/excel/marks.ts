/* global Excel */
/**
 * Marks are conditional formats (`=TRUE` with a fill), so the user's own values and formats are
 * never changed and come back exactly when marks are cleared (清除标记 clears the conditional
 * formats of the report areas except the check cells, whose own format — “差 N” in red — the
 * template sets).
 */
import { a1, type SheetId } from '../../sheet/layout';
import type { Mark } from '../types';
import type { Capabilities } from './capabilities';
import { queueUnlocked, type SheetLock } from './protection';
import type { FormatId } from '../../model/core';
import { MARK_COLORS, markAreas } from '../areas';

const MARK_FORMULA = '=TRUE';

type Level = Mark['severity'];
const LEVELS: readonly Level[] = ['error', 'warning', 'related'];

/** Per sheet name: the A1 addresses of each level; a cell gets its strongest level only. */
export function marksBySheet(marks: readonly Mark[]): Map<string, Record<Level, string[]>> {
  const by = new Map<string, Map<string, Level>>();
  for (const m of marks) {
    const s = by.get(m.place.sheet) ?? new Map<string, Level>();
    by.set(m.place.sheet, s);
    const a = a1(m.place.row, m.place.col);
    const had = s.get(a);
    if (had === undefined || LEVELS.indexOf(m.severity) < LEVELS.indexOf(had)) s.set(a, m.severity);
  }
  return new Map(
    [...by].map(([sheet, s]) => [sheet, Object.fromEntries(LEVELS.map((l) => [l, [...s].filter(([, v]) => v === l).map(([a]) => a)])) as Record<Level, string[]>]),
  );
}

/** Queues clearing the marks of each report sheet and adding the new ones, protection lifted around it. */
export function queueMarks(caps: Capabilities, sheets: readonly { id: SheetId; lock: SheetLock }[], marks: readonly Mark[], format: FormatId): void {
  const by = marksBySheet(marks);
  for (const { id, lock } of sheets) {
    queueUnlocked([lock], () => {
      // Ours only: the template's check cells keep their own format (“差 N” in red).
      const areas = markAreas(id, format);
      if (caps.rangeAreas) lock.sheet.getRanges(areas.join(',')).conditionalFormats.clearAll();
      else for (const a of areas) lock.sheet.getRange(a).conditionalFormats.clearAll();
      const levels = by.get(lock.name);
      for (const severity of LEVELS) {
        const cells = levels?.[severity] ?? [];
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
