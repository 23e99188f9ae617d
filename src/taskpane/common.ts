/* global document */
/** What the task pane in Excel and the standalone validator page share: the year, the template links, last year's file. */
import type { Report } from '../model';
import { readReportFile } from './read-file';
import { $, updateFormat } from './ui';

/** Reads the file chosen as last year's report and says what it is; undefined when none is chosen or it cannot be read. */
async function readPrevious(): Promise<Report | undefined> {
  const file = ($('previous') as HTMLInputElement).files?.[0];
  const status = $('previous-status');
  if (!file) {
    status.textContent = '';
    return undefined;
  }
  try {
    const previous = (await readReportFile(file)).report;
    status.textContent = `已载入：${previous.metadata.agencyName || '（未填机关名称）'} ${previous.metadata.year ?? ''} 年度`;
    return previous;
  } catch (e) {
    status.textContent = e instanceof Error ? e.message : '无法读取这个文件';
    return undefined;
  }
}

/**
 * Shows the parts of the page for this mode and wires the shared controls. `onPrevious` receives
 * last year's report each time one is chosen or removed (undefined then): the page keeps it in its state.
 */
export function wireCommon(mode: 'excel' | 'browser', onPrevious: (previous: Report | undefined) => void): void {
  for (const e of document.querySelectorAll<HTMLElement>(mode === 'excel' ? '.browser-only' : '.excel-only')) e.hidden = true;
  for (const e of document.querySelectorAll<HTMLElement>(mode === 'excel' ? '.excel-only' : '.browser-only')) e.hidden = false;
  ($('year') as HTMLInputElement).value = String(new Date().getFullYear() - 1);
  updateFormat();
  $('year').addEventListener('input', updateFormat);
  $('previous').addEventListener('change', () => void readPrevious().then(onPrevious));
}
