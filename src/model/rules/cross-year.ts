import type { CompiledFormat } from '../formats';
import { rawValue } from '../view';
import type { PreviousView, ReportView, RuleCheck, StatedFigure } from './types';
import { tableName } from './where';

/** The comparisons between this year's format and last year's, worked out once per pair of formats. */
interface Plan {
  /** 表三 二、上年结转 (this year) against 四、结转下年度继续办理 (last year), per column. */
  readonly carry: readonly { readonly cell: number; readonly prevId: string; readonly col: string; readonly from: string; readonly to: string }[];
  /** 表二 rows with 现行有效件数: [inForce, issued, repealed] cell indices (both years format 2021). */
  readonly inForce: readonly { readonly ix: readonly [number, number, number]; readonly id: string; readonly row: string }[];
  /** 表二 rows with 上一年项目数量 (both years format 2019). */
  readonly projects: readonly { readonly cell: number; readonly id: string; readonly changeId: string; readonly row: string }[];
}

const plans = new Map<string, Plan>();

function planFor(format: CompiledFormat, prev: CompiledFormat): Plan {
  const key = `${format.id}/${prev.id}`;
  const cached = plans.get(key);
  if (cached) return cached;
  const same = format.id === prev.id;
  const carry: Plan['carry'][number][] = [];
  const inForce: Plan['inForce'][number][] = [];
  const projects: Plan['projects'][number][] = [];
  const ix = (id: string) => format.byId.get(id)!.index;
  for (const c of format.cells) {
    if (c.table === 't3' && c.row === 'carriedOver') {
      // 表三 has the same columns and these two rows in both formats.
      const from = prev.byId.get(`t3.carryForward.${c.col}`);
      if (from) carry.push({ cell: c.index, prevId: from.id, col: c.colLabel, from: from.rowTitle, to: c.rowTitle });
    }
    if (!same || c.table !== 't2') continue;
    if (c.col === 'inForce') {
      inForce.push({ ix: [c.index, ix(`t2.${c.row}.issued`), ix(`t2.${c.row}.repealed`)], id: c.id, row: c.rowTitle });
    }
    if (c.col === 'prevProjects') projects.push({ cell: c.index, id: c.id, changeId: `t2.${c.row}.change`, row: c.rowTitle });
  }
  const plan = { carry, inForce, projects };
  plans.set(key, plan);
  return plan;
}

/** Last year's 四、结转下年度继续办理, column by column, as evidence for this year's 二、上年结转. */
export function carriedFigures(view: ReportView, prev: PreviousView): StatedFigure[] {
  return planFor(view.format, prev.format).carry.flatMap((p) => {
    const id = view.format.cells[p.cell]!.id;
    if (typeof rawValue(prev.report, p.prevId) !== 'number' || typeof rawValue(view.report, id) !== 'number') return [];
    const stated = prev.get(p.prevId);
    return [{ stated, phrase: `上年报告${p.from} ${p.col} ${stated}`, accepts: (get: (id: string) => number) => [get(id)] }];
  });
}

/** Rules comparing this year's report with last year's (either format). */
export const crossYearChecks: RuleCheck = {
  rules: ['XY-YEAR', 'XY-CARRY', 'XY-RULES-IN-FORCE', 'XY-PROJECTS'],
  needs: 'previous',
  check(ctx) {
    const prev = ctx.previous!;
    const { format, values } = ctx;
    const year = ctx.report.metadata.year;
    const previousYear = prev.report.metadata.year;
    if (year !== undefined && previousYear !== undefined && previousYear !== year - 1) ctx.emit('XY-YEAR', 'meta', [], { year, previousYear });

    const plan = planFor(format, prev.format);
    for (const p of plan.carry) {
      const current = values[p.cell]!;
      const previous = prev.get(p.prevId);
      if (current !== previous) ctx.emit('XY-CARRY', 't3', [p.cell], { col: p.col, current, previous, from: p.from, to: p.to });
    }
    const table = tableName(format, 't2');
    for (const p of plan.inForce) {
      const [actual, issued, repealed] = p.ix.map((i) => values[i]!) as [number, number, number];
      const previousInForce = prev.get(p.id);
      const expected = previousInForce + issued - repealed;
      if (actual !== expected) {
        ctx.emit('XY-RULES-IN-FORCE', 't2', p.ix, { table, row: p.row, previousInForce, issued, repealed, expected, actual });
      }
    }
    for (const p of plan.projects) {
      const previousPrev = prev.get(p.id);
      const previousChange = prev.get(p.changeId);
      const expected = previousPrev + previousChange;
      const actual = values[p.cell]!;
      if (actual !== expected) ctx.emit('XY-PROJECTS', 't2', [p.cell], { table, row: p.row, previousPrev, previousChange, expected, actual });
    }
  },
};
