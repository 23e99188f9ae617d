/**
 * 机关类型 from a body's name, where the name settles it: a government by its level (省/市/县/区/乡/镇),
 * a 街道办事处, a 国务院部门 by its national name, any other 局/委/办/中心 as a department. Names that
 * leave it open (…市人民政府: a 设区的市 or a 县级市) give no kind, with the reason.
 */
import type { AgencyKind } from './metadata';

export interface InferredKind {
  readonly kind?: AgencyKind;
  /** The words of the name the kind was read from, for the message. */
  readonly words: readonly string[];
  /** Why no kind was given, when the name is a government's but its level is open. */
  readonly ambiguous?: string;
}

/** 北京、天津、上海、重庆: their 市人民政府 is a province-level government. */
const MUNICIPALITIES = /^(北京|天津|上海|重庆)市人民政府$/;
const PROVINCE = /(省|自治区)人民政府$/;
/** The body named before a trailing 办公厅/办公室 is a government's own office: a department. */
const GOVERNMENT_OFFICE = /人民政府(办公厅|办公室)$/;
const NATIONAL = /^(国务院|国家|中华人民共和国|中国)/;
/** Local place words: a name holding one is not a ministry. */
const LOCAL = /[省市县区州盟旗乡镇村]/;
const DEPARTMENT = /(局|委员会|委|办公室|办公厅|办|中心|院|厅|署|管委会|管理委员会|处|所|站|队|馆|社|公司|集团|学校|大学|学院|医院|协会|基金会|研究会|法院|检察院|部)$/;

export function inferAgencyKind(rawName: string): InferredKind {
  const name = rawName.replace(/\s/g, '');
  if (!name) return { words: [] };
  if (MUNICIPALITIES.test(name)) return { kind: 'province', words: [name.slice(0, 3), '人民政府'] };
  if (GOVERNMENT_OFFICE.test(name)) return { kind: 'department', words: [GOVERNMENT_OFFICE.exec(name)![0]] };
  if (/街道办事处$|街道$/.test(name)) return { kind: 'township', words: ['街道办事处'] };
  const gov = /(人民政府|政府)$/.exec(name);
  if (gov) {
    const place = name.slice(0, gov.index);
    if (PROVINCE.test(name)) return { kind: 'province', words: [/(省|自治区)$/.exec(place)![0], gov[0]] };
    const level = /(乡|镇|苏木)$/.exec(place) ?? /(县|旗|区|特区|林区)$/.exec(place) ?? /(自治州|州|盟)$/.exec(place) ?? /市$/.exec(place);
    if (!level) return { words: [], ambiguous: `名称“${rawName}”看不出是哪一级政府` };
    if (['乡', '镇', '苏木'].includes(level[0])) return { kind: 'township', words: [level[0], gov[0]] };
    if (['县', '旗', '区', '特区', '林区'].includes(level[0])) return { kind: 'county', words: [level[0], gov[0]] };
    if (['自治州', '州', '盟'].includes(level[0])) return { kind: 'city', words: [level[0], gov[0]] };
    return { words: [], ambiguous: `“${rawName}”可能是设区的市，也可能是县级市` };
  }
  if (NATIONAL.test(name) && !LOCAL.test(name.replace(NATIONAL, '').replace(/(局|委员会|署|部|总局|办公室)$/, ''))) {
    const word = NATIONAL.exec(name)![0];
    return { kind: 'stateCouncilDept', words: [word] };
  }
  // A ministry written without “中华人民共和国”: 教育部, 财政部 — two to six characters, no place in it.
  if (/^[^省市县区州盟旗乡镇]{2,6}部$/.test(name)) return { kind: 'stateCouncilDept', words: [name] };
  const dept = DEPARTMENT.exec(name);
  if (dept) return { kind: 'department', words: [dept[0]] };
  return { words: [] };
}
