/** A published page (HTML, or a Word file through mammoth's HTML) as the text the importer reads: tables as “| a | b |” lines. */
import mammoth from 'mammoth';
import { safeDocxBytes } from '../sheet/xlsx/zip';
import { parse, type HTMLElement, NodeType, type Node } from 'node-html-parser';

const BLOCKS = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'section', 'article', 'header', 'footer', 'tr', 'caption', 'blockquote', 'pre']);

function cellText(cell: HTMLElement): string {
  return cell.textContent.replace(/\s+/g, ' ').trim().replace(/\|/g, '｜');
}

export function htmlToText(html: string): string {
  const root = parse(html, { blockTextElements: { script: false, style: false, noscript: false } });
  const lines: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim()) lines.push(current.trim());
    current = '';
  };
  const walk = (node: Node): void => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      current += node.rawText.replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ');
      return;
    }
    if (node.nodeType !== NodeType.ELEMENT_NODE) return;
    const el = node as HTMLElement;
    const tag = el.tagName?.toLowerCase() ?? '';
    if (tag === 'table') {
      flush();
      for (const tr of el.querySelectorAll('tr')) lines.push(`| ${tr.querySelectorAll('td, th').map(cellText).join(' | ')} |`);
      return;
    }
    if (tag === 'br') return flush();
    if (tag === 'head' || tag === 'style' || tag === 'script' || tag === 'title') return;
    if (BLOCKS.has(tag)) flush();
    el.childNodes.forEach(walk);
    if (BLOCKS.has(tag)) flush();
  };
  // The page's head (title, style) is not the report; a fragment (mammoth's output) has no body.
  walk(root.querySelector('body') ?? root);
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
