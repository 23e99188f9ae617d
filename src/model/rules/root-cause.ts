/**
 * Which cell is wrong where sums fail. A spreadsheet recalculates its totals, so a total still held
 * by its formula is derived, not evidence: changing an input moves it too. A candidate is a cell
 * (an input, or a total typed over) that, changed alone, makes every equation it reaches hold and
 * breaks none that holds. One candidate is named; two or three are listed as 可能; more say nothing.
 */
import type { CompiledFormat, Equation } from '../formats';
import { CellState, fmt } from '../values';
import { rawValue } from '../view';
import { sumOf } from './arithmetic';
import { candidatesMessage, evidenceMessage, narrowedMessage, replacedMessage, rootCauseMessage } from './messages.zh-CN';
import type { ReportView, StatedFigure } from './types';
import { cellWhere } from './where';

/** A cell a hint points at, with what it holds and what would make its equations hold. */
export interface HintCandidate {
  readonly cell: string;
  readonly current: number;
  readonly suggested: number;
}

/** A hint: one cell (confident) or up to three candidates (可能), for the failing sums they explain. */
export interface RootCauseHint {
  /** The first candidate (the only one when `confident`). */
  readonly cell: string;
  readonly current: number;
  readonly suggested: number;
  /** How many arithmetic errors the correction removes. */
  readonly resolves: number;
  readonly message: string;
  /** True when exactly one cell, changed alone, makes every failing sum it concerns hold. */
  readonly confident: boolean;
  /** Every candidate, the first being `cell`; typed-over totals first. */
  readonly candidates: readonly HintCandidate[];
}

/** How the spreadsheet holds the report's totals. */
export interface Derivation {
  /** Total cells (indices) a spreadsheet computes from their formulas: they follow their inputs. */
  readonly computed: ReadonlySet<number>;
  /** Total cells whose formula was typed over with a number: the first suspects. */
  readonly replaced: ReadonlySet<number>;
}

export const VALUES_ONLY: Derivation = { computed: new Set(), replaced: new Set() };

/** More candidates than this tell the clerk nothing the failing sum does not. */
const MAX_CANDIDATES = 3;
/** A stated figure over a group of rows (不予公开: eight) narrows a sum to that many cells: said as rows to check. */
const MAX_NARROWED = 12;
const EPSILON = 1e-6;

/** The cell as the clerk sees it: a number, or what stands there instead (an error value, text, a blank) — never a 0 it does not show. */
function shown(view: ReportView, cell: number): string {
  const state = view.states[cell]!;
  if (state === CellState.Number || state === CellState.NumberText) return fmt(view.values[cell]!);
  if (state === CellState.Blank) return '空白';
  const raw = rawValue(view.report, view.format.cells[cell]!.id);
  const text = typeof raw === 'object' && raw !== null && 'error' in raw ? String((raw as { error: unknown }).error) : String(raw);
  return `“${text.length > 20 ? `${text.slice(0, 20)}…` : text}”`;
}

/** How one unit more in `cell` changes each cell: itself, and the computed totals over it. */
function effects(format: CompiledFormat, derivation: Derivation, cell: number): Map<number, number> {
  const eff = new Map([[cell, 1]]);
  for (const d of format.derivedOrder) {
    if (!derivation.computed.has(d) || d === cell) continue;
    let c = 0;
    for (const o of format.cells[d]!.derived!.of) c += eff.get(o) ?? 0;
    if (c !== 0) eff.set(d, c);
  }
  return eff;
}

const coefficient = (eq: Equation, eff: ReadonlyMap<number, number>): number => {
  let a = 0;
  for (const c of eq.lhs) a += eff.get(c) ?? 0;
  for (const c of eq.rhs) a -= eff.get(c) ?? 0;
  return a;
};

interface Explanation {
  readonly cell: number;
  readonly suggested: number;
  /** Failing equations it makes hold (indices into the format's equations). */
  readonly fixes: readonly number[];
  /** Stated figures that disagree now and agree after the change (indices into the evidence). */
  readonly agrees: readonly number[];
}

