/// <reference path="./opencc-js.d.ts" />
/**
 * Text normalisation for reading published reports: full-width forms, spaces, quotes, list marks,
 * and the traditional characters and words of mirror sites (a label is recognised, not the text converted).
 */
import { Converter } from 'opencc-js/t2cn';

/** Traditional → simplified characters (opencc's t → cn). */
const convert = Converter({ from: 't', to: 'cn' });

/**
 * Words mirror sites put in place of the official ones (Taiwan's usage), after the characters are
 * converted. Only applied to text that had traditional characters: 档案 and 资讯 are words of their own
 * in a mainland text.
 */
const MIRROR_WORDS: readonly (readonly [RegExp, string])[] = [
  [/档案/g, '文件'],
  [/资讯/g, '信息'],
];

/** Labels and cells repeat from report to report: conversions are remembered (a bounded number). */
const memo = new Map<string, string>();
const MEMO_MAX = 20_000;

export function toSimplified(s: string): string {
  // Digits, ASCII and blanks have nothing to convert.
  if (!/[^\x00-\x7f]/.test(s)) return s;
  const known = memo.get(s);
  if (known !== undefined) return known;
  const c = convert(s);
  const out = c === s ? s : MIRROR_WORDS.reduce((t, [from, to]) => t.replace(from, to), c);
  if (s.length <= 200) {
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(s, out);
  }
  return out;
}

/** Whether the text holds traditional characters (or mirror sites' words for the official ones). */
export function hasTraditional(s: string): boolean {
  return /[^\x00-\x7f]/.test(s) && convert(s) !== s;
}

/** A label as compared: simplified, NFKC (full-width to ASCII), no spaces, one kind of quote, “1、” as “1.”. */
export function labelKey(s: string): string {
  return toSimplified(s)
    .normalize('NFKC')
    .replace(/[\s\u3000]/g, '')
    // Markdown heading marks: not part of a label.
    .replace(/^#+/, '')
    .replace(/[“”„‟"「」『』]/g, '"')
    .replace(/[‘’']/g, "'")
    .replace(/^(\d+)[、．.,，]/, '$1.')
    .replace(/^([一二三四五六七八九十]+)[,，.．]/, '$1、')
    .replace(/^[(（]([一二三四五六七八九十]+)[)）]/, '($1)');
}
