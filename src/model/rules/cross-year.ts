import type { RuleCheck } from './types';
import { tableName } from './where';

/** Rules comparing this year's report with last year's (either format). */
export const crossYearChecks: RuleCheck = {
  rules: ['XY-YEAR', 'XY-CARRY', 'XY-RULES-IN-FORCE', 'XY-PROJECTS'],
  needs: 'previous',
  check(ctx) {
    const prev = ctx.previous!;
    const { format, values } = ctx;
    const year = ctx.report.metadata.year;
    const previousYear = prev.report.metadata.year;
    if (previousYear !== year - 1) ctx.emit('XY-YEAR', 'meta', [], { year, previousYear });

    // 表三 has the same columns and these two rows in both formats.
    for (const cell of format.cells) {
      if (cell.table !== 't3' || cell.row !== 'carriedOver') continue;
      const from = prev.format.byId.get(`t3.carryForward.${cell.col}`);
      if (!from) continue;
      const current = values[cell.index]!;
      const previous = prev.values[from.index]!;
      if (current !== previous) {
        ctx.emit('XY-CARRY', 't3', [cell.index], { col: cell.colLabel, current, previous, from: from.rowTitle, to: cell.rowTitle });
      }
    }

    const table = tableName(format, 't2');
    const sameFormat = prev.format.id === format.id;
    for (const cell of format.cells) {
      if (!sameFormat || cell.table !== 't2') continue;
      const id = (col: string) => `t2.${cell.row}.${col}`;
      if (cell.col === 'inForce') {
        const [issued, repealed] = [ctx.get(id('issued')), ctx.get(id('repealed'))];
        const previousInForce = prev.get(cell.id);
        const expected = previousInForce + issued - repealed;
        const actual = values[cell.index]!;
        if (actual !== expected) {
          ctx.emit('XY-RULES-IN-FORCE', 't2', [cell.index, format.byId.get(id('issued'))!.index, format.byId.get(id('repealed'))!.index], {
            table,
            row: cell.rowTitle,
            previousInForce,
            issued,
            repealed,
            expected,
            actual,
          });
        }
      }
      if (cell.col === 'prevProjects') {
        const previousPrev = prev.get(cell.id);
        const previousChange = prev.get(id('change'));
        const expected = previousPrev + previousChange;
        const actual = values[cell.index]!;
        if (actual !== expected) {
          ctx.emit('XY-PROJECTS', 't2', [cell.index], { table, row: cell.rowTitle, previousPrev, previousChange, expected, actual });
        }
      }
    }
  },
};
