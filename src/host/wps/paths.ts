/** Where the add-in's files are, seen from its task pane page: a local folder (offline) or an intranet server (online). */
import type { FormatId } from '../../model/core';

/**
 * The template workbook of a format as WPS can open it: a local path for a page loaded from the
 * jsaddons folder (file:///C:/… → C:\…, file:///home/… → /home/…), the URL itself for an online add-in.
 */
export function templateLocation(format: FormatId, pageHref: string): string {
  const url = new URL(`assets/template-${format}.xlsx`, pageHref);
  if (url.protocol !== 'file:') return url.href;
  const path = decodeURIComponent(url.pathname);
  return /^\/[A-Za-z]:\//.test(path) ? path.slice(1).replace(/\//g, '\\') : path;
}
