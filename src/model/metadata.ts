/** Report metadata: the cover sheet 基本信息 and the export's `metadata` use these labels. */

export const AGENCY_KINDS = [
  { id: 'province', label: '省级人民政府', makesRules: true },
  { id: 'city', label: '设区的市、自治州人民政府', makesRules: true },
  { id: 'county', label: '县级人民政府', makesRules: false },
  { id: 'township', label: '乡镇人民政府、街道办事处', makesRules: false },
  // 国务院部门 make 部门规章 (立法法 第九十一条), unlike local departments.
  { id: 'stateCouncilDept', label: '国务院部门', makesRules: true },
  { id: 'department', label: '政府部门及其他机关', makesRules: false },
] as const;

export type AgencyKind = (typeof AGENCY_KINDS)[number]['id'];
export const AGENCY_KIND_IDS = AGENCY_KINDS.map((k) => k.id) as [AgencyKind, ...AgencyKind[]];

export function agencyKindByLabel(label: string): AgencyKind | undefined {
  const norm = label.trim();
  return AGENCY_KINDS.find((k) => k.label === norm || k.id === norm)?.id;
}

export const METADATA_FIELDS = [
  { id: 'agencyName', label: '机关名称', required: true },
  { id: 'agencyKind', label: '机关类型', required: true },
  { id: 'creditCode', label: '统一社会信用代码', required: false },
  { id: 'year', label: '年度', required: true },
  { id: 'preparer', label: '填报人', required: false },
  { id: 'phone', label: '联系电话', required: false },
  { id: 'date', label: '填报日期', required: false },
] as const;

export type MetadataFieldId = (typeof METADATA_FIELDS)[number]['id'];

export function metadataLabel(id: MetadataFieldId): string {
  return METADATA_FIELDS.find((f) => f.id === id)!.label;
}

/** GB 32100-2015: 18 characters from this alphabet, the last one a check character. */
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'length' | 'charset' | 'checksum';

/** Checks a 统一社会信用代码; returns undefined when it is valid. */
export function checkCreditCode(code: string): { problem: CreditCodeProblem; expected?: string } | undefined {
  if (code.length !== 18) return { problem: 'length' };
  let sum = 0;
  for (let i = 0; i < 18; i++) {
    const v = CREDIT_ALPHABET.indexOf(code[i]!);
    if (v < 0) return { problem: 'charset' };
    if (i < 17) sum += v * CREDIT_WEIGHTS[i]!;
  }
  const check = CREDIT_ALPHABET[(31 - (sum % 31)) % 31]!;
  return check === code[17] ? undefined : { problem: 'checksum', expected: check };
}
