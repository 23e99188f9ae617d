/**
 * Text normalisation for reading published reports: full-width forms, spaces, quotes, list marks,
 * and the traditional characters of mirror sites (only those that occur in the official labels and
 * headings — a label is recognised, not the whole text converted).
 */

/** Traditional → simplified, for the characters of the labels and headings. */
const TRADITIONAL =
  '規规數数條条項项開开對对總总範范許许減减處处決决務务罰罚強强業业費费採采購购額额請请組组織织機机構构會会計计結结轉转區区這这屬属於于國国穩稳護护權权類类過过執执詢询無无關关沒没現现補补後后確确訪访舉举報报訴诉複复復复當当認认獲获繼继續续辦办議议維维糾纠審审訟讼經经發发廢废單单萬万繳缴納纳況况題题問问進进與与為为實实際际應应據据資资訊讯導导線线級级縣县鄉乡鎮镇門门統统們们來来個个將将說说錄录檢检測测體体';

const MAP = new Map<string, string>();
for (let i = 0; i + 1 < TRADITIONAL.length; i += 2) MAP.set(TRADITIONAL[i]!, TRADITIONAL[i + 1]!);

const ANY = new RegExp(`[${[...MAP.keys()].join('')}]`, 'g');
const ONE = new RegExp(`[${[...MAP.keys()].join('')}]`);

/** Whether the text holds any traditional character this reader converts. */
export function hasTraditional(s: string): boolean {
  return ONE.test(s);
}

export function toSimplified(s: string): string {
  return ONE.test(s) ? s.replace(ANY, (ch) => MAP.get(ch)!) : s;
}

/** A label as compared: simplified, NFKC (full-width to ASCII), no spaces, one kind of quote, “1、” as “1.”. */
export function labelKey(s: string): string {
  return toSimplified(s)
    .normalize('NFKC')
    .replace(/[\s\u3000]/g, '')
    .replace(/[“”„‟"「」『』]/g, '"')
    .replace(/[‘’']/g, "'")
    .replace(/^(\d+)[、．.]/, '$1.')
    .replace(/^[(（]([一二三四五六七八九十]+)[)）]/, '($1)');
}
