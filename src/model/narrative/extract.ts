/**
 * Deterministic extraction of the figures a report's narrative states. Regular expressions over
 * the Chinese text; every figure keeps the phrase it was read from, as evidence.
 */
import type { Narrative } from '../schema/report';
import type { SectionId } from '../sections';
import type { Evidence } from '../rules/types';
import { toHalfWidth } from '../values';

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** A number as written in a report: “489”, “１２”, “1,200”, “十二”, “两百零五”, “3万”. */
export function parseChineseNumber(s: string): number | undefined {
  const t = toHalfWidth(s).replace(/[,，\s]/g, '');
  if (/^\d+(?:\.\d+)?$/.test(t)) return Number(t);
  if (!/^[零〇一二两三四五六七八九十百千万]+$/.test(t)) return undefined;
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const ch of t) {
    if (ch in CN_DIGITS) digit = CN_DIGITS[ch]!;
    else if (ch in CN_UNITS) {
      section += (digit < 0 ? 1 : digit) * CN_UNITS[ch]!;
      digit = -1;
    } else if (ch === '万') {
      total += (section + Math.max(digit, 0)) * 10000;
      section = 0;
      digit = -1;
    }
  }
  return total + section + Math.max(digit, 0);
}

/** A number in the text: Arabic (half or full width, with separators) or Chinese numerals. */
export const NUM = '([0-9０-９][0-9０-９,，]*|[零〇一二两三四五六七八九十百千]+)';
/** Within one clause: no sentence or clause break, no other figure. */
const GAP = (n: number) => `[^。；;，,\\n0-9０-９]{0,${n}}?`;

export interface Figure extends Evidence {
  readonly kind: FigureKind;
}

export type FigureKind =
  | 'received'
  | 'noneReceived'
  | 'carryForward'
  | 'review'
  | 'litigation'
  | 'noReview'
  | 'noLitigation'
  | 'natural'
  | 'organisations'
  | 'disclosed'
  | 'partial'
  | 'disclosedOrPartial'
  | 'carriedOver'
  | 'withheld'
  | 'unable'
  | 'notProcessed'
  | 'otherHandled';

interface Pattern {
  readonly kind: FigureKind | ((m: RegExpExecArray) => FigureKind[]);
  readonly re: RegExp;
}

const PATTERNS: readonly Pattern[] = [
  // “个” only where no word follows: “三个到位” is a slogan, not three applications.
  { kind: 'received', re: new RegExp(`(?:收到|受理|接收|新收)${GAP(20)}申请${GAP(8)}${NUM}\\s*(?:件|宗|份|条|个(?![\\u4e00-\\u9fff]))`, 'g') },
  { kind: 'noneReceived', re: new RegExp(`(?:未|没有|无)(?:收到|受理|接收|新收)${GAP(16)}申请`, 'g') },
  {
    kind: 'carryForward',
    re: new RegExp(`结转(?:至|到)?下(?:一)?年(?:度)?${GAP(8)}${NUM}\\s*件|${NUM}\\s*件${GAP(8)}结转(?:至|到)?下(?:一)?年`, 'g'),
  },
  // Breakdowns of the applications stated in the text: by applicant, by result.
  { kind: 'natural', re: new RegExp(`自然人(?:申请|提出(?:的)?申请)?${GAP(6)}${NUM}\\s*(?:件|宗|份)`, 'g') },
  { kind: 'organisations', re: new RegExp(`法人(?:或|和|及|、)?其他组织(?:申请|提出(?:的)?申请)?${GAP(6)}${NUM}\\s*(?:件|宗|份)`, 'g') },
  { kind: 'disclosed', re: new RegExp(`(?<!部分)予以公开${GAP(4)}${NUM}\\s*件`, 'g') },
  // “予以公开及部分公开42件” is the two together, not 部分公开 alone.
  { kind: 'disclosedOrPartial', re: new RegExp(`予以公开(?:及|和|与|、|或)部分公开${GAP(4)}${NUM}\\s*件`, 'g') },
  { kind: 'partial', re: new RegExp(`(?<!予以公开(?:及|和|与|、|或))部分公开${GAP(4)}${NUM}\\s*件`, 'g') },
  // The rest of 表三 as agencies state it: 上年结转N件, 不予公开N件, 无法提供N件, 不予处理N件, 其他处理N件.
  { kind: 'carriedOver', re: new RegExp(`上年(?:度)?结转(?:的)?(?:政府信息公开)?(?:申请)?${GAP(4)}${NUM}\\s*件`, 'g') },
  { kind: 'withheld', re: new RegExp(`不予公开${GAP(4)}${NUM}\\s*件`, 'g') },
  { kind: 'unable', re: new RegExp(`无法提供${GAP(4)}${NUM}\\s*件`, 'g') },
  { kind: 'notProcessed', re: new RegExp(`不予处理${GAP(4)}${NUM}\\s*件`, 'g') },
  { kind: 'otherHandled', re: new RegExp(`其他(?:方式)?处理${GAP(4)}${NUM}\\s*件`, 'g') },
  { kind: 'review', re: new RegExp(`行政复议(?:案件|申请)?${GAP(6)}${NUM}\\s*(?:件|起|宗|次)`, 'g') },
  { kind: 'litigation', re: new RegExp(`行政诉讼(?:案件)?${GAP(6)}${NUM}\\s*(?:件|起|宗|次)`, 'g') },
  {
    kind: (m) => [
      ...(m[0].includes('复议') ? (['noReview'] as const) : []),
      ...(m[0].includes('诉讼') ? (['noLitigation'] as const) : []),
    ],
    re: /(?:未|没有|无)(?:发生|出现|收到|有|被提起)?[^。；;\n\d]{0,30}?行政(?:复议|诉讼)(?:[、和及与或]行政(?:复议|诉讼))?/g,
  },
];

