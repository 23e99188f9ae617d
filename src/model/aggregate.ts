/**
 * 汇总: many units' reports of one year and format, validated one by one and summed cell by cell,
 * with a unit × rule matrix for the supervising office. Duplicates are reported, not summed twice.
 */
import { getFormat } from './formats';
import type { AgencyKind } from './metadata';
import { RULE_IDS, type RuleId } from './rules/ids';
import type { Issue } from './rules/types';
import type { CellValue, Report } from './schema/report';
import { validate, type ValidationResult } from './validate';
import { viewOf } from './view';

export interface AggregateUnit {
  /** Where the report came from (file name), for messages and the matrix. */
  readonly source: string;
  readonly report: Report;
  /** Issues from reading its workbook or text (FORM-*). */
  readonly reading?: readonly Issue[];
}

export interface AggregateOptions {
  /** Sum reports that have errors too (default: leave them out). */
  readonly includeErrors?: boolean;
  readonly agencyName?: string;
  readonly agencyKind?: AgencyKind;
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
  readonly excluded?: 'errors' | 'duplicate';
  /** For a duplicate: the unit it repeats. */
  readonly duplicateOf?: string;
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
  const seen = new Map<string, string>();
  const rows: UnitRow[] = [];
  const included: Report[] = [];
  for (const u of units) {
    const result = validate(u.report, { reading: u.reading ?? [] });
    const rules: Partial<Record<RuleId, number>> = {};
    for (const i of result.issues) rules[i.ruleId] = (rules[i.ruleId] ?? 0) + 1;
    const m = u.report.metadata;
    const keys = [m.creditCode?.trim() ? `code:${m.creditCode.trim().toUpperCase()}` : '', m.agencyName.trim() ? `name:${nameKey(m.agencyName)}` : ''].filter(Boolean);
    const duplicateOf = keys.map((k) => seen.get(k)).find(Boolean);
    const excluded = duplicateOf ? 'duplicate' : !result.valid && !options.includeErrors ? 'errors' : undefined;
    rows.push({
      source: u.source,
      agencyName: m.agencyName,
      ...(m.creditCode ? { creditCode: m.creditCode } : {}),
      errors: result.counts.error,
      warnings: result.counts.warning,
      rules,
      included: !excluded,
      ...(excluded ? { excluded } : {}),
      ...(duplicateOf ? { duplicateOf } : {}),
    });
    if (!duplicateOf) for (const k of keys) seen.set(k, u.source);
    if (!excluded) included.push(u.report);
  }

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
  const report = {
    format: format.id,
    metadata: {
      agencyName: options.agencyName ?? `汇总（${included.length} 个单位）`,
      ...(agencyKind ? { agencyKind } : {}),
      ...(first.year !== undefined ? { year: first.year } : {}),
    },
    tables,
  } as unknown as Report;
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
