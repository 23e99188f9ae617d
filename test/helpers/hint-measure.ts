/**
 * How well hints find a wrong input, measured as the issue on finding the wrong input asks: consistent
 * reports whose text states figures the way agencies write them (each statement present or not),
 * one 表三/表四 input changed by ±1…±3, the totals recalculated as a spreadsheet does, validated as a
 * workbook read (totals computed) — with and without last year's report. Shared by a test and the bench.
 */
import { fillTotals, getFormat, validate, type FormatId, type Report } from '../../src/model';
import { prng } from './random';

type Random = () => number;
import { consistentReport, freeCellCount, withCells } from './reports';

type Tables = Record<string, Record<string, Record<string, unknown>>>;

/** A 表三 group's total (不予公开: every 不予公开 row's 总计), for the text. */
const groupTotal = (r: Report, prefix: string) =>
  getFormat(r.format)
    .cells.filter((c) => c.table === 't3' && c.col === 'total' && (c.row === prefix || c.row.startsWith(`${prefix}.`)))
    .reduce((s, c) => s + (((r.tables as Tables)[c.table]?.[c.row]?.[c.col] as number) ?? 0), 0);

const t = (r: Report, table: string, row: string, col: string) => (r.tables as Tables)[table]![row]![col] as number;

/** The statements an agency may write, each with the 表三/表四 rows it speaks of. */
/** `group`: a statement of several rows together (不予公开 is eight rows): it narrows to those rows, it cannot name one. */
const STATEMENTS: readonly { readonly rows: readonly string[]; readonly group?: string; readonly text: (r: Report) => string }[] = [
  { rows: ['t3.new'], text: (r) => `本年度共收到政府信息公开申请${t(r, 't3', 'new', 'total')}件` },
  { rows: ['t3.new'], text: (r) => `其中自然人申请${t(r, 't3', 'new', 'natural')}件` },
  { rows: ['t3.carriedOver'], text: (r) => `上年结转${t(r, 't3', 'carriedOver', 'total')}件` },
  { rows: ['t3.disclosed'], text: (r) => `予以公开${t(r, 't3', 'disclosed', 'total')}件` },
  { rows: ['t3.partial'], text: (r) => `部分公开${t(r, 't3', 'partial', 'total')}件` },
  { rows: [], group: 't3.withheld', text: (r) => `不予公开${groupTotal(r, 'withheld')}件` },
  { rows: [], group: 't3.unable', text: (r) => `无法提供${groupTotal(r, 'unable')}件` },
  { rows: [], group: 't3.notProcessed', text: (r) => `不予处理${groupTotal(r, 'notProcessed')}件` },
  { rows: ['t3.carryForward'], text: (r) => `结转下年度继续办理${t(r, 't3', 'carryForward', 'total')}件` },
  { rows: ['t4.review'], text: (r) => `发生政府信息公开行政复议${t(r, 't4', 'review', 'total')}件` },
];

/** The report with a text stating some of the figures; which rows the text speaks of. */
export function withStatements(r: Report, rnd: Random): { report: Report; stated: Set<string>; groups: Set<string> } {
  const chosen = STATEMENTS.filter(() => rnd() < 0.7);
  const text = chosen.map((s) => s.text(r)).join('，');
  const report = { ...r, narrative: { overview: `本年度我局认真落实条例。${text}。`, problems: '一是公开不够及时。', other: '无。' } } as Report;
  return { report, stated: new Set(chosen.flatMap((s) => s.rows)), groups: new Set(chosen.flatMap((s) => (s.group ? [s.group] : []))) };
}

export interface HintTally {
  cases: number;
  named: number;
  listed: number;
  /** A confident hint on a cell that was not changed: never acceptable. */
  wrong: number;
  nothing: number;
}

const tally = (): HintTally => ({ cases: 0, named: 0, listed: 0, wrong: 0, nothing: 0 });

export interface HintMeasure {
  /** Inputs in rows the text states (or 二 with last year's report given). */
  readonly stated: HintTally;
  /** Inputs in a group of rows the text states together (不予公开N件): narrowed to the group at best. */
  readonly grouped: HintTally;
  readonly unstated: HintTally;
  /** Of all cases, typed-over totals included: confident hints on an unchanged cell. */
  readonly wrongAnywhere: number;
}

