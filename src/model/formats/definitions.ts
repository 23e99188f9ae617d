import type { FormatDef, FormatId } from './types';
import { TABLE2_2019, TABLE2_2021 } from './table2';
import { OTHER_2019, OTHER_2021, table3 } from './table3';
import { TABLE4 } from './table4';

export const FORMAT_2019: FormatDef = {
  id: '2019',
  notice: '国办公开办函〔2019〕60号',
  years: [2019, 2020],
  tables: [TABLE2_2019, table3(OTHER_2019), TABLE4],
};

export const FORMAT_2021: FormatDef = {
  id: '2021',
  notice: '国办公开办函〔2021〕30号',
  years: [2021, undefined],
  tables: [TABLE2_2021, table3(OTHER_2021), TABLE4],
};

export const FORMAT_DEFS: Readonly<Record<FormatId, FormatDef>> = { '2019': FORMAT_2019, '2021': FORMAT_2021 };
export const FORMAT_IDS = ['2019', '2021'] as const satisfies readonly FormatId[];
