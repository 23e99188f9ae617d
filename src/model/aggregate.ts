/**
 * 汇总: many units' reports of one year and format, validated one by one and summed cell by cell,
 * with a unit × rule matrix for the supervising office.
 *
 * One report per unit (统一社会信用代码, else 机关名称). Where a unit sent several files, the newest
 * that validates is summed and the others are listed as replaced (or as duplicates where identical);
 * two files that both validate but differ are refused, naming both, unless `prefer: 'newest'`.
 * A file that is itself a 汇总 is never summed unless `includeAggregates`.
 */
import { getFormat } from './formats';
import type { AgencyKind } from './metadata';
import { RULE_IDS, type RuleId } from './rules/ids';
import type { Issue } from './rules/types';
import type { CellValue, Report } from './schema/report';
import { validate, type ValidationResult } from './validate';
import { viewOf } from './view';
import { assembleReport } from './assemble';

export interface AggregateUnit {
  /** Where the report came from (file name), for messages and the matrix. */
  readonly source: string;
  readonly report: Report;
  /** Issues from reading its workbook or text (FORM-*). */
  readonly reading?: readonly Issue[];
  /** Total cells its workbook computes by formula (see validate's `computed`). */
  readonly computed?: readonly string[];
  /** When the file was last changed (ms since 1970): among one unit's files the newest wins. */
  readonly modified?: number;
  /** The file is itself a 汇总 (marked in its hidden sheet or JSON). */
  readonly aggregate?: boolean;
}

export interface AggregateOptions {
  /** Sum reports that have errors too (default: leave them out). */
  readonly includeErrors?: boolean;
  readonly agencyName?: string;
  readonly agencyKind?: AgencyKind;
  /** Where one unit has several valid files that differ: use the newest instead of refusing. */
  readonly prefer?: 'newest';
  /** Sum files that are themselves a 汇总 (default: leave them out). */
  readonly includeAggregates?: boolean;
}

export interface UnitRow {
  readonly source: string;
  readonly agencyName: string;
  readonly creditCode?: string;
  readonly errors: number;
  readonly warnings: number;
  /** Issues per rule id, only the rules that occur. */
  readonly rules: Readonly<Partial<Record<RuleId, number>>>;
  readonly included: boolean;
  /** Why a unit is left out of the sum. */
  readonly excluded?: 'errors' | 'duplicate' | 'replaced' | 'aggregate';
  /** For a duplicate (same content) or a replaced file (another file of the unit is summed): that file. */
  readonly duplicateOf?: string;
}

/** Why a file was left out, as the surfaces print it. */
export function exclusionReason(u: UnitRow): string {
  switch (u.excluded) {
    case 'duplicate':
      return `与 ${u.duplicateOf ?? ''} 内容相同，只计一次`;
    case 'replaced':
      return `同一单位另有 ${u.duplicateOf ?? ''} 计入（每个单位只计一份：通过校验的最新一份）`;
    case 'errors':
      return '有错误';
    case 'aggregate':
      return '这是汇总文件，不作为单位计入';
    default:
      return '';
  }
}

export type Aggregated =
  | { readonly ok: false; readonly problems: readonly string[] }
  | {
      readonly ok: true;
      /** The cell-by-cell sum of the included units. */
      readonly report: Report;
      readonly result: ValidationResult;
      readonly units: readonly UnitRow[];
      /** Rule ids that occur in any unit, in catalogue order: the matrix's columns. */
      readonly rules: readonly RuleId[];
      readonly includeErrors: boolean;
    };

const nameKey = (s: string) => s.normalize('NFKC').replace(/[\s\u3000]/g, '');

