import { AGENCY_KINDS, type ValidationResult } from '../model';
import type { Report } from '../model';

const SEVERITY_LABEL = { error: '错误', warning: '警告', info: '提示' } as const;
const AREA_LABEL = { meta: '基本信息', t2: '表二', t3: '表三', t4: '表四', narrative: '正文' } as const;

/** The human-readable Chinese report of one file's validation. */
export function describeResult(file: string, report: Report, result: ValidationResult): string {
  const m = report.metadata;
  const kind = AGENCY_KINDS.find((k) => k.id === m.agencyKind)?.label ?? '未填机关类型';
  const lines = [
    `${file}`,
    `  ${m.agencyName || '（未填机关名称）'} · ${kind} · ${m.year} 年度 · ${result.format} 版格式`,
    `  结果：${result.valid ? '通过' : '未通过'}（${result.counts.error} 个错误，${result.counts.warning} 个警告${result.counts.info ? `，${result.counts.info} 个提示` : ''}${result.counts.explained ? `，${result.counts.explained} 个已说明` : ''}）`,
  ];
  let area = '';
  for (const i of result.issues) {
    if (i.area !== area) {
      area = i.area;
      lines.push(`  【${AREA_LABEL[i.area]}】`);
    }
    const cell = i.cells[0] ? `  [${i.cells[0]}]` : '';
    lines.push(`    ${SEVERITY_LABEL[i.severity]} ${i.ruleId}${cell}  ${i.message}${i.explanation ? `（说明：${i.explanation}）` : ''}`);
  }
  for (const h of result.hints) lines.push(`  提示：${h.message}`);
  return lines.join('\n');
}
