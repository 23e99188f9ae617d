/**
 * A report body run into one line (archived pages, text copied from many CMS pages): headings, row
 * labels and numbers with nothing between them — `规章000行政规范性文件3112`. The line is cut into
 * cells at every label the formats print (both formats' labels, longest first), so that a label
 * ends where the next label, heading or number begins; the numbers between two labels are one cell
 * (a run the tables' arithmetic splits later, or flags).
 */
import { getFormat, type FormatId } from '../model/core';
import type { Token } from './published';

/** Only a long line is cut: a delimited report's cells are short, and a label inside a sentence stays. */
const LONG = 60;

interface Labels {
  /** Labels as compared (see `compact`), longest first within each first character. */
  readonly byFirst: ReadonlyMap<string, readonly string[]>;
}

/** One character as labels are compared: full-width forms as ASCII, “1、” as “1.”, one kind of quote. */
function compact(ch: string): string {
  const n = ch.normalize('NFKC');
  if (n.length !== 1) return ch;
  if (n === '、' || n === ',' || n === '，') return '.';
  if ('“”„‟"「」『』'.includes(n)) return '"';
  return n;
}

const compactText = (s: string) => [...s].map(compact).join('');

let cached: Labels | undefined;

/** Every label and title of both formats: tables' titles, table 二's blocks and columns, 三's rows and columns, 四's groups. */
function labels(): Labels {
  if (cached) return cached;
  const all = new Set<string>();
  const add = (s: string | undefined) => {
    if (!s) return;
    const c = compactText(s.replace(/\s/g, ''));
    all.add(c);
    // OCR and web copies drop the enumeration mark; the bare label when it says enough alone.
    const bare = c.replace(/^(?:[一二三四五六七八九十]+\.|\([一二三四五六七八九十]+\)|（[一二三四五六七八九十]+）|\d+\.)/, '');
    if (bare !== c && bare.length >= 4) all.add(bare);
  };
  type Row = { readonly label: string; readonly children?: readonly Row[] };
  const rows = (list: readonly Row[]): void => list.forEach((r) => (add(r.label), rows(r.children ?? [])));
  for (const id of ['2019', '2021'] as FormatId[]) {
    const f = getFormat(id);
    for (const t of f.tables) add(t.title);
    for (const t of f.def.tables) {
      if (t.kind === 'blocks') {
        add(t.rowHeader);
        for (const b of t.blocks) {
          add(b.label);
          b.columns.forEach((c) => add(c.label));
          rows(b.rows);
        }
      } else if (t.kind === 'matrix') {
        add(t.header);
        t.columns.forEach((c) => (add(c.label), add(c.group)));
        rows(t.rows);
      } else {
        t.groups.forEach((g) => (add(g.label), add(g.parent)));
        t.columns.forEach((c) => add(c.label));
      }
    }
  }
  const byFirst = new Map<string, string[]>();
  for (const l of all) byFirst.set(l[0]!, [...(byFirst.get(l[0]!) ?? []), l]);
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  return (cached = { byFirst });
}

/**
 * A section heading at the start of a piece (`四、因政府信息公开工作被申请行政复议、提起行政诉讼的情况`):
 * kept whole, since its words would otherwise be cut at the labels they contain.
 */
const HEADING = /^\s*[一二三四五六]、[^，。；：0-9]{0,40}?(?:情况|事项|措施|问题)/;

/** Cuts one long piece of text at every label; pieces of text between labels are kept as they are. */
function cut(text: string, line: number): Token[] {
  const { byFirst } = labels();
  const c = compactText(text);
  const out: Token[] = [];
  let start = 0;
  const push = (from: number, to: number) => {
    const piece = text.slice(from, to).trim();
    if (piece) out.push({ text: piece, line });
  };
  let i = 0;
  const heading = HEADING.exec(text);
  if (heading) {
    push(0, heading[0].length);
    start = i = heading[0].length;
  }
  while (i < c.length) {
    // A label is never cut out of a word: the one before it must not be a letter run into it (`第三项加第四项`).
    const candidates = byFirst.get(c[i]!);
    const hit = candidates?.find((l) => c.startsWith(l, i));
    if (hit) {
      push(start, i);
      push(i, i + hit.length);
      i = start = i + hit.length;
      continue;
    }
    // A section heading inside the line (the narrative's headings after the tables) is one piece too.
    if (/[一二三四五六]/.test(c[i]!) && c[i + 1] === '.' && i > start) {
      const h = HEADING.exec(text.slice(i));
      if (h) {
        push(start, i);
        push(i, i + h[0].length);
        i = start = i + h[0].length;
        continue;
      }
    }
    i++;
  }
  push(start, text.length);
  return out;
}

/** Cuts the long pieces of the text that hold at least two of the formats' labels. */
export function segmentLabels(tokens: readonly Token[]): Token[] {
  return tokens.flatMap((t) => {
    if (t.text.length <= LONG) return [t];
    const pieces = cut(t.text, t.line);
    return pieces.length >= 3 ? pieces : [t];
  });
}
