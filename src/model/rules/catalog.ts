import type { FormatId } from '../formats';
import type { RuleId, Severity } from './ids';
import type { IssueArea } from './types';

export type RuleFamily = 'cell' | 'arithmetic' | 'table2' | 'meta' | 'crossYear' | 'narrative' | 'form';

export interface RuleInfo {
  readonly id: RuleId;
  readonly severity: Severity;
  readonly family: RuleFamily;
  /** One line in Chinese: what the rule checks (shown in the task pane's rule list and the CLI help). */
  readonly title: string;
  /** Formats the rule applies to; all when absent. */
  readonly formats?: readonly FormatId[];
}

type Entry = Omit<RuleInfo, 'id'>;

/** The rules, as data. Bumped whenever a rule is added or changes meaning. */
export const RULES_VERSION = '2026.12.3';

export const RULES: { readonly [K in RuleId]: RuleInfo & { id: K } } = withIds({
  'CELL-BLANK': { severity: 'error', family: 'cell', title: '必填单元格未填写（没有数据请填 0）' },
  'CELL-TEXT': { severity: 'error', family: 'cell', title: '数字单元格中填了文字（如“无”“-”“/”或带单位的数字）' },
  'CELL-NUMBER-AS-TEXT': { severity: 'warning', family: 'cell', title: '数字以文本形式填写，表格中的合计公式不会计入' },
  'CELL-NEGATIVE': { severity: 'error', family: 'cell', title: '数量或金额为负数（“本年增/减”除外）' },
  'CELL-NOT-INTEGER': { severity: 'error', family: 'cell', title: '件数、项目数应为整数' },
  'CELL-FORMULA-ERROR': { severity: 'error', family: 'cell', title: '单元格为公式错误值（#REF!、#VALUE! 等）' },
  'CELL-IMPLAUSIBLE': { severity: 'warning', family: 'cell', title: '数值大得不合常理，请核对单位和位数' },
  'T3-ROW-TOTAL': { severity: 'error', family: 'arithmetic', title: '表三每一行：总计 = 自然人 + 五类法人或其他组织' },
  'T3-RESULT-TOTAL': { severity: 'error', family: 'arithmetic', title: '表三每一列：三（七）总计 = （一）至（六）各项之和' },
  'T3-BALANCE': { severity: 'error', family: 'arithmetic', title: '表三勾稽关系：第一项加第二项之和，等于第三项加第四项之和' },
  'T4-GROUP-TOTAL': { severity: 'error', family: 'arithmetic', title: '表四每组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结' },
  'T2-2019-PUBLISHED': { severity: 'warning', family: 'table2', title: '表二：本年新公开数量不应大于对外公开总数量', formats: ['2019'] },
  'T2-2019-PROJECTS': { severity: 'warning', family: 'table2', title: '表二：上一年项目数量加本年增/减不应为负', formats: ['2019'] },
  'T2-2021-IN-FORCE': { severity: 'warning', family: 'table2', title: '表二：现行有效件数通常不小于本年制发件数减本年废止件数', formats: ['2021'] },
  'T2-RULES-AUTHORITY': { severity: 'warning', family: 'table2', title: '只有省级、设区的市级人民政府和国务院部门制定规章' },
  'META-REQUIRED': { severity: 'error', family: 'meta', title: '基本信息必填项（机关名称、机关类型、年度）' },
  'META-YEAR-FORMAT': { severity: 'warning', family: 'meta', title: '报告年度与所用格式一致（2019、2020 年用 2019 版，2021 年起用 2021 版）' },
  'META-CREDIT-CODE': { severity: 'error', family: 'meta', title: '统一社会信用代码为 18 位且校验位正确' },
  'META-PHONE': { severity: 'warning', family: 'meta', title: '联系电话格式' },
  'META-DATE': { severity: 'warning', family: 'meta', title: '填报日期应是有效日期，且在报告年度结束之后' },
  'XY-YEAR': { severity: 'warning', family: 'crossYear', title: '上年报告的年度应为本年度减一' },
  'XY-CARRY': { severity: 'warning', family: 'crossYear', title: '本年“二、上年结转”等于上年“四、结转下年度继续办理”' },
  'XY-RULES-IN-FORCE': { severity: 'warning', family: 'crossYear', title: '现行有效件数 = 上年现行有效件数 + 本年制发 − 本年废止', formats: ['2021'] },
  'XY-PROJECTS': { severity: 'warning', family: 'crossYear', title: '上一年项目数量 = 上年报告的上一年项目数量 + 本年增/减', formats: ['2019'] },
  'FORM-LABEL': { severity: 'error', family: 'form', title: '表格的行列标签被改动，无法确定数字所属的项目' },
  'FORM-LABEL-VARIANT': { severity: 'warning', family: 'form', title: '标签与官方格式略有不同（附加说明、旧版名称等），已按官方项目识别' },
  'FORM-ROW-EXTRA': { severity: 'warning', family: 'form', title: '表格中插入了模板没有的行，其中的内容未计入' },
  'FORM-FORMULA-REPLACED': { severity: 'info', family: 'form', title: '合计单元格的公式被数值覆盖，分项改动后不会自动更新' },
  'FORM-FORMULA-NO-VALUE': { severity: 'warning', family: 'form', title: '公式没有保存计算结果（文件未在 Excel/WPS 中重新计算保存）' },
  'FORM-NOT-RECALCULATED': { severity: 'info', family: 'form', title: '文件保存时未重新计算（如由程序填写），合计已按模板公式计算' },
  'FORM-VALUE': { severity: 'warning', family: 'form', title: '基本信息中的内容无法识别' },
  'FORM-ZERO-VARIANT': { severity: 'warning', family: 'form', title: '已发布报告中以“-”“/”“无”表示 0，已按 0 读取（空白仍为空白）' },
  'FORM-UNIT': { severity: 'warning', family: 'form', title: '数字带有单位（如“251000元”），已换算为表格的单位' },
  'FORM-MISSING': { severity: 'error', family: 'form', title: '已发布报告中找不到的单元格（未填入任何数字）' },
  'FORM-DIGITS-SPLIT': { severity: 'warning', family: 'form', title: '已发布报告中一行的数字连写在一起，已按表格的合计关系唯一拆分' },
  'FORM-FOREIGN': { severity: 'info', family: 'form', title: '不是本系统模板的工作簿：按表格的行列标签找到各表并读取' },
  'FORM-TABLE-TWICE': { severity: 'error', family: 'form', title: '同一张表在工作簿的两个工作表中都有：不能确定哪一份是本年度的报告' },
  'FORM-INFERRED': { severity: 'info', family: 'form', title: '已发布报告没有直接写明的年度、格式或机关类型，按原文推断（请核对）' },
  'FORM-NO-NARRATIVE': { severity: 'info', family: 'form', title: '已发布报告中找不到正文各部分的标题，正文未导入，正文的核对未进行' },
  'NARRATIVE-EMPTY': { severity: 'error', family: 'narrative', title: '正文必须有“一、总体情况”“五、存在的主要问题及改进情况”“六、其他需要报告的事项”的文字' },
  'NARRATIVE-SECTIONS': { severity: 'warning', family: 'narrative', title: '六个部分齐全，“五、存在的主要问题及改进情况”不为空' },
  'NARRATIVE-FIGURES': { severity: 'warning', family: 'narrative', title: '正文所述件数与表格一致' },
  'NARRATIVE-UNCHECKED': { severity: 'info', family: 'narrative', title: '正文所述件数对应的单元格为空（如导入时未读出），未作核对' },
  'NARRATIVE-PARTS': { severity: 'warning', family: 'narrative', title: '总体情况中分项之和与总数相符' },
  'NARRATIVE-PARTS-UNACCOUNTED': { severity: 'info', family: 'narrative', title: '“其中”所列分项少于总数（提示）' },
  'NARRATIVE-FEE': { severity: 'warning', family: 'narrative', title: '信息处理费的说明与表三（六）2 一致', formats: ['2021'] },
  'NARRATIVE-FEE-STATEMENT': { severity: 'warning', family: 'narrative', title: '“六、其他需要报告的事项”应说明信息处理费收取情况', formats: ['2021'] },
});

function withIds<T extends { [K in RuleId]: Entry }>(table: T): { [K in RuleId]: RuleInfo & { id: K } } {
  const out = {} as { [K in RuleId]: RuleInfo & { id: K } };
  for (const id of Object.keys(table) as RuleId[]) (out as Record<RuleId, RuleInfo>)[id] = { id, ...table[id] };
  return out;
}

export function ruleApplies(id: RuleId, format: FormatId): boolean {
  const f = RULES[id].formats;
  return !f || f.includes(format);
}

/** What users read for a severity, in every surface (task pane, page, command line). */
export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = { error: '错误', warning: '警告', info: '提示' };

/** What users read for an issue's area, in printed order: the cover sheet, the three tables, the narrative. */
export const AREA_LABELS: Readonly<Record<IssueArea, string>> = { meta: '基本信息', t2: '表二', t3: '表三', t4: '表四', narrative: '正文' };
