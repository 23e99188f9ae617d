/* global document, window */
/** What the task pane in Excel and the standalone validator page share: the year, the template links, last year's file. */
import type { Report } from '../model';
import { readReportFile } from './read-file';
import { $, updateFormat } from './ui';

let previous: Report | undefined;

/** Last year's report, when one was chosen. */
export const previousReport = (): Report | undefined => previous;

async function onPrevious(): Promise<void> {
  const file = ($('previous') as HTMLInputElement).files?.[0];
  const status = $('previous-status');
  previous = undefined;
  if (!file) return void (status.textContent = '');
  try {
    previous = (await readReportFile(file)).report;
    status.textContent = `已载入：${previous.metadata.agencyName || '（未填机关名称）'} ${previous.metadata.year ?? ''} 年度`;
  } catch (e) {
    status.textContent = e instanceof Error ? e.message : '无法读取这个文件';
  }
  window.dispatchEvent(new CustomEvent('xxgk:previous', { detail: previous }));
}

/** Shows the parts of the page for this mode and wires the shared controls. */
export function wireCommon(mode: 'excel' | 'browser'): void {
  for (const e of document.querySelectorAll<HTMLElement>(mode === 'excel' ? '.browser-only' : '.excel-only')) e.hidden = true;
  for (const e of document.querySelectorAll<HTMLElement>(mode === 'excel' ? '.excel-only' : '.browser-only')) e.hidden = false;
  ($('year') as HTMLInputElement).value = String(new Date().getFullYear() - 1);
  updateFormat();
  $('year').addEventListener('input', updateFormat);
  $('previous').addEventListener('change', () => void onPrevious());
}
