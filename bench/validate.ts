/** Validation throughput: 10,000 generated reports, alone and with last year's report given. */
import { describeTally, measureHints } from '../test/helpers/hint-measure';
import { validate, type FormatId, type Report } from '../src/model';
import { viewOf } from '../src/model/view';
import { consistentReport, freeCellCount, withCells } from '../test/helpers/reports';
import { prng } from '../test/helpers/random';

export { prng };

export function generateReports(n: number, seed = 1, format: FormatId = '2021'): Report[] {
  const rand = prng(seed);
  const out: Report[] = [];
  for (let i = 0; i < n; i++) {
    const nums = Array.from({ length: freeCellCount(format) }, () => (rand() < 0.6 ? 0 : Math.floor(rand() * 50)));
    out.push(consistentReport(format, nums));
  }
  return out;
}

/** Median of several rounds over the same reports, after a warm-up round (JIT, caches). */
function time<T>(label: string, reports: readonly T[], run: (r: T) => unknown, rounds = 7): number {
  for (const r of reports) run(r);
  const times: number[] = [];
  for (let k = 0; k < rounds; k++) {
    const t0 = process.hrtime.bigint();
    for (const r of reports) run(r);
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  const seconds = times.sort((a, b) => a - b)[rounds >> 1]!;
  const perSecond = reports.length / seconds;
  console.log(
    `${label.padEnd(44)} ${reports.length} reports: median ${(seconds * 1000).toFixed(0)} ms (${((seconds / reports.length) * 1e6).toFixed(1)} µs each)  →  ${Math.round(perSecond).toLocaleString('en')} reports/s`,
  );
  return perSecond;
}

/** Last year's report consistent with this one for every XY rule (2021 format both years). */
function previousFor(r: Report): Report {
  const t2 = r.tables.t2 as Record<string, Record<string, number>>;
  const t3 = r.tables.t3 as Record<string, Record<string, number>>;
  const changes: Record<string, number> = {};
  for (const [col, v] of Object.entries(t3.carriedOver!)) changes[`t3.carryForward.${col}`] = v;
  for (const row of ['rules', 'normative']) changes[`t2.${row}.inForce`] = t2[row]!.inForce! - t2[row]!.issued! + t2[row]!.repealed!;
  const prev = withCells(r, changes);
  return { ...prev, metadata: { ...prev.metadata, year: r.metadata.year! - 1 } } as Report;
}

export function benchValidate(): void {
  const N = 10_000;
  const reports = generateReports(N);
  const previous = reports.map(previousFor);
  const broken = reports.map((r, i) => (i % 10 === 0 ? withCells(r, { 't3.new.natural': 999, 't4.review.total': '无' }) : r));
  const cells = Object.values(reports[0]!.tables).reduce((s, t) => s + Object.values(t).reduce((a, row) => a + Object.keys(row ?? {}).length, 0), 0);
  console.log(`validate — ${cells} cells per report (format 2021), one core`);
  const clean = time('consistent reports', reports, (r) => validate(r));
  const withPrev = time(
    'consistent reports, last year’s given',
    reports.map((r, i) => ({ r, previous: previous[i]! })),
    ({ r, previous: p }) => validate(r, { previous: p }),
  );
  const readOnly = time('floor: reading the cells only (viewOf)', reports, (r) => viewOf(r));
  const mixed = time('10% with errors (hints, messages rendered)', broken, (r) => validate(r));
  const aim = 200_000;
  console.log(`ratio to the aim of ${aim.toLocaleString('en')}/s: ${(clean / aim).toFixed(2)} · with previous ${(withPrev / aim).toFixed(2)} · mixed ${(mixed / aim).toFixed(2)}`);
  console.log(`share of a validation spent reading the cells: ${((clean / readOnly) * 100).toFixed(0)}%`);
}

/** Finding the wrong input (test/helpers/hint-measure.ts): one input changed, totals recalculated, with the text's figures and last year's report. */
export function benchHints(): void {
  const m = measureHints(1000, 7);
  console.log(`\nhints — 1000 single-input mutations, totals recalculated (aim: ≥ 80 % where the text states the row, 0 wrong)`);
  console.log(`  rows the text states (or 二 with last year's report): ${describeTally(m.stated)}`);
  console.log(`  rows stated as a group (不予公开N件…): ${describeTally(m.grouped)}`);
  console.log(`  other rows: ${describeTally(m.unstated)}`);
  console.log(`  confident hints on an unchanged cell, typed-over totals included: ${m.wrongAnywhere}`);
}
