/** The six sections of the annual report, in printed order. Tables 二–四 are sections 2–4. */
export const SECTIONS = [
  { id: 'overview', heading: '一、总体情况' },
  { id: 'proactive', heading: '二、主动公开政府信息情况', table: 't2' },
  { id: 'requests', heading: '三、收到和处理政府信息公开申请情况', table: 't3' },
  { id: 'reviewLitigation', heading: '四、政府信息公开行政复议、行政诉讼情况', table: 't4' },
  { id: 'problems', heading: '五、存在的主要问题及改进情况' },
  { id: 'other', heading: '六、其他需要报告的事项' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];
export const SECTION_IDS = SECTIONS.map((s) => s.id) as [SectionId, ...SectionId[]];

export function sectionById(id: SectionId): (typeof SECTIONS)[number] {
  return SECTIONS.find((s) => s.id === id)!;
}

/** The enumeration mark a heading or row label starts with: 一、 → 一, （三） → （三）, 1. → 1 */
export function enumerationMark(label: string): string {
  const m = /^([一二三四五六七八九十]+)、|^(（[一二三四五六七八九十]+）)|^(\d+)\./.exec(label);
  return m ? (m[1] ?? m[2] ?? m[3])! : '';
}