/** `n` mutations per kind, from `seed`. */
export function measureHints(n: number, seed: number): HintMeasure {
  const rnd = prng(seed);
  const stated = tally();
  const unstated = tally();
  const grouped = tally();
  let wrongAnywhere = 0;
  for (let k = 0; k < n; k++) {
    const format: FormatId = rnd() < 0.5 ? '2021' : '2019';
    const nums = Array.from({ length: freeCellCount(format) }, () => (rnd() < 0.55 ? 0 : 1 + Math.floor(rnd() * (rnd() < 0.8 ? 12 : 150))));
    const base = consistentReport(format, nums);
    const { report, stated: rows, groups } = withStatements(base, rnd);
    const f = getFormat(format);
    const computed = f.cells.filter((c) => c.derived).map((c) => c.id);
    const withPrevious = rnd() < 0.5;
    // Last year's report: its 结转下年度 is this year's 上年结转.
    const lastYear = { ...base, metadata: { ...base.metadata, year: (base.metadata.year ?? 2024) - 1 } } as Report;
    const carried = f.cells.filter((c) => c.table === 't3' && c.row === 'carryForward' && !c.derived).map((c) => [c.id, t(base, 't3', 'carriedOver', c.col)]);
    const previous = withPrevious ? fillTotals(withCells(lastYear, Object.fromEntries(carried))) : undefined;
    const inputs = f.cells.filter((c) => c.table !== 't2' && !c.derived);
    const typed = rnd() < 0.2;
    // A total typed over (the formula replaced with a wrong number), or an input changed and the totals recalculated.
    const totals = f.cells.filter((c) => c.table !== 't2' && c.derived);
    const pool = typed ? totals : inputs;
    const target = pool[Math.floor(rnd() * pool.length)]!;
    const current = t(report, target.table, target.row, target.col);
    const step = (1 + Math.floor(rnd() * 3)) * (rnd() < 0.5 || current < 3 ? 1 : -1);
    const changed = withCells(report, { [target.id]: current + step });
    const mutated = typed ? changed : fillTotals(changed);
    const result = validate(mutated, { computed: typed ? computed.filter((id) => id !== target.id) : computed, reading: typed ? [] : [], ...(previous ? { previous } : {}) });
    // A typed-over total is counted only for wrong hints (its own goal is kept elsewhere).
    const confident = result.hints.filter((h) => h.confident).map((h) => h.cell);
    const wrong = confident.some((c) => c !== target.id);
    if (wrong) {
      wrongAnywhere++;
      // XXGK_HINT_DEBUG=1 prints the case, to make it again.
      if (process.env.XXGK_HINT_DEBUG) console.log(JSON.stringify({ typed, target: target.id, step, hints: result.hints.map((h) => [h.cell, h.confident, h.message]), narrative: mutated.narrative, previous: !!previous }));
    }
    if (typed) continue;
    const rowKey = `${target.table}.${target.row.split('.')[0]}`;
    const isStated = rows.has(rowKey) || (withPrevious && rowKey === 't3.carriedOver');
    const bucket = isStated ? stated : groups.has(rowKey) ? grouped : unstated;
    // A change that breaks no sum (表四 input with its total following) has nothing to hint at.
    if (!result.issues.some((i) => /^T[34]-/.test(i.ruleId))) continue;
    bucket.cases++;
    if (wrong) bucket.wrong++;
    else if (confident.includes(target.id)) bucket.named++;
    else if (result.hints.some((h) => h.candidates.length <= 3 && h.candidates.some((c) => c.cell === target.id))) bucket.listed++;
    else bucket.nothing++;
  }
  return { stated, grouped, unstated, wrongAnywhere };
}

export const describeTally = (t: HintTally): string =>
  `${t.cases} cases: named ${t.named}, among ≤ 3 ${t.listed} (${t.cases ? ((100 * (t.named + t.listed)) / t.cases).toFixed(1) : '–'} %), wrong ${t.wrong}, nothing ${t.nothing}`;
