import type { GroupTableDef } from './types';
import { TOTAL_LABEL } from './table3';

const LITIGATION = '行政诉讼';

/** Table 四 is the same in both formats. */
export const TABLE4: GroupTableDef = {
  kind: 'groups',
  id: 't4',
  groups: [
    { id: 'review', label: '行政复议' },
    { id: 'litigationDirect', label: '未经复议直接起诉', parent: LITIGATION },
    { id: 'litigationAfterReview', label: '复议后起诉', parent: LITIGATION },
  ],
  columns: [
    { id: 'upheld', label: '结果维持' },
    { id: 'corrected', label: '结果纠正' },
    { id: 'other', label: '其他结果' },
    { id: 'pending', label: '尚未审结' },
    { id: 'total', label: TOTAL_LABEL, sumOf: ['upheld', 'corrected', 'other', 'pending'] },
  ],
};