/** Sections whose text is searched for figures about applications, reviews and litigation. */
const FIGURE_SECTIONS: readonly SectionId[] = ['overview', 'requests', 'reviewLitigation', 'other'];

export function extractFigures(narrative: Narrative): Figure[] {
  const out: Figure[] = [];
  for (const section of FIGURE_SECTIONS) {
    const text = narrative[section];
    if (!text) continue;
    for (const p of PATTERNS) {
      p.re.lastIndex = 0;
      for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
        const raw = m.slice(1).find((g) => g !== undefined);
        const value = raw === undefined ? 0 : parseChineseNumber(raw);
        if (value === undefined) continue;
        const kinds = typeof p.kind === 'function' ? p.kind(m) : [p.kind];
        for (const kind of kinds) out.push({ kind, section, phrase: m[0], value, offset: m.index });
      }
    }
  }
  // Where a negative phrase (未收到…申请) contains a positive one, the negative wins.
  return out.filter((f) => !(f.kind === 'received' && /^(?:未|没有|无)/.test(f.phrase)));
}

export interface PartsFinding {
  readonly total: Evidence;
  /** Parts given as an exhaustive split (四个季度, 上/下半年) with their name. */
  readonly splits: { readonly name: string; readonly parts: readonly Evidence[] }[];
  /** Parts listed after 其中 (not necessarily exhaustive). */
  readonly listed: readonly Evidence[];
}

const TOTAL_RE = new RegExp(`(?:共|累计|总计|合计)(?:主动)?(?:公开|发布|公布)${GAP(14)}${NUM}\\s*(条|篇|件|项|个)`, 'g');

/** Totals in 一、总体情况 with the parts that follow them in the same paragraph. */
export function extractParts(text: string): PartsFinding[] {
  const out: PartsFinding[] = [];
  const totals: { m: RegExpExecArray; value: number; unit: string }[] = [];
  TOTAL_RE.lastIndex = 0;
  for (let m = TOTAL_RE.exec(text); m; m = TOTAL_RE.exec(text)) {
    const value = parseChineseNumber(m[1]!);
    if (value !== undefined) totals.push({ m, value, unit: m[2]! });
  }
  totals.forEach((t, k) => {
    const start = t.m.index + t.m[0].length;
    const nextTotal = totals[k + 1]?.m.index ?? text.length;
    const lineEnd = text.indexOf('\n', start);
    const end = Math.min(nextTotal, lineEnd < 0 ? text.length : lineEnd);
    const scope = text.slice(start, end);
    const ev = (phrase: string, value: number, offset: number): Evidence => ({ section: 'overview', phrase, value, offset: start + offset });
    const splits: PartsFinding['splits'][number][] = [];
    const taken: [number, number][] = [];
    const collect = (name: string, re: RegExp, keys: number) => {
      const parts = new Map<string, Evidence>();
      for (let m = re.exec(scope); m; m = re.exec(scope)) {
        const v = parseChineseNumber(m[2]!);
        const key = String(parseChineseNumber(m[1]!) ?? m[1]);
        if (v === undefined || parts.has(key)) continue;
        parts.set(key, ev(m[0], v, m.index));
        taken.push([m.index, m.index + m[0].length]);
      }
      if (parts.size === keys) splits.push({ name, parts: [...parts.values()] });
    };
    const unit = t.unit;
    collect('四个季度', new RegExp(`第([一二三四1-4１-４])季度${GAP(16)}${NUM}\\s*${unit}`, 'g'), 4);
    collect('上、下半年', new RegExp(`([上下])半年${GAP(16)}${NUM}\\s*${unit}`, 'g'), 2);
    const listed: Evidence[] = [];
    const qi = scope.indexOf('其中');
    if (qi >= 0) {
      const sentenceEnd = scope.indexOf('。', qi);
      const list = scope.slice(qi, sentenceEnd < 0 ? scope.length : sentenceEnd);
      // Sub-totals in brackets (“政策法规17条（其中规章2条）”) are not parts of the list.
      const flat = list.replace(/（[^）]*）|\([^)]*\)/g, (s) => ' '.repeat(s.length));
      const re = new RegExp(`${NUM}\\s*${unit}`, 'g');
      for (let m = re.exec(flat); m; m = re.exec(flat)) {
        const at = qi + m.index;
        if (taken.some(([a, b]) => at >= a && at < b)) continue;
        const v = parseChineseNumber(m[1]!);
        if (v === undefined) continue;
        const from = Math.max(flat.lastIndexOf('，', m.index), flat.lastIndexOf('、', m.index), flat.lastIndexOf('：', m.index), 0);
        listed.push(ev(list.slice(from === 0 ? 0 : from + 1, m.index + m[0].length), v, at));
      }
    }
    out.push({ total: { section: 'overview', phrase: t.m[0], value: t.value, offset: t.m.index }, splits, listed });
  });
  return out;
}

/** Mentions of 信息处理费 in section 六, and whether it reports fees charged (with the amount). */
export function extractFee(text: string): { mentioned: boolean; charged?: Evidence } {
  const mentioned = /信息处理费|处理费|收费/.test(text);
  const re = new RegExp(`(?:收取|收缴|收到)${GAP(12)}(?:信息处理费|处理费)${GAP(10)}${NUM}(?:\\.\\d+)?\\s*(?:元|万元)`, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = text.slice(Math.max(0, m.index - 3), m.index);
    const value = parseChineseNumber(m[1]!);
    if (/[未不无没]/.test(before) || !value) continue;
    return { mentioned, charged: { section: 'other', phrase: m[0], value, offset: m.index } };
  }
  return { mentioned };
}
