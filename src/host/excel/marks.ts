/* global Excel */
/**
 * Marks are conditional formats (`=TRUE` with a fill), so the user's own values and formats are
 * never changed and come back exactly when marks are cleared (清除标记 clears the conditional
 * formats of the report areas except the check cells, whose own format — “差 N” in red — the
 * template sets).
 */
import type { SheetId } from '../../sheet/layout';
import type { Mark } from '../types';
import type { Capabilities } from './capabilities';
import { queueUnlocked, type SheetLock } from './protection';
import type { FormatId } from '../../model/core';
import { MARK_COLORS, MARK_LEVELS, markAreas, marksBySheet } from '../areas';

const MARK_FORMULA = '=TRUE';

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
      for (const severity of MARK_LEVELS) {
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
