import { issueAddress, type Places } from '../sheet/places';
import { placeText } from '../sheet/a1';
import { printable } from './stdio';
import { AGENCY_KINDS, AREA_LABELS, SEVERITY_LABELS, type Report, type ValidationResult } from '../model/core';



/** The human-readable Chinese report of one file's validation. */
export function describeResult(file: string, report: Report, result: ValidationResult, places: Places): string {
  const m = report.metadata;
  const kind = AGENCY_KINDS.find((k) => k.id === m.agencyKind)?.label ?? '未填机关类型';
  const c = result.counts;
  const lines = [
    `${file}`,
    `  ${printable(m.agencyName) || '（未填机关名称）'} · ${kind} · ${m.year ?? '？'} 年度 · ${result.format} 版格式`,
    `  结果：${result.valid ? '通过' : '未通过'}（${c.error} 个错误，${c.warning} 个警告${c.info ? `，${c.info} 个提示` : ''}${c.explained ? `，${c.explained} 个已说明` : ''}）`,
  ];
  let area = '';
  for (const i of result.issues) {
    if (i.area !== area) {
      area = i.area;
      lines.push(`  【${AREA_LABELS[i.area]}】`);
    }
    const where = issueAddress(i, places);
    lines.push(`    ${SEVERITY_LABELS[i.severity]} ${i.ruleId}${where ? `  ${where}` : ''}  ${i.message}${i.explanation ? `（说明：${i.explanation}）` : ''}`);
  }
  for (const h of result.hints) lines.push(`  提示：${h.message}${places[h.cell] ? `（${placeText(places[h.cell]!)}）` : ''}`);
  return lines.join('\n');
}

/** Display width in a terminal: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));

export interface SummaryRow {
  readonly file: string;
  readonly agency: string;
  readonly errors: number | '—';
  readonly warnings: number | '—';
  readonly verdict: string;
}

/** The summary table for a batch: file, 机关名称, errors, warnings. */
export function summaryTable(rows: readonly SummaryRow[]): string {
  const head: SummaryRow = { file: '文件', agency: '机关名称', errors: '—', warnings: '—', verdict: '结果' };
  const cells = [head, ...rows].map((r, k) => [r.file, r.agency, k === 0 ? '错误' : String(r.errors), k === 0 ? '警告' : String(r.warnings), r.verdict]);
  const widths = cells[0]!.map((_, col) => Math.max(...cells.map((row) => width(row[col]!))));
  return cells.map((row) => row.map((c, col) => pad(c, widths[col]!)).join('  ').trimEnd()).join('\n');
}
