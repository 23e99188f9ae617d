import { fmt } from '../values';
import type { RuleId } from './ids';
import type { EquationParams, RuleParams } from './types';

/** The Chinese message of each rule, rendered from its params. A missing rule fails to compile. */
export type MessageCatalogue = { readonly [K in RuleId]: (p: RuleParams[K]) => string };

const equation = (p: EquationParams): string =>
  `${p.table} ${p.along}：${p.lhsTerms}=${fmt(p.lhs)}，${p.rhsTerms}=${fmt(p.rhs)}，相差${fmt(Math.abs(p.diff))}`;

const quote = (s: string): string => `“${s.length > 40 ? `${s.slice(0, 40)}…` : s}”`;

export const zhCN: MessageCatalogue = {
  'CELL-BLANK': (p) => `${p.where}：未填写，没有数据请填 0`,
  'CELL-TEXT': (p) => `${p.where}：填的是文字${quote(p.text ?? '')}，应填数字（没有数据请填 0）`,
  'CELL-NUMBER-AS-TEXT': (p) =>
    `${p.where}：${quote(p.text ?? '')}是以文本形式填写的数字，已按 ${fmt(p.value ?? 0)} 校验；表格中的合计公式不会计入它，请改为数字`,
  'CELL-NEGATIVE': (p) => `${p.where}：${fmt(p.value ?? 0)} 是负数，数量和金额不能小于 0`,
  'CELL-NOT-INTEGER': (p) => `${p.where}：${fmt(p.value ?? 0)} 不是整数，件数、项目数应为整数`,
  'CELL-FORMULA-ERROR': (p) => `${p.where}：公式出错（${p.text ?? ''}），请检查公式或直接填写数字`,
  'CELL-IMPLAUSIBLE': (p) => `${p.where}：${fmt(p.value ?? 0)} 大得不合常理，请核对单位和位数`,
  'T3-ROW-TOTAL': equation,
  'T3-RESULT-TOTAL': equation,
  'T3-BALANCE': equation,
  'T4-GROUP-TOTAL': equation,
  'T2-2019-PUBLISHED': (p) =>
    `${p.table} ${p.row}：本年新公开数量（${fmt(p.published)}）大于对外公开总数量（${fmt(p.total)}）`,
  'T2-2019-PROJECTS': (p) =>
    `${p.table} ${p.row}：上一年项目数量 ${fmt(p.prev)} 加本年增/减 ${fmt(p.change)} 得 ${fmt(p.result)}，本年项目数不能为负`,
  'T2-2021-IN-FORCE': (p) =>
    `${p.table} ${p.row}：现行有效件数 ${fmt(p.inForce)} 小于本年制发件数减本年废止件数（${fmt(p.issued)}−${fmt(p.repealed)}=${fmt(p.issued - p.repealed)}），请核对`,
  'T2-RULES-AUTHORITY': (p) =>
    `机关类型为“${p.kind}”，不制定规章，但表二“规章”一行填了数（${p.cells}）；请核对机关类型，或将本机关的文件计入规范性文件`,
  'META-REQUIRED': (p) => `基本信息：未填写“${p.field}”`,
  'META-YEAR-FORMAT': (p) =>
    `报告年度 ${p.year} 应使用 ${p.expected} 版格式，当前为 ${p.format} 版格式`,
  'META-CREDIT-CODE': (p) =>
    p.problem === 'length'
      ? `统一社会信用代码“${p.code}”应为 18 位，现为 ${p.code.length} 位`
      : p.problem === 'charset'
        ? `统一社会信用代码“${p.code}”含有不允许的字符（只能是数字和除 I、O、Z、S、V 外的大写字母）`
        : `统一社会信用代码“${p.code}”校验位不符（按前 17 位应为 ${p.expected ?? ''}），请核对是否抄错`,
  'META-PHONE': (p) => `联系电话“${p.phone}”不像有效的电话号码（固定电话如 0551-12345678，手机 11 位）`,
  'META-DATE': (p) =>
    p.problem === 'invalid'
      ? `填报日期“${p.date}”不是有效日期`
      : p.problem === 'early'
        ? `填报日期 ${p.date} 早于 ${p.year} 年度结束，年度报告应在次年填报`
        : `填报日期 ${p.date} 晚于 ${p.year + 1} 年底，请核对年度和日期`,
  'XY-YEAR': (p) => `上年报告的年度为 ${p.previousYear}，本报告年度为 ${p.year}，应使用 ${p.year - 1} 年度的报告`,
  'XY-CARRY': (p) =>
    `表三 ${p.col}列：本年“${p.to}”为 ${fmt(p.current)}，上年报告“${p.from}”为 ${fmt(p.previous)}，两者应相等`,
  'XY-RULES-IN-FORCE': (p) =>
    `${p.table} ${p.row}：现行有效件数应为上年 ${fmt(p.previousInForce)} + 本年制发 ${fmt(p.issued)} − 本年废止 ${fmt(p.repealed)} = ${fmt(p.expected)}，实际填 ${fmt(p.actual)}`,
  'XY-PROJECTS': (p) =>
    `${p.table} ${p.row}：上一年项目数量应为上年报告的 ${fmt(p.previousPrev)} + 本年增/减 ${fmt(p.previousChange)} = ${fmt(p.expected)}，实际填 ${fmt(p.actual)}`,
  'FORM-LABEL': (p) => `此处应为“${p.expected}”，现为${quote(p.found)}；请勿改动表格标签，或用模板重新填写`,
  'FORM-LABEL-VARIANT': (p) => `${quote(p.found)}已按“${p.expected}”识别`,
  'FORM-ROW-EXTRA': (p) => `${p.table}中多出一行${quote(p.found)}，模板中没有此行，其中的数字未计入`,
  'FORM-FORMULA-REPLACED': (p) => `${p.where}：合计公式已被数值覆盖，修改分项后不会自动更新；请恢复该格的合计公式`,
  'FORM-FORMULA-NO-VALUE': (p) =>
    `${p.where}：公式没有保存计算结果，无法读取；请在 Excel 或 WPS 中打开并保存后再校验`,
  'FORM-NOT-RECALCULATED': (p) => `文件保存时未重新计算，合计已按公式计算：${p.count} 个合计单元格保存的数值与公式不符（文件可能由程序填写），已按模板公式重新计算，与 Excel、WPS 打开后显示的一致`,
  'FORM-VALUE': (p) => `${p.field}${quote(p.text)}无法识别`,
  'FORM-ZERO-VARIANT': (p) => `${p.where}：原文为${quote(p.found || '空白')}，按 0 读取`,
  'FORM-UNIT': (p) => `${p.where}：原文为${quote(p.found)}，已换算为 ${fmt(p.value)}${p.unit}`,
  'FORM-DIGITS-SPLIT': (p) => `${p.row}：原文数字连写为“${p.run}”，按表格的合计关系只有一种拆分：${p.values}；请对照原报告核对`,
  'FORM-FOREIGN': (p) => `这不是本系统的模板，已按表格标签读取：找到${p.found}`,
  'FORM-TABLE-TWICE': (p) => `${p.table}出现了不止一份：${p.places}；已读取${p.read}，无法确定哪一份是本年度的`,
  'FORM-INFERRED': (p) => (p.value ? `${p.field}按${p.basis}推断为“${p.value}”，请核对` : `${p.field}无法从原文确定：${p.basis}`),
  'FORM-NO-NARRATIVE': (p) => `原文中找不到正文的标题（${p.sections}），这些部分的文字未导入，与之相关的核对未进行`,
  'FORM-MISSING': (p) => `${p.table} ${p.row}：${p.reason ? `${p.reason}，${p.count} 个数字未填入` : `原文中找不到 ${p.count} 个数字，未填入`}；请对照原报告补全`,
  'NARRATIVE-EMPTY': (p) =>
    p.all
      ? `报告没有正文：${p.sections}都是空的；年度报告必须写明这些部分（在“文字部分”填写，没有需要报告的事项写“无”）`
      : `正文“${p.sections}”没有填写；年度报告必须有这部分的文字（没有需要报告的事项写“无”）`,
  'NARRATIVE-SECTIONS': (p) =>
    p.problem === 'missing' ? `正文缺少“${p.section}”部分` : `“${p.section}”部分没有内容`,
  'NARRATIVE-FIGURES': (p) => `正文所写${p.subject}（“${p.phrase}”）与表格不符：${p.tableText}`,
  'NARRATIVE-UNCHECKED': (p) => `正文所述 ${p.count} 处数字（${p.phrases}${p.count > 3 ? '等' : ''}）对应的表格单元格为空，未与表格核对`,
  'NARRATIVE-PARTS': (p) =>
    p.exhaustive
      ? `总体情况：${p.split}之和为 ${fmt(p.parts)}，与所述总数 ${fmt(p.total)} 不符`
      : `总体情况：“其中”所列分项之和 ${fmt(p.parts)} 超过所述总数 ${fmt(p.total)}`,
  'NARRATIVE-PARTS-UNACCOUNTED': (p) =>
    `总体情况：所述总数 ${fmt(p.total)} 中，“其中”列出的分项合计 ${fmt(p.parts)}，另有 ${fmt(p.rest)} 未列明（仅提示）`,
  'NARRATIVE-FEE': (p) =>
    p.problem === 'unmentioned'
      ? `表三（六）2 有 ${fmt(p.unpaid)} 件申请因逾期未缴费不再处理，但“六、其他需要报告的事项”未提及信息处理费`
      : `“六、其他需要报告的事项”写了收取信息处理费（“${p.phrase ?? ''}”），但表三中本年没有任何申请`,
  'NARRATIVE-FEE-STATEMENT': () =>
    '“六、其他需要报告的事项”应说明本年度收取信息处理费的情况（未收取的写明未收取）',
};

