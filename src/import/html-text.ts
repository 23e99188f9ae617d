/** A published page (HTML, or a Word file through mammoth's HTML) as the text the importer reads: tables as “| a | b |” lines. */
import mammoth from 'mammoth';
import { safeDocxBytes, WorkbookReadError } from '../sheet/xlsx/zip';
import { parse, type HTMLElement, NodeType, type Node } from 'node-html-parser';

const BLOCKS = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'section', 'article', 'header', 'footer', 'tr', 'caption', 'blockquote', 'pre']);

/** Deeper than this, elements are not descended into: no real page nests so deep, and recursion stays bounded. */
const MAX_DEPTH = 3000;

const elementChildren = (el: HTMLElement) => el.childNodes.filter((n): n is HTMLElement => n.nodeType === NodeType.ELEMENT_NODE);
const tagOf = (el: HTMLElement) => el.tagName?.toLowerCase() ?? '';

/** A table's own rows: not those of tables nested in its cells. */
function ownRows(table: HTMLElement): HTMLElement[] {
  return elementChildren(table).flatMap((c) => (tagOf(c) === 'tr' ? [c] : ['thead', 'tbody', 'tfoot'].includes(tagOf(c)) ? elementChildren(c).filter((r) => tagOf(r) === 'tr') : []));
}

/** The text of a cell, without the tables nested in it (collected to be written after the row): each node is read once. */
function cellText(cell: HTMLElement, nested: HTMLElement[], depth: number): string {
  let text = '';
  const visit = (node: Node, d: number) => {
    if (node.nodeType === NodeType.TEXT_NODE) text += node.rawText;
    else if (node.nodeType === NodeType.ELEMENT_NODE && d < MAX_DEPTH) {
      const el = node as HTMLElement;
      if (tagOf(el) === 'table') nested.push(el);
      else if (tagOf(el) === 'br') text += ' ';
      else el.childNodes.forEach((n) => visit(n, d + 1));
    }
  };
  cell.childNodes.forEach((n) => visit(n, depth + 1));
  return text.replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim().replace(/\|/g, '｜');
}

/** Elements without an end tag, and those HTML closes by itself (a new <p> ends the open one): not counted as nesting. */
const UNNESTED = new Set(['br', 'img', 'hr', 'meta', 'link', 'input', 'col', 'wbr', 'area', 'base', 'source', 'track', 'param', 'embed', 'p', 'li', 'td', 'th', 'tr', 'dt', 'dd', 'option', 'thead', 'tbody', 'tfoot', 'colgroup']);

/** How deep a page's elements nest, by a linear scan of its tags (the HTML parser is slow on deep, unclosed nesting). */
function nesting(html: string): number {
  let depth = 0;
  let max = 0;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    const tag = m[2]!.toLowerCase();
    if (UNNESTED.has(tag) || m[3]) continue;
    depth = m[1] ? Math.max(0, depth - 1) : depth + 1;
    if (depth > max) max = depth;
  }
  return max;
}

/** Deeper than this, a page is not a report: real pages nest a few dozen levels. */
export const MAX_NESTING = 500;

/**
 * Pages larger than this are not a report (a report page is well under 1 MB). The parser holds the
 * whole tree: an 8 MB flat table took about 1 GB, so the bound is what one machine handles in a second or two.
 */
export const MAX_HTML_CHARS = 2 * 1024 * 1024;

export function htmlToText(html: string): string {
  if (html.length > MAX_HTML_CHARS) throw new WorkbookReadError(`网页过大（${(html.length / 1048576).toFixed(1)} MB，上限 2 MB）：年度报告的网页通常不到 1 MB；请只保存报告正文，或把正文复制为文本文件后导入`);
  if (nesting(html) > MAX_NESTING) throw new WorkbookReadError(`网页的元素嵌套超过 ${MAX_NESTING} 层，不是年度报告`);
  const root = parse(html, { blockTextElements: { script: false, style: false, noscript: false } });
  const lines: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim()) lines.push(current.trim());
    current = '';
  };
  const table = (el: HTMLElement, depth: number): void => {
    flush();
    for (const tr of ownRows(el)) {
      const nested: HTMLElement[] = [];
      const cells = elementChildren(tr).filter((c) => tagOf(c) === 'td' || tagOf(c) === 'th');
      lines.push(`| ${cells.map((c) => cellText(c, nested, depth)).join(' | ')} |`);
      for (const t of nested) table(t, depth + 1);
    }
  };
  const walk = (node: Node, depth: number): void => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      current += node.rawText.replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ');
      return;
    }
    if (node.nodeType !== NodeType.ELEMENT_NODE || depth > MAX_DEPTH) return;
    const el = node as HTMLElement;
    const tag = tagOf(el);
    if (tag === 'table') return table(el, depth);
    if (tag === 'br') return flush();
    if (tag === 'head' || tag === 'style' || tag === 'script' || tag === 'title') return;
    if (BLOCKS.has(tag)) flush();
    el.childNodes.forEach((n) => walk(n, depth + 1));
    if (BLOCKS.has(tag)) flush();
  };
  // The page's head (title, style) is not the report; a fragment (mammoth's output) has no body.
  walk(root.querySelector('body') ?? root, 0);
  flush();
  // Entities the parser leaves in text.
  return lines
    .join('\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** A .docx as text: mammoth converts it to HTML (tables kept), then as above. */
export async function docxToText(buf: Buffer): Promise<string> {
  // Bounded unzip first: mammoth would inflate whatever the file declares.
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(safeDocxBytes(buf)) });
  return htmlToText(value);
}
