import type { Equation } from '../formats';
import { CellState, fmt } from '../values';
import { rawValue } from '../view';
import { equationHolds, sumOf } from './arithmetic';
import { rootCauseMessage } from './messages.zh-CN';
import type { Issue, ReportView } from './types';
import { cellWhere } from './where';

/** One cell whose correction alone removes several arithmetic errors. */
export interface RootCauseHint {
  readonly cell: string;
  readonly current: number;
  readonly suggested: number;
  /** How many arithmetic errors the correction removes. */
  readonly resolves: number;
  readonly message: string;
}

/** The cell as the clerk sees it: a number, or what stands there instead (an error value, text, a blank) — never a 0 it does not show. */
function shown(view: ReportView, cell: number): string {
  const state = view.states[cell]!;
  if (state === CellState.Number || state === CellState.NumberText) return fmt(view.values[cell]!);
  if (state === CellState.Blank) return '空白';
  const raw = rawValue(view.report, view.format.cells[cell]!.id);
  const text = typeof raw === 'object' && raw !== null && 'error' in raw ? String((raw as { error: unknown }).error) : String(raw);
  return `“${text.length > 20 ? `${text.slice(0, 20)}…` : text}”`;
}

const ARITHMETIC = new Set(['T3-ROW-TOTAL', 'T3-RESULT-TOTAL', 'T3-BALANCE', 'T4-GROUP-TOTAL']);

/**
 * Where several sums fail, look for a single cell that explains them: a value for it that makes
 * every equation it takes part in hold. Each failing equation proposes the value that would fix it.
 */
export function findRootCauses(view: ReportView, issues: readonly Issue[]): RootCauseHint[] {
  const arith = issues.filter((i) => ARITHMETIC.has(i.ruleId));
  if (arith.length < 2) return [];
  const { format, values } = view;
  const failing = format.equations.filter((eq) => !equationHolds(values, eq));
  const byCell = new Map<number, Equation[]>();
  for (const eq of format.equations) for (const c of [...eq.lhs, ...eq.rhs]) byCell.set(c, [...(byCell.get(c) ?? []), eq]);
  const count = new Map<number, number>();
  for (const eq of failing) for (const c of new Set([...eq.lhs, ...eq.rhs])) count.set(c, (count.get(c) ?? 0) + 1);

  const found: { cell: number; suggested: number; resolved: Set<Equation> }[] = [];
  for (const [cell, n] of count) {
    if (n < 2) continue;
    const tried = new Set<number>();
    for (const eq of failing) {
      const side = eq.lhs.includes(cell) ? 1 : eq.rhs.includes(cell) ? -1 : 0;
      if (side === 0) continue;
      const suggested = values[cell]! + side * (sumOf(values, eq.rhs) - sumOf(values, eq.lhs));
      if (tried.has(suggested)) continue;
      tried.add(suggested);
      const trial = values.slice();
      trial[cell] = suggested;
      if (byCell.get(cell)!.every((e) => equationHolds(trial, e))) {
        found.push({ cell, suggested, resolved: new Set(failing.filter((e) => byCell.get(cell)!.includes(e))) });
        break;
      }
    }
  }
  // Keep the explanations that are not part of a larger one.
  const kept = found.filter((f) => !found.some((g) => g !== f && g.resolved.size > f.resolved.size && [...f.resolved].every((e) => g.resolved.has(e))));
  kept.sort((a, b) => b.resolved.size - a.resolved.size || a.cell - b.cell);

  return kept.map((f) => {
    const def = format.cells[f.cell]!;
    for (const issue of arith) {
      if (!issue.rootCause && issue.cells.includes(def.id)) issue.rootCause = def.id;
    }
    return {
      cell: def.id,
      current: values[f.cell]!,
      suggested: f.suggested,
      resolves: f.resolved.size,
      message: rootCauseMessage(cellWhere(format, def), shown(view, f.cell), fmt(f.suggested), f.resolved.size),
    };
  });
}