/** What a cell rule found, said of many cells at once: 表三 科研机构列 21 格未填. */
const CELL_FINDINGS: Partial<Record<RuleId, string>> = {
  'CELL-BLANK': '未填',
  'CELL-TEXT': '填了文字',
  'CELL-NUMBER-AS-TEXT': '数字存成了文本',
  'CELL-NEGATIVE': '为负数',
  'CELL-NOT-INTEGER': '不是整数',
  'CELL-FORMULA-ERROR': '为公式错误值',
  'CELL-IMPLAUSIBLE': '数值大得不合常理',
};

/** A group of one cell rule's issues in one column; undefined for rules that are not grouped. */
export const cellGroupMessage = (ruleId: RuleId, table: string, column: string, n: number): string | undefined =>
  CELL_FINDINGS[ruleId] ? `${table} ${column}列 ${n} 格${CELL_FINDINGS[ruleId]}` : undefined;

const removes = (n: number) => (n === 1 ? '可消除这个合计错误' : `可同时消除 ${n} 个合计错误`);

/** Root-cause hint: exactly one cell explains the failing sums. */
export const rootCauseMessage = (where: string, current: string, suggested: string, n: number): string =>
  `${where} 很可能填错：现为 ${current}，若改为 ${suggested}，${removes(n)}`;