export function aggregate(units: readonly AggregateUnit[], options: AggregateOptions = {}): Aggregated {
  if (units.length === 0) return { ok: false, problems: ['没有可汇总的报告'] };
  const groups = new Map<string, string[]>();
  for (const u of units) {
    const key = `${u.report.metadata.year ?? '未填年度'} 年度 · ${u.report.format} 版格式`;
    groups.set(key, [...(groups.get(key) ?? []), u.source]);
  }
  if (groups.size > 1) {
    return {
      ok: false,
      problems: ['这些报告的年度或格式不一致，不能汇总：', ...[...groups].map(([k, files]) => `  ${k}：${files.join('、')}`)],
    };
  }
  const format = getFormat(units[0]!.report.format);
  const checked = units.map((u, index) => {
    const result = validate(u.report, { reading: u.reading ?? [], ...(u.computed ? { computed: u.computed } : {}) });
    const m = u.report.metadata;
    const keys = [m.creditCode?.trim() ? `code:${m.creditCode.trim().toUpperCase()}` : '', m.agencyName.trim() ? `name:${nameKey(m.agencyName)}` : ''].filter(Boolean);
    return { u, index, result, keys, skipped: !!u.aggregate && !options.includeAggregates };
  });

  // Files of one unit: linked through a shared 统一社会信用代码 or 机关名称.
  const groupOf = new Map<string, number>();
  const byUnit: (typeof checked)[] = [];
  for (const c of checked) {
    if (c.skipped) continue;
    const g = c.keys.map((k) => groupOf.get(k)).find((x) => x !== undefined) ?? byUnit.push([]) - 1;
    byUnit[g]!.push(c);
    for (const k of c.keys) if (!groupOf.has(k)) groupOf.set(k, g);
  }

  const same = (a: Report, b: Report) => JSON.stringify(a.tables) === JSON.stringify(b.tables);
  const when = (c: (typeof checked)[number]) => (c.u.modified === undefined ? '修改时间未知' : `修改于 ${new Date(c.u.modified).toISOString().slice(0, 16).replace('T', ' ')}`);
  const problems: string[] = [];
  const fate = new Map<number, { excluded?: UnitRow['excluded']; duplicateOf?: string }>();
  for (const g of byUnit) {
    const newestFirst = [...g].sort((a, b) => (b.u.modified ?? -Infinity) - (a.u.modified ?? -Infinity) || b.index - a.index);
    const usable = newestFirst.filter((c) => c.result.valid || options.includeErrors);
    const chosen = usable[0] ?? newestFirst[0]!;
    const rivals = usable.filter((c) => c !== chosen && c.result.valid && chosen.result.valid && !same(c.u.report, chosen.u.report));
    if (rivals.length && options.prefer !== 'newest') {
      problems.push(
        `单位“${chosen.u.report.metadata.agencyName || chosen.u.report.metadata.creditCode}”有 ${rivals.length + 1} 份都通过校验但内容不同的报告：${[chosen, ...rivals].map((c) => `${c.u.source}（${when(c)}）`).join('、')}。请只保留一份，或加 --prefer newest 使用最新的一份`,
      );
    }
    for (const c of g) {
      if (c === chosen) fate.set(c.index, usable.includes(c) ? {} : { excluded: 'errors' });
      else fate.set(c.index, { excluded: same(c.u.report, chosen.u.report) ? 'duplicate' : 'replaced', duplicateOf: chosen.u.source });
    }
  }
  if (problems.length) return { ok: false, problems };

  const rows: UnitRow[] = [];
  const included: Report[] = [];
  for (const c of checked) {
    const rules: Partial<Record<RuleId, number>> = {};
    for (const i of c.result.issues) rules[i.ruleId] = (rules[i.ruleId] ?? 0) + 1;
    const m = c.u.report.metadata;
    const f = c.skipped ? { excluded: 'aggregate' as const } : fate.get(c.index)!;
    rows.push({
      source: c.u.source,
      agencyName: m.agencyName,
      ...(m.creditCode ? { creditCode: m.creditCode } : {}),
      errors: c.result.counts.error,
      warnings: c.result.counts.warning,
      rules,
      included: !f.excluded,
      ...f,
    });
    if (!f.excluded) included.push(c.u.report);
  }
  if (included.length === 0) return { ok: false, problems: ['没有可汇总的报告：每个文件都有错误、被替换或本身就是汇总文件（可加 --include-errors 计入有错误的报告）'] };

  // Cell by cell: what each cell counts as in the rules (blank and text as 0).
  const sums = new Float64Array(format.cells.length);
  for (const r of included) {
    const v = viewOf(r).values;
    for (let i = 0; i < sums.length; i++) sums[i]! += v[i]!;
  }
  const tables: Record<string, Record<string, Record<string, CellValue>>> = { t2: {}, t3: {}, t4: {} };
  format.cells.forEach((c, i) => ((tables[c.table]![c.row] ??= {})[c.col] = Math.round(sums[i]! * 1e6) / 1e6));
  const kinds = new Set(included.map((r) => r.metadata.agencyKind));
  const agencyKind = options.agencyKind ?? (kinds.size === 1 ? [...kinds][0] : undefined);
  const first = units[0]!.report.metadata;
  const report = assembleReport(
    format.id,
    {
      agencyName: options.agencyName ?? `汇总（${included.length} 个单位）`,
      ...(agencyKind ? { agencyKind } : {}),
      ...(first.year !== undefined ? { year: first.year } : {}),
    },
    tables,
  );
  const used = new Set(rows.flatMap((r) => Object.keys(r.rules)));
  return {
    ok: true,
    report,
    result: validate(report),
    units: rows,
    rules: RULE_IDS.filter((id) => used.has(id)),
    includeErrors: options.includeErrors ?? false,
  };
}
