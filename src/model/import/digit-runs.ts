/**
 * Rows whose numbers ran together when a page lost its cell boundaries (`行政许可396442278`):
 * the cells are recovered from the table's own arithmetic — each 表三 row's 总计 is its six
 * columns, the columns of （一）…（六） sum to （七）总计, 一+二 = 三（七）+四, 表四's 总计 is its
 * four results — by searching every split of each run (no leading zeros but a lone 0) that keeps
 * every equation. A split is accepted only when it is the only one. Never a guess.
 */
import type { CompiledFormat, Equation } from '../formats';

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
  const runOf = new Map<number, number>();
  runs.forEach((r, k) => r.cells.forEach((c) => runOf.set(c, k)));
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
  return runs.map((run, k) => {
    const list = candidates[k];
    if (!list) return { run, reason: '数字连写且过长，无法唯一拆分' };
    if (list.length === 1) return { run, values: list[0]! };
    return { run, reason: list.length === 0 ? '数字连写，没有一种拆分能使合计成立' : `数字连写，有 ${list.length > MAX_CANDIDATES ? '多' : list.length} 种拆分都能使合计成立，无法唯一拆分` };
  });
}