/** Two or three cells could each explain the failing sums: listed, worded as 可能. */
export const candidatesMessage = (cells: readonly { where: string; current: string; suggested: string }[], n: number): string =>
  cells.length === 1
    ? `${cells[0]!.where} 可能填错（它的合计公式被数值覆盖了）：现为 ${cells[0]!.current}，若改为 ${cells[0]!.suggested}，${removes(n)}；也可能是同一合计中的其他格填错`
    : `可能是以下之一填错（改正其中一格即${removes(n)}）：${cells.map((c) => `${c.where}（现为 ${c.current}，改为 ${c.suggested}）`).join('；')}`;

/** What else in the report points at the hint's cell: the figures it would make agree. */
export const evidenceMessage = (phrases: readonly string[]): string =>
  phrases.length ? `；改正后也与${phrases.map((p) => `“${p}”`).join('、')}相符` : '';

/** Too many cells for a hint, but a stated figure narrows them to a group of rows: the cells to check. */
export const narrowedMessage = (wheres: readonly string[], phrases: readonly string[]): string =>
  `${phrases.map((p) => `“${p}”`).join('、')}与表中不符，合计不成立之处很可能在以下 ${wheres.length} 格之中（只差其中一格），请逐格核对：${wheres.join('；')}`;

/** A broken sum no single cell explains: every input of it is marked; what to look for. */
export const lookMessage = (p: EquationParams): string =>
  `。${p.along} ${p.lhsTerms} 比 ${p.rhsTerms} ${p.diff > 0 ? '多' : '少'} ${fmt(Math.abs(p.diff))}：本${p.along.endsWith('列') ? '列' : '行'}某一格少填了 ${fmt(Math.abs(p.diff))}（或多填了 ${fmt(Math.abs(p.diff))}），单凭合计无法确定是哪一格，请逐项核对`;

/** A total typed over with a number, in a sum that fails: the first place to look. */
export const replacedMessage = (where: string, current: string, n: number): string =>
  `${where} 的合计公式已被数值 ${current} 覆盖，它所在的 ${n} 个合计不成立：可能是这个数填错了，请先恢复合计公式再校验`;
