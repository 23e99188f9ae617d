import type { RuleId } from './ids';
import type { RuleCheck } from './types';
import { CellState, PLAUSIBLE_MAX, readCell } from '../values';
import { rawValue } from '../view';
import { cellWhere } from './where';


const STATE_RULE: Partial<Record<CellState, RuleId>> = {
  [CellState.Blank]: 'CELL-BLANK',
  [CellState.Text]: 'CELL-TEXT',
  [CellState.NumberText]: 'CELL-NUMBER-AS-TEXT',
  [CellState.FormulaError]: 'CELL-FORMULA-ERROR',
};

/** One issue per cell whose content is not a valid number of its kind. */
export const cellChecks: RuleCheck = {
  rules: ['CELL-BLANK', 'CELL-TEXT', 'CELL-NUMBER-AS-TEXT', 'CELL-NEGATIVE', 'CELL-NOT-INTEGER', 'CELL-FORMULA-ERROR', 'CELL-IMPLAUSIBLE'],
  check(ctx) {
    const { format, values, states, irregular } = ctx;
    const cells = format.cells;
    for (const i of irregular) {
      const state = states[i]!;
      const v = values[i]!;
      const cell = cells[i]!;
      if (state !== CellState.Number) {
        const where = cellWhere(format, cell);
        const text = readCell(rawValue(ctx.report, cell.id) as Parameters<typeof readCell>[0]).text;
        ctx.emit(STATE_RULE[state as CellState]!, cell.table, [i], {
          where,
          ...(text !== undefined ? { text } : {}),
          ...(state === CellState.NumberText ? { value: v } : {}),
        });
        if (state !== CellState.NumberText) continue;
      }
      if (v < 0 && cell.kind !== 'signedCount') {
        ctx.emit('CELL-NEGATIVE', cell.table, [i], { where: cellWhere(format, cell), value: v });
      }
      if (cell.kind !== 'amount' && !Number.isInteger(v)) {
        ctx.emit('CELL-NOT-INTEGER', cell.table, [i], { where: cellWhere(format, cell), value: v });
      }
      if (Math.abs(v) > PLAUSIBLE_MAX) {
        ctx.emit('CELL-IMPLAUSIBLE', cell.table, [i], { where: cellWhere(format, cell), value: v });
      }
    }
  },
};
