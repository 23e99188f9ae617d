/* global document, window */
/**
 * The standalone validator: the task pane opened in a browser outside Excel. A workbook or JSON
 * is opened or dropped, validated with the same model, shown as the official tables with the
 * problem cells marked, explained, and exported. Nothing leaves the machine.
 */
import { VERSION } from '../version';
import { AGENCY_KINDS, METADATA_FIELDS, SECTIONS, getFormat, toSubmission, validateRead, withExplanation, type Issue, type Report, type ValidationResult } from '../model/core';
import { tableGrid } from '../sheet/table-grid';
import { markLevels, type MarkLevel } from '../sheet/places';
import { readInWorker, type PendingRead } from './read-in-worker';
import { $, confirmExport, download, el, exportName, renderIssues, reportDocx, say, summarize } from './ui';

interface Opened {
  readonly name: string;
  report: Report;
  readonly reading: readonly Issue[];
  readonly addresses: Readonly<Record<string, string>>;
  readonly computed: readonly string[];
  result?: ValidationResult;
}

let opened: Opened | undefined;

/** The id of the table cell that shows a report cell. */
const cellElementId = (cellId: string) => `cell-${cellId.replace(/\./g, '-')}`;

/** One table as an HTML table: labels with their merged areas, report cells with their values and marks. */
function sheetTable(report: Report, table: 't2' | 't3' | 't4', severity: ReadonlyMap<string, MarkLevel>): HTMLElement {
  const grid = tableGrid(report, table);
  const f = getFormat(report.format);
  const t = el('table', { class: 'report' });
  t.append(el('caption', {}, grid.title));
  for (const row of grid.rows) {
    const tr = el('tr');
    for (const c of row) {
      if (c.header) {
        const th = el('th', c.rowLabel ? { class: 'rowlabel', scope: 'row' } : { scope: 'col' }, c.text);
        if (c.rowSpan > 1) th.rowSpan = c.rowSpan;
        if (c.colSpan > 1) th.colSpan = c.colSpan;
        tr.append(th);
      } else if (c.cellId) {
        const def = f.byId.get(c.cellId)!;
        const classes = [c.total ? 'total' : '', severity.get(c.cellId) ?? ''].filter(Boolean).join(' ');
        tr.append(el('td', { id: cellElementId(c.cellId), tabindex: '-1', title: `${def.rowTitle} · ${def.colLabel}`, ...(classes ? { class: classes } : {}) }, c.text));
      } else tr.append(el('td'));
    }
    t.append(tr);
  }
  const wrap = el('div', { class: 'table-scroll' });
  wrap.append(t);
  return wrap;
}

function renderTables(o: Opened): void {
  const severity = markLevels(o.result?.issues ?? [], (cell) => cell, () => undefined);
  const m = o.report.metadata;
  const cover = el('dl', { class: 'cover' });
  for (const field of METADATA_FIELDS) {
    const v = field.id === 'agencyKind' ? AGENCY_KINDS.find((k) => k.id === m.agencyKind)?.label : m[field.id];
    cover.append(el('dt', {}, field.label), el('dd', {}, v === undefined || v === '' ? '（未填）' : String(v)));
  }
  const narrative = el('div', { class: 'narrative' });
  for (const s of SECTIONS) {
    const t = o.report.narrative?.[s.id];
    if (!t) continue;
    narrative.append(el('h3', {}, s.heading), el('p', {}, t));
  }
  $('tables').replaceChildren(cover, ...(['t2', 't3', 't4'] as const).map((t) => sheetTable(o.report, t, severity)), narrative);
  $('tables-section').hidden = false;
}

/** Scrolls to the table cell of an issue and highlights it. */
function highlight(issue: Issue): void {
  for (const e of document.querySelectorAll('td.focus')) e.classList.remove('focus');
  const target = issue.cells[0] ? document.getElementById(cellElementId(issue.cells[0])) : null;
  if (!target) return;
  target.classList.add('focus');
  target.scrollIntoView({ block: 'center', inline: 'center' });
  target.focus({ preventScroll: true });
}

