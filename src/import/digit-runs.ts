/**
 * Rows whose numbers ran together when a page lost its cell boundaries (`行政许可396442278`):
 * the cells are recovered from the table's own arithmetic — each 表三 row's 总计 is its six
 * columns, the columns of （一）…（六） sum to （七）总计, 一+二 = 三（七）+四, 表四's 总计 is its
 * four results — by searching every split of each run (no leading zeros but a lone 0) that keeps
 * every equation. A split is accepted only when it is the only one. Never a guess.
 */
import type { CompiledFormat, Equation } from '../model/core';

export interface DigitRun {
  /** Format cell indices of the row, in printed order. */
  readonly cells: readonly number[];
  readonly digits: string;
}

/** Past this many splits of one run, or candidates kept, the run is left unresolved: the work stays bounded. */
const MAX_STEPS = 2_000_000;
const MAX_CANDIDATES = 20_000;

/** Equations whose cells all lie in `cells`: checked while a run is split. */
function inside(equations: readonly Equation[], cells: readonly number[]): Equation[] {
  const set = new Set(cells);
  return equations.filter((e) => [...e.lhs, ...e.rhs].every((c) => set.has(c)));
}

const holds = (e: Equation, value: (cell: number) => number) => e.lhs.reduce((s, c) => s + value(c), 0) === e.rhs.reduce((s, c) => s + value(c), 0);

/** Every split of the run into its cells that keeps the equations inside the row (bounded). */
function splits(run: DigitRun, equations: readonly Equation[]): number[][] | undefined {
  const k = run.cells.length;
  const own = inside(equations, run.cells);
  const position = new Map(run.cells.map((c, i) => [c, i]));
  // An equation is checked as soon as its last cell is assigned.
  const checksAt = Array.from({ length: k }, () => [] as Equation[]);
  for (const e of own) checksAt[Math.max(...[...e.lhs, ...e.rhs].map((c) => position.get(c)!))]!.push(e);
  const out: number[][] = [];
  const parts: number[] = [];
  let steps = 0;
  const walk = (at: number, i: number): boolean => {
    if (++steps > MAX_STEPS || out.length > MAX_CANDIDATES) return false;
    if (i === k) {
      if (at === run.digits.length) out.push([...parts]);
      return true;
    }
    const left = k - i - 1;
    // Leave at least one digit for each cell still to come.
    for (let end = at + 1; end <= run.digits.length - left; end++) {
      const piece = run.digits.slice(at, end);
      if (piece.length > 1 && piece[0] === '0') break;
      if (piece.length > 9) break;
      parts[i] = Number(piece);
      if (checksAt[i]!.every((e) => holds(e, (c) => parts[position.get(c)!]!))) {
        if (!walk(end, i + 1)) return false;
      }
    }
    return true;
  };
  return walk(0, 0) ? out : undefined;
}

/** Combinations of candidates tried at most when several runs share an equation. */
const MAX_COMBINATIONS = 200_000;

/**
 * Runs still ambiguous on their own, tried together: for each equation whose unknown cells lie in
 * two or three unresolved runs, every combination of their candidates is checked against all the
 * equations those runs share with known cells; a run keeps only the candidates that take part in
 * some combination that holds, and is settled when one remains. Repeated until nothing changes.
 */