/** The figure's value in the table as it is, or after `cell` changes by `delta` (its computed totals following). */
const figureHolds = (f: StatedFigure, get: (id: string) => number) => f.accepts(get).some((v) => Math.abs(v - f.stated) <= EPSILON);

/**
 * The single change of `cell` that makes every equation it reaches hold, if there is one — and that
 * leaves every stated figure it reaches agreeing with the table (it may make one agree that did not).
 */
function explain(view: ReportView, derivation: Derivation, residual: readonly number[], cell: number, evidence: readonly StatedFigure[]): Explanation | undefined {
  const eff = effects(view.format, derivation, cell);
  let delta: number | undefined;
  const fixes: number[] = [];
  for (let e = 0; e < view.format.equations.length; e++) {
    const a = coefficient(view.format.equations[e]!, eff);
    if (a === 0) continue;
    // It moves a sum that holds: changing it would break that one.
    if (Math.abs(residual[e]!) <= EPSILON) return undefined;
    const d = -residual[e]! / a;
    if (delta !== undefined && Math.abs(d - delta) > EPSILON) return undefined;
    delta = d;
    fixes.push(e);
  }
  if (delta === undefined) return undefined;
  const suggested = view.values[cell]! + delta;
  // A count cannot be negative: no correction leads there.
  if (suggested < -EPSILON) return undefined;
  const agrees: number[] = [];
  if (evidence.length) {
    const index = (id: string) => view.format.byId.get(id)!.index;
    const before = (id: string) => view.values[index(id)]!;
    const after = (id: string) => before(id) + delta * (eff.get(index(id)) ?? 0);
    for (const [k, f] of evidence.entries()) {
      const was = f.accepts(before);
      const now = f.accepts(after);
      if (was.every((v, i) => Math.abs(v - now[i]!) <= EPSILON)) continue;
      const held = figureHolds(f, before);
      const holds = figureHolds(f, after);
      // A figure that agreed must still agree; one that disagreed and now agrees points at the cell.
      // (One that disagrees either way may be stated wrong itself: it is no evidence for or against.)
      if (held && !holds) return undefined;
      if (!held && holds) agrees.push(k);
    }
  }
  return { cell, suggested, fixes, agrees };
}

/** Cells whose change reaches a failing equation: its cells, and the inputs of its computed totals. */
function reachable(format: CompiledFormat, derivation: Derivation, failing: readonly Equation[]): Set<number> {
  const out = new Set<number>();
  const add = (c: number): void => {
    if (out.has(c)) return;
    out.add(c);
    if (derivation.computed.has(c)) for (const o of format.cells[c]!.derived!.of) add(o);
  };
  for (const eq of failing) for (const c of [...eq.lhs, ...eq.rhs]) add(c);
  return out;
}

/**
 * Hints for the failing sums of a report, and for each failing equation (by index) the hint that
 * explains it. A total held by its formula is never a candidate; a total typed over comes first
 * among candidates, and is named as a suspect even where no single cell explains its sum.
 */
