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

export function toSimplified(s: string): string {
  const c = convert(s);
  return c === s ? s : MIRROR_WORDS.reduce((t, [from, to]) => t.replace(from, to), c);
}

/** Whether the text holds traditional characters (or mirror sites' words for the official ones). */
export function hasTraditional(s: string): boolean {
  return convert(s) !== s;
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
