import type { BlockTableDef, ColumnDef, RowDef } from './types';

/** Block heading: 第二十条第（一）项 … — the item numeral is the only variable part. */
const art = (item: string): string => `第二十条第（${item}）项`;
const ROW_HEADER = '信息内容';

// Rows and columns that appear in more than one block or format: one definition each.
const RULES: RowDef = { id: 'rules', label: '规章' };
const LICENSE: RowDef = { id: 'license', label: '行政许可' };
const PENALTY: RowDef = { id: 'penalty', label: '行政处罚' };
const ENFORCEMENT: RowDef = { id: 'enforcement', label: '行政强制' };
const FEES: RowDef = { id: 'fees', label: '行政事业性收费' };
const DECISIONS_2021: ColumnDef = { id: 'decisions', label: '本年处理决定数量' };
const DECISIONS_2019: ColumnDef = { id: 'decisions', label: '处理决定数量' };
const PREV_PROJECTS: ColumnDef = { id: 'prevProjects', label: '上一年项目数量' };
const CHANGE: ColumnDef = { id: 'change', label: '本年增/减', kind: 'signedCount' };
const PROJECT_COLUMNS_2019 = [PREV_PROJECTS, CHANGE, DECISIONS_2019];

export const TABLE2_2021: BlockTableDef = {
  kind: 'blocks',
  id: 't2',
  rowHeader: ROW_HEADER,
  blocks: [
    {
      id: 'art20_1',
      label: art('一'),
      columns: [
        { id: 'issued', label: '本年制发件数' },
        { id: 'repealed', label: '本年废止件数' },
        { id: 'inForce', label: '现行有效件数' },
      ],
      rows: [RULES, { id: 'normative', label: '行政规范性文件' }],
    },
    { id: 'art20_5', label: art('五'), columns: [DECISIONS_2021], rows: [LICENSE] },
    { id: 'art20_6', label: art('六'), columns: [DECISIONS_2021], rows: [PENALTY, ENFORCEMENT] },
    {
      id: 'art20_8',
      label: art('八'),
      columns: [{ id: 'feeAmount', label: '本年收费金额（单位：万元）', kind: 'amount', unit: '万元' }],
      rows: [FEES],
    },
  ],
};

export const TABLE2_2019: BlockTableDef = {
  kind: 'blocks',
  id: 't2',
  rowHeader: ROW_HEADER,
  blocks: [
    {
      id: 'art20_1',
      label: art('一'),
      columns: [
        { id: 'made', label: '本年新制作数量' },
        { id: 'published', label: '本年新公开数量' },
        { id: 'totalPublished', label: '对外公开总数量' },
      ],
      rows: [RULES, { id: 'normative', label: '规范性文件' }],
    },
    {
      id: 'art20_5',
      label: art('五'),
      columns: PROJECT_COLUMNS_2019,
      rows: [LICENSE, { id: 'otherServices', label: '其他对外管理服务事项' }],
    },
    { id: 'art20_6', label: art('六'), columns: PROJECT_COLUMNS_2019, rows: [PENALTY, ENFORCEMENT] },
    { id: 'art20_8', label: art('八'), columns: [PREV_PROJECTS, CHANGE], rows: [FEES] },
    {
      id: 'art20_9',
      label: art('九'),
      columns: [
        { id: 'procurementCount', label: '采购项目数量' },
        // The 2019 notice prints no unit; the template asks for 万元 and says so.
        { id: 'procurementAmount', label: '采购总金额', kind: 'amount', unit: '万元' },
      ],
      rows: [{ id: 'procurement', label: '政府集中采购' }],
    },
  ],
};