/** Validates the opened report (or shows `given`, the result the reader's worker computed) and renders it all. */
function check(previous: Report | undefined, given?: ValidationResult): void {
  if (!opened) return say('请先打开一个年报文件。');
  const result = given ?? validateRead(opened, previous);
  opened.result = result;
  summarize(result);
  renderIssues(result, opened.addresses, {
    select: (_address, issue) => highlight(issue),
    explain: async (issue, t) => {
      if (!opened) return '';
      opened.report = { ...opened.report, explanations: withExplanation(opened.report, issue, t) } as Report;
      check(previous);
      return t.trim() ? '已保存（导出时一并提交）' : '已删除说明';
    },
  });
  renderTables(opened);
  ($('export') as HTMLButtonElement).disabled = false;
  ($('render-docx') as HTMLButtonElement).disabled = false;
}

let reading: PendingRead | undefined;

/** Opens a file in the worker, with a progress bar and 取消; the page stays responsive meanwhile. */
async function open(file: File, previous: () => Report | undefined): Promise<void> {
  reading?.cancel();
  const status = $('file-status');
  const progress = $('open-progress');
  status.textContent = `正在读取 ${file.name}…`;
  progress.hidden = false;
  const current = (reading = readInWorker(file, previous()));
  const r = await current.done;
  if (reading !== current) return;
  reading = undefined;
  progress.hidden = true;
  if (r.ok) {
    opened = { name: file.name, ...r.opened };
    status.textContent = `已打开 ${file.name}：${r.opened.report.metadata.agencyName || '（未填机关名称）'} ${r.opened.report.metadata.year ?? ''} 年度（${r.opened.report.format} 版格式）`;
    return check(previous(), r.result);
  }
  if (r.cancelled) {
    status.textContent = `已取消读取 ${file.name}`;
    if (!opened) say('已取消。请打开或拖入填好的年报工作簿（.xlsx）或导出的 JSON。');
    return;
  }
  opened = undefined;
  $('issues').replaceChildren();
  $('hints').replaceChildren();
  $('tables').replaceChildren();
  $('tables-section').hidden = true;
  ($('export') as HTMLButtonElement).disabled = true;
  ($('render-docx') as HTMLButtonElement).disabled = true;
  status.textContent = `${file.name}：${r.message}`;
  say(`${file.name}：${r.message}`, 'fail');
}

async function onExport(): Promise<void> {
  if (!opened?.result) return;
  const { report, result } = opened;
  if (!(await confirmExport(result))) return;
  const doc = toSubmission(report, { result, exportedAt: new Date().toISOString(), generator: { name: 'xxgk-web', version: VERSION } });
  const name = exportName(report);
  download(name, `${JSON.stringify(doc, null, 2)}\n`);
  say(`已导出 ${name}`, result.valid ? 'pass' : 'fail');
}

async function onRender(report: Report): Promise<void> {
  const { name, blob } = await reportDocx(report);
  say(download(name, blob) ? `已生成 ${name}` : '此浏览器不允许下载文件。');
}

export function wireStandalone(previous: () => Report | undefined): void {
  const input = $('report-file') as HTMLInputElement;
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    // Cleared at once, so choosing the same file again (after correcting it) reads it again.
    input.value = '';
    if (file) void open(file, previous);
  });
  $('cancel-open').addEventListener('click', () => reading?.cancel());
  const zone = $('drop-zone');
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    const file = e.dataTransfer?.files?.[0];
    if (file) void open(file, previous);
  });
  $('check').addEventListener('click', () => check(previous()));
  $('export').addEventListener('click', () => void onExport());
  $('render-docx').addEventListener('click', () => opened && void onRender(opened.report));
  window.addEventListener('xxgk:previous', () => opened && check(previous()));
  say('请打开或拖入填好的年报工作簿（.xlsx）或导出的 JSON。');
}