function jointly(format: CompiledFormat, runs: readonly DigitRun[], candidates: (number[][] | undefined)[], value: Map<number, number>): boolean {
  let any = false;
  const runOf = new Map<number, number>();
  runs.forEach((r, k) => r.cells.forEach((c) => runOf.set(c, k)));
  const open = (k: number) => (candidates[k]?.length ?? 0) > 1;
  let changed = true;
  while (changed) {
    changed = false;
    for (const e of format.equations) {
      const cells = [...e.lhs, ...e.rhs];
      const unknown = cells.filter((c) => !value.has(c));
      const group = [...new Set(unknown.map((c) => runOf.get(c)))];
      if (group.length < 2 || group.length > 3 || group.some((k) => k === undefined || !open(k))) continue;
      const ks = group as number[];
      if (ks.reduce((p, k) => p * candidates[k]!.length, 1) > MAX_COMBINATIONS) continue;
      // Every equation whose cells are known or in these runs: the combination must keep them all.
      const inGroup = new Set(ks.flatMap((k) => runs[k]!.cells));
      const shared = format.equations.filter((q) => [...q.lhs, ...q.rhs].every((c) => value.has(c) || inGroup.has(c)) && [...q.lhs, ...q.rhs].some((c) => inGroup.has(c)));
      const used = ks.map(() => new Set<number>());
      const pick: number[] = [];
      const at = (c: number) => {
        const k = runOf.get(c);
        const i = k === undefined ? -1 : ks.indexOf(k);
        return i < 0 ? value.get(c)! : candidates[ks[i]!]![pick[i]!]![runs[ks[i]!]!.cells.indexOf(c)]!;
      };
      const walk = (i: number): void => {
        if (i === ks.length) {
          if (shared.every((q) => holds(q, at))) pick.forEach((p, j) => used[j]!.add(p));
          return;
        }
        for (let p = 0; p < candidates[ks[i]!]!.length; p++) {
          pick[i] = p;
          walk(i + 1);
        }
      };
      walk(0);
      ks.forEach((k, j) => {
        const kept = candidates[k]!.filter((_c, p) => used[j]!.has(p));
        if (kept.length === candidates[k]!.length) return;
        candidates[k] = kept;
        changed = true;
        any = true;
        if (kept.length === 1) runs[k]!.cells.forEach((c, i) => value.set(c, kept[0]![i]!));
      });
    }
  }
  return any;
}

export interface RunOutcome {
  readonly run: DigitRun;
  /** The only split that keeps every equation, or why there is none. */
  readonly values?: readonly number[];
  readonly reason?: string;
}

/**
 * Resolves the runs of a report: candidates per run from its own row, then narrowed by every other
 * equation whose other cells are known, until nothing changes. `known` holds the cells read normally.
 */
export function resolveRuns(format: CompiledFormat, runs: readonly DigitRun[], known: ReadonlyMap<number, number>): RunOutcome[] {
  const candidates = runs.map((r) => splits(r, format.equations));
  const value = new Map(known);
  // Each run narrowed by the equations whose other cells are known; then runs sharing equations, together.
  const propagate = () => {
    let changed = true;
    while (changed) {
      changed = false;
      for (const [k, run] of runs.entries()) {
        const list = candidates[k];
        if (!list || list.length <= 1 && run.cells.every((c) => value.has(c))) continue;
        const position = new Map(run.cells.map((c, i) => [c, i]));
        // Equations with a cell of this run whose other cells are all known.
        const usable = format.equations.filter((e) => {
          const cells = [...e.lhs, ...e.rhs];
          return cells.some((c) => position.has(c)) && cells.every((c) => position.has(c) || value.has(c));
        });
        const kept = list.filter((cand) => usable.every((e) => holds(e, (c) => (position.has(c) ? cand[position.get(c)!]! : value.get(c)!))));
        if (kept.length !== list.length) {
          candidates[k] = kept;
          changed = true;
        }
        if (kept.length === 1 && !run.cells.every((c) => value.has(c))) {
          run.cells.forEach((c, i) => value.set(c, kept[0]![i]!));
          changed = true;
        }
      }
    }
  };
  do propagate();
  while (jointly(format, runs, candidates, value));
  return runs.map((run, k) => {
    const list = candidates[k];
    if (!list) return { run, reason: '数字连写且过长，无法唯一拆分' };
    if (list.length === 1) return { run, values: list[0]! };
    return { run, reason: list.length === 0 ? '数字连写，没有一种拆分能使合计成立' : `数字连写，有 ${list.length > MAX_CANDIDATES ? '多' : list.length} 种拆分都能使合计成立，无法唯一拆分` };
  });
}
