/* global Excel */
/**
 * Marks are conditional formats with our own formula (MARK_FORMULA) and a fill, so the user's own
 * values and formats are never changed and come back exactly when marks are cleared. On the
 * template, 清除标记 clears the conditional formats of the report areas except the check cells,
 * whose own format (“差 N” in red) the template sets; in any other workbook only the formats
 * carrying our formula are deleted, found by id when the sheets were read.
 */
import type { SheetId } from '../../sheet/layout';
import type { Mark } from '../types';
import type { Capabilities } from './capabilities';
import { queueUnlocked, type SheetLock } from './protection';
import type { FormatId } from '../../model/core';
import type { MarkLevel } from '../../sheet/places';
import { MARK_COLORS, MARK_FORMULA, MARK_LEVELS, markAreas, marksBySheet } from '../areas';
import type { ForeignSheet } from './read';

/** Queues drawing one sheet's marks, a conditional format per level (per cell before ExcelApi 1.9). */
function queueDraw(caps: Capabilities, sheet: Excel.Worksheet, levels: Record<MarkLevel, string[]> | undefined): void {
  for (const severity of MARK_LEVELS) {
    const cells = levels?.[severity] ?? [];
    if (cells.length === 0) continue;
    const targets: (Excel.Range | Excel.RangeAreas)[] = caps.rangeAreas ? [sheet.getRanges(cells.join(','))] : cells.map((a) => sheet.getRange(a));
    for (const t of targets) {
      const cf = t.conditionalFormats.add(Excel.ConditionalFormatType.custom);
      cf.custom.rule.formula = MARK_FORMULA;
      cf.custom.format.fill.color = MARK_COLORS[severity];
    }
  }
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
      queueDraw(caps, lock.sheet, by.get(lock.name));
    });
  }
}

/** The same in a workbook not made from the template: on each sheet with marks old or new, ours deleted by id, the new drawn. */
export function queueForeignMarks(caps: Capabilities, sheets: readonly ForeignSheet[], marks: readonly Mark[]): void {
  const by = marksBySheet(marks);
  for (const { lock, ours } of sheets) {
    const levels = by.get(lock.name);
    if (!levels && ours.length === 0) continue;
    queueUnlocked([lock], () => {
      const formats = lock.sheet.getRange().conditionalFormats;
      for (const id of ours) formats.getItem(id).delete();
      queueDraw(caps, lock.sheet, levels);
    });
  }
}
