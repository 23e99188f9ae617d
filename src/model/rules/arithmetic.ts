import type { CompiledFormat, Equation } from '../formats';
import type { EquationParams, RuleCheck } from './types';
import { tableName } from './where';

/** Sums beyond this many decimal places are float noise (amounts are not in equations, counts are whole). */
const EPSILON = 1e-6;

export function sumOf(values: Float64Array, cells: readonly number[]): number {
  let s = 0;
  for (let k = 0; k < cells.length; k++) s += values[cells[k]!]!;
  return s;
}

/** How an equation reads in a message: terms are row references down a column, column labels along a row. */
export function equationParams(format: CompiledFormat, eq: Equation, lhs: number, rhs: number): EquationParams {
  const term = (i: number) => {
    const c = format.cells[i]!;
    return eq.along.kind === 'col' ? c.rowRef : c.colLabel;
  };
  // A long sum (三（七）总计 over 21 rows) reads as its first and last term.
  const terms = (cells: readonly number[]) =>
    cells.length > 7 ? `${term(cells[0]!)}至${term(cells[cells.length - 1]!)}（共 ${cells.length} 项）之和` : cells.map(term).join('+');
  return {
    table: tableName(format, eq.table),
    along: eq.along.kind === 'col' ? `${eq.along.label}列` : eq.along.label,
    lhsTerms: terms(eq.lhs),
    rhsTerms: terms(eq.rhs),
    lhs,
    rhs,
    diff: lhs - rhs,
  };
}

export function equationHolds(values: Float64Array, eq: Equation): boolean {
  return Math.abs(sumOf(values, eq.lhs) - sumOf(values, eq.rhs)) <= EPSILON;
}

/** T3-ROW-TOTAL, T3-RESULT-TOTAL, T3-BALANCE, T4-GROUP-TOTAL: the format's equations. Blanks count as 0. */
export const arithmeticChecks: RuleCheck = {
  rules: ['T3-ROW-TOTAL', 'T3-RESULT-TOTAL', 'T3-BALANCE', 'T4-GROUP-TOTAL'],
  check(ctx) {
    const { format, values } = ctx;
    for (const eq of format.equations) {
      const lhs = sumOf(values, eq.lhs);
      const rhs = sumOf(values, eq.rhs);
      if (Math.abs(lhs - rhs) <= EPSILON) continue;
      ctx.emit(eq.rule, eq.table, [...eq.lhs, ...eq.rhs], equationParams(format, eq, lhs, rhs));
    }
  },
};
