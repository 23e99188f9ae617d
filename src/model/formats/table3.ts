import type { ColumnDef, MatrixTableDef, RowDef } from './types';

/** Printed in 表三's header and in 表四's total column. */
export const TOTAL_LABEL = '总计';

const ORG = '法人或其他组织';

export const T3_COLUMNS: readonly ColumnDef[] = [
  { id: 'natural', label: '自然人' },
  { id: 'commercial', label: '商业企业', group: ORG },
  { id: 'research', label: '科研机构', group: ORG },
  { id: 'publicWelfare', label: '社会公益组织', group: ORG },
  { id: 'legalService', label: '法律服务机构', group: ORG },
  { id: 'otherOrg', label: '其他', group: ORG },
  {
    id: 'total',
    label: TOTAL_LABEL,
    sumOf: ['natural', 'commercial', 'research', 'publicWelfare', 'legalService', 'otherOrg'],
  },
];

const withheld: RowDef = {
  id: 'withheld',
  label: '（三）不予公开',
  children: [
    { id: 'stateSecret', label: '1.属于国家秘密' },
    { id: 'prohibited', label: '2.其他法律行政法规禁止公开' },
    { id: 'threeSafety', label: '3.危及“三安全一稳定”' },
    { id: 'thirdParty', label: '4.保护第三方合法权益' },
    { id: 'internal', label: '5.属于三类内部事务信息' },
    { id: 'process', label: '6.属于四类过程性信息' },
    { id: 'enforcementFile', label: '7.属于行政执法案卷' },
    { id: 'inquiry', label: '8.属于行政查询事项' },
  ],
};

const unable: RowDef = {
  id: 'unable',
  label: '（四）无法提供',
  children: [
    { id: 'notHeld', label: '1.本机关不掌握相关政府信息' },
    { id: 'needsCreation', label: '2.没有现成信息需要另行制作' },
    { id: 'unclear', label: '3.补正后申请内容仍不明确' },
  ],
};

const notProcessed: RowDef = {
  id: 'notProcessed',
  label: '（五）不予处理',
  children: [
    { id: 'petition', label: '1.信访举报投诉类申请' },
    { id: 'repeated', label: '2.重复申请' },
    { id: 'publication', label: '3.要求提供公开出版物' },
    { id: 'massive', label: '4.无正当理由大量反复申请' },
    { id: 'confirm', label: '5.要求行政机关确认或重新出具已获取信息' },
  ],
};

const OTHER_LABEL = '（六）其他处理';

/** Format 2019: （六）其他处理 is one row. */
export const OTHER_2019: RowDef = { id: 'other', label: OTHER_LABEL };

/** Format 2021: （六）其他处理 has three sub-rows. */
export const OTHER_2021: RowDef = {
  id: 'other',
  label: OTHER_LABEL,
  children: [
    { id: 'overdueCorrection', label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请' },
    { id: 'unpaidFee', label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请' },
    { id: 'misc', label: '3.其他' },
  ],
};

/** Table 三 for a format; only （六）其他处理 differs between formats. */
export function table3(other: RowDef): MatrixTableDef {
  return {
    kind: 'matrix',
    id: 't3',
    note: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
    header: '申请人情况',
    columns: T3_COLUMNS,
    rows: [
      { id: 'new', label: '一、本年新收政府信息公开申请数量' },
      { id: 'carriedOver', label: '二、上年结转政府信息公开申请数量' },
      {
        id: 'results',
        label: '三、本年度办理结果',
        heading: true,
        children: [
          { id: 'disclosed', label: '（一）予以公开' },
          { id: 'partial', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）' },
          withheld,
          unable,
          notProcessed,
          other,
          { id: 'resultTotal', label: '（七）总计', sumOfLeavesOf: 'results' },
        ],
      },
      { id: 'carryForward', label: '四、结转下年度继续办理' },
    ],
    balance: { lhs: ['new', 'carriedOver'], rhs: ['resultTotal', 'carryForward'] },
  };
}