export function rootCauses(view: ReportView, derivation: Derivation = VALUES_ONLY, evidence: readonly StatedFigure[] = []): { hints: RootCauseHint[]; byEquation: Map<number, RootCauseHint> } {
  const { format, values } = view;
  const residual = format.equations.map((eq) => sumOf(values, eq.lhs) - sumOf(values, eq.rhs));
  const failing = format.equations.filter((_, e) => Math.abs(residual[e]!) > EPSILON);
  const byEquation = new Map<number, RootCauseHint>();
  if (failing.length === 0) return { hints: [], byEquation };

  const explanations: Explanation[] = [];
  for (const cell of reachable(format, derivation, failing)) {
    if (derivation.computed.has(cell)) continue;
    const x = explain(view, derivation, residual, cell, evidence);
    if (x) explanations.push(x);
  }
  // Group by what is explained — the sums, and the stated figures made to agree; keep the sets no larger set contains.
  const what = (x: Explanation) => [...x.fixes, ...x.agrees.map((k) => `f${k}`)];
  const groups = new Map<string, Explanation[]>();
  for (const x of explanations) groups.set(what(x).join(','), [...(groups.get(what(x).join(',')) ?? []), x]);
  const sets = [...groups.values()];
  const contains = (h: Explanation, g: Explanation) => what(h).length > what(g).length && what(g).every((e) => what(h).includes(e));
  const kept = sets.filter((g) => !sets.some((h) => h !== g && contains(h[0]!, g[0]!)));

  const hints: RootCauseHint[] = [];
  const covered = new Set<number>();
  for (const group of kept) {
    // More than three: said only where a stated figure narrows them to a few rows (不予公开N件: its rows in this column).
    const narrowed = group.length > MAX_CANDIDATES && group[0]!.agrees.length > 0 && group.length <= MAX_NARROWED;
    if (group.length > MAX_CANDIDATES && !narrowed && !group.some((x) => derivation.replaced.has(x.cell))) continue;
    // Typed-over totals first, then printed order; never more than three.
    const ordered = [...group].sort((a, b) => Number(derivation.replaced.has(b.cell)) - Number(derivation.replaced.has(a.cell)) || a.cell - b.cell);
    const listed = narrowed ? ordered : ordered.slice(0, MAX_CANDIDATES).filter((_, k) => group.length <= MAX_CANDIDATES || k === 0);
    const candidates = listed.map((x) => ({ cell: format.cells[x.cell]!.id, current: values[x.cell]!, suggested: x.suggested }));
    const confident = group.length === 1;
    const n = group[0]!.fixes.length;
    for (const e of group[0]!.fixes) covered.add(e);
    const words = listed.map((x) => ({ where: cellWhere(format, format.cells[x.cell]!), current: shown(view, x.cell), suggested: fmt(x.suggested) }));
    // The figures stated elsewhere that point at it: said with the hint, as its evidence.
    const stated = group[0]!.agrees.map((k) => evidence[k]!.phrase);
    const hint: RootCauseHint = {
      ...candidates[0]!,
      resolves: n,
      confident,
      candidates,
      message: narrowed
        ? narrowedMessage(words.map((w) => w.where), stated)
        : (confident ? rootCauseMessage(words[0]!.where, words[0]!.current, words[0]!.suggested, n) : candidatesMessage(words, n)) + evidenceMessage(stated),
    };
    hints.push(hint);
    for (const e of group[0]!.fixes) if (!byEquation.has(e)) byEquation.set(e, hint);
  }
  // A typed-over total in a failing sum nothing else explains: the first place to look.
  for (const cell of [...derivation.replaced].sort((a, b) => a - b)) {
    const sums = format.equations.flatMap((eq, e) => (Math.abs(residual[e]!) > EPSILON && !covered.has(e) && (eq.lhs.includes(cell) || eq.rhs.includes(cell)) ? [e] : []));
    if (sums.length === 0 || hints.some((h) => h.candidates.some((c) => c.cell === format.cells[cell]!.id))) continue;
    const current = values[cell]!;
    const hint: RootCauseHint = {
      cell: format.cells[cell]!.id,
      current,
      suggested: current,
      resolves: 0,
      confident: false,
      candidates: [{ cell: format.cells[cell]!.id, current, suggested: current }],
      message: replacedMessage(cellWhere(format, format.cells[cell]!), shown(view, cell), sums.length),
    };
    hints.push(hint);
    for (const e of sums) if (!byEquation.has(e)) byEquation.set(e, hint);
  }
  hints.sort((a, b) => Number(b.confident) - Number(a.confident) || b.resolves - a.resolves || format.byId.get(a.cell)!.index - format.byId.get(b.cell)!.index);
  return { hints, byEquation };
}
