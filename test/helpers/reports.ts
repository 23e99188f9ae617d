/** Report builders for tests and benchmarks: consistent reports, and copies with cells changed. */
import { readFileSync } from 'fs';
import { join } from 'path';
import { fillTotals, getFormat, parseReport, type CellValue, type FormatId, type Report } from '../../src/model';

/** A report of the format with every cell 0: consistent, and passes every rule. */
export function zeroReport(format: FormatId, year = format === '2019' ? 2020 : 2024): Report {
  return consistentReport(format, [], year);
}

/**
 * A report that satisfies every arithmetic rule, its free cells taken from `nums` in order (0 when
 * they run out). 表三: result leaves and 四 are free, 二 takes part of the workload, 一 is what balances.
 */
export function consistentReport(format: FormatId, nums: readonly number[], year = format === '2019' ? 2020 : 2024): Report {
  const f = getFormat(format);
  let k = 0;
  const next = (max = Infinity) => Math.min(nums[k++] ?? 0, max);
  const tables: Record<string, Record<string, Record<string, CellValue>>> = { t2: {}, t3: {}, t4: {} };
  const put = (table: string, row: string, col: string, v: CellValue) => ((tables[table]![row] ??= {})[col] = v);

  for (const c of f.cells.filter((c) => c.table === 't2')) {
    // Keep table 二's warnings quiet: published ≤ total, prev + change ≥ 0, inForce ≥ issued − repealed.
    if (c.col === 'published') put('t2', c.row, c.col, next(tables.t2![c.row]?.made as number));
    else if (c.col === 'totalPublished') put('t2', c.row, c.col, (tables.t2![c.row]!.published as number) + next());
    else if (c.col === 'change') put('t2', c.row, c.col, next());
    else if (c.col === 'inForce') put('t2', c.row, c.col, (tables.t2![c.row]!.issued as number) + next());
    else put('t2', c.row, c.col, c.kind === 'amount' ? next() / 4 : next());
  }
  const t3 = f.tables.find((t) => t.id === 't3')!;
  const resultRows = new Set(t3.cells.map((i) => f.cells[i]!).filter((c) => !['new', 'carriedOver', 'carryForward'].includes(c.row)).map((c) => c.row));
  for (const col of new Set(t3.cells.map((i) => f.cells[i]!).filter((c) => !c.derived || c.derived.rule === 'T3-RESULT-TOTAL').map((c) => c.col))) {
    if (f.byId.get(`t3.new.${col}`)!.derived) continue;
    let results = 0;
    for (const row of resultRows) {
      const cell = f.byId.get(`t3.${row}.${col}`)!;
      if (cell.derived) continue;
      const v = next();
      results += v;
      put('t3', row, col, v);
    }
    const carryForward = next();
    const carriedOver = next(results + carryForward);
    put('t3', 'carryForward', col, carryForward);
    put('t3', 'carriedOver', col, carriedOver);
    put('t3', 'new', col, results + carryForward - carriedOver);
  }
  for (const c of f.cells.filter((c) => c.table === 't4' && !c.derived)) put('t4', c.row, c.col, next());

  const report = {
    format,
    metadata: { agencyName: '测试市人民政府', agencyKind: 'city', year },
    tables,
  } as unknown as Report;
  return fillTotals(report);
}

/** The report with the text the formats require (一、五、六), stating no figure the tables would have to match. */
export function withText(report: Report): Report {
  return { ...report, narrative: { overview: '本年度按照条例要求做好政府信息公开工作。', problems: '一是公开不够全面；二是解读形式单一。', other: '本年度未收取信息处理费。', ...report.narrative } } as Report;
}

/** A copy of the report with some cells changed, by cell id. */
export function withCells(report: Report, changes: Record<string, CellValue | undefined>): Report {
  const f = getFormat(report.format);
  const copy = JSON.parse(JSON.stringify(report)) as Report;
  const tables = copy.tables as unknown as Record<string, Record<string, Record<string, CellValue | undefined>>>;
  for (const [id, v] of Object.entries(changes)) {
    const c = f.byId.get(id);
    if (!c) throw new Error(`no cell ${id} in format ${report.format}`);
    const row = (tables[c.table]![c.row] ??= {});
    if (v === undefined) delete row[c.col];
    else row[c.col] = v;
  }
  return copy;
}

/** Number of free values consistentReport consumes for a format (an upper bound is fine). */
export function freeCellCount(format: FormatId): number {
  return getFormat(format).cells.length;
}

/** A sample report of assets/samples (JSON), parsed. */
export function sampleReport(name: string): Report {
  const p = parseReport(JSON.parse(readFileSync(join(__dirname, '../../assets/samples', `${name}.json`), 'utf8')));
  if (!p.ok) throw new Error(`sample ${name} does not parse`);
  return p.value;
}
