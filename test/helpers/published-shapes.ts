/**
 * Published reports in the shapes they reach an office, made from a report the project renders
 * (render → strip tags, as `../shared/samples/flattened/README.md` describes): the body on one line
 * behind an archive header, cells one per line between “|” lines, rows as numbers separated by
 * spaces, a label with a character changed as OCR changes it. Each shape varies as real ones do,
 * driven by a seeded random source so that a failing case can be made again.
 */
import type { Report } from '../../src/model';
import { htmlToText } from '../../src/import/html-text';
import { renderHtml } from '../../src/publish/render-html';

export type Random = () => number;

/** The rendered text: title, headings and narrative as lines, table rows as `| a | b |` lines. */
export const renderedText = (r: Report): string => htmlToText(renderHtml(r));

const cellsOf = (line: string) => line.slice(1, -1).split('|').map((c) => c.trim());
const isRow = (line: string) => line.startsWith('| ') && line.endsWith('|');
const pick = <T>(rnd: Random, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
/** Full-width digits, as some CMS editors type them. */
const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

const HEADERS = [
  (title: string) => `标题: ${title}\n发布时间: 2025-01-20 09:30\n发布机构: \n==================== 正文 ====================\n当前位置： 首页 信息公开 年报 ${title} 来源：本站 时间：2025-01-20 分享到： 打印本页 关闭窗口 `,
  (title: string) => `Page 3 - ${title}\n当前位置：首页 > 政务公开 > 政府信息公开年报\n`,
  (title: string) => `# ${title}\n发布日期：2025-01-15 来源：本单位\n`,
];

/**
 * The whole body on one line behind an archive header: cells run together, here and there a space
 * between two of them or digits typed full-width (each table row keeps one way, as an editor types it).
 */
export function oneLine(r: Report, rnd: Random): string {
  const lines = renderedText(r).split('\n');
  const title = lines[0]!;
  const body = lines
    .slice(1)
    .map((line) => {
      if (!isRow(line)) return line;
      const joiner = rnd() < 0.2 ? ' ' : '';
      const row = cellsOf(line).join(joiner);
      return rnd() < 0.1 ? fullWidth(row) : row;
    })
    .join('');
  return `${pick(rnd, HEADERS)(title)}${title}${body}${rnd() < 0.5 ? ' 【打印本页】【关闭窗口】' : ''}`;
}

/** Every cell on a line of its own with a line holding only “|” after it; a blank cell is two “|” lines in a row. */
export function pipeLines(r: Report): string {
  return renderedText(r)
    .split('\n')
    .flatMap((line) => (isRow(line) ? cellsOf(line).flatMap((c) => (c === '' ? ['|'] : [c, '|'])) : [line]))
    .join('\n');
}

/** Table rows as a PDF's text gives them: the label, then the numbers separated by spaces (表四: the numbers alone). */
export function spaced(r: Report): string {
  return renderedText(r)
    .split('\n')
    .flatMap((line) => {
      if (!isRow(line)) return [line];
      const cells = cellsOf(line);
      const first = cells.findIndex((c) => /^[\d.]+$/.test(c));
      if (first < 0 || !cells.slice(first).every((c) => /^[\d.]+$/.test(c))) return [cells.filter((c) => c !== '').join('\n')];
      return [...cells.slice(0, first).filter((c) => c !== ''), cells.slice(first).join(' ')];
    })
    .join('\n');
}

/** Characters OCR confuses in these labels, each with what it is read as. */
const OCR_SWAPS: readonly (readonly [string, string])[] = [
  ['已', '己'],
  ['未', '末'],
  ['理', '埋'],
  ['请', '靖'],
  ['复', '夏'],
  ['决', '抉'],
];

/**
 * One character of one long row label changed as OCR changes it (or dropped), in the rendered text.
 * Returns the text and the label as it was, or undefined when no label offers a change.
 */
export function ocrLabel(r: Report, rnd: Random): { text: string; label: string; changed: string } | undefined {
  const text = renderedText(r);
  const labels = [...new Set(text.split('\n').filter(isRow).flatMap(cellsOf))].filter((c) => c.length >= 8 && /[\u4e00-\u9fff]/.test(c));
  const candidates = labels.flatMap((label) => {
    const swaps = OCR_SWAPS.filter(([from]) => label.includes(from)).map(([from, to]) => label.replace(from, to));
    // A dropped character somewhere in the middle of the label.
    const mid = 2 + Math.floor(rnd() * (label.length - 4));
    return [...swaps, label.slice(0, mid) + label.slice(mid + 1)].map((changed) => ({ label, changed }));
  });
  if (!candidates.length) return undefined;
  const { label, changed } = pick(rnd, candidates);
  // Only rows: the changed label must not stand anywhere else unchanged.
  return { text: text.split(`| ${label} |`).join(`| ${changed} |`), label, changed };
}
