/* global document, window, getComputedStyle, fetch, File */
/**
 * The standalone validator: the task pane opened in a browser outside Excel. A workbook or JSON
 * is opened or dropped, validated with the same model, shown as the official tables with the
 * problem cells marked, explained, and exported. Nothing leaves the machine.
 */
import { AGENCY_KINDS, METADATA_FIELDS, SECTIONS, explanationCurrent, explanationKey, formatForYear, getFormat, metaFieldOf, printable, validateRead, withExplanation, type Explanation, type Issue, type Report, type ValidationResult } from '../model/core';
import { tableGrid } from '../sheet/table-grid';
import { markLevels, type MarkLevel, type Places } from '../sheet/places';
import { lostFormulas, totalRepairs, type TotalRepair } from '../sheet/totals';
import { readInWorker, type PendingRead } from './read-in-worker';
import { whenServed } from '../taskpane/server-probe';
import { $, backToIssues, confirmExport, confirmRender, download, el, notify, renderIssues, reportDocx, say, summarize, typedYear } from '../taskpane/ui';

/** A file handle of the File System Access API (Chromium): the same file read again without a dialog. */
interface FileHandle {
  getFile(): Promise<File>;
}
type OpenPicker = (options: { types: { description: string; accept: Record<string, string[]> }[] }) => Promise<FileHandle[]>;

interface Opened {
  readonly name: string;
  /** The file as chosen, for writing the corrected copy; and its handle where the browser gives one. */
  readonly file: File;
  readonly handle?: FileHandle;
  report: Report;
  readonly reading: readonly Issue[];
  readonly places: Places;
  readonly computed: readonly string[];
  readonly source: 'xlsx' | 'json' | 'submission';
  result?: ValidationResult;
}

/** Everything the page knows, passed to its handlers: the report open now, a read under way, last year's report. */
interface PageState {
  opened: Opened | undefined;
  reading: PendingRead | undefined;
  previous: Report | undefined;
}

/** The id of the table cell that shows a report cell. */
const cellElementId = (cellId: string) => `cell-${cellId.replace(/\./g, '-')}`;

/** One table as an HTML table: labels with their merged areas, report cells with their values and marks. */
function sheetTable(report: Report, table: 't2' | 't3' | 't4', severity: ReadonlyMap<string, MarkLevel>): HTMLElement {
  const grid = tableGrid(report, table);
  const f = getFormat(report.format);
  const t = el('table', { class: 'report' });
  // The title stands above the scrolling area, so it stays in view when a wide table scrolls.
  t.append(el('caption', { class: 'visually-hidden' }, grid.title));
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
  const box = el('div');
  box.append(el('p', { class: 'table-title', 'aria-hidden': 'true' }, grid.title), wrap);
  return box;
}

function renderTables(o: Opened): void {
  const marks = markLevels(o.result?.issues ?? [], (cell) => cell, () => undefined, (cell) => cell);
  const severity = new Map([...marks].map(([cell, m]) => [cell, m.level]));
  const m = o.report.metadata;
  const cover = el('dl', { class: 'cover' });
  // Cover-sheet issues mark their field here, as cell issues mark their cell in the tables.
  const fields = new Map<string, 'error' | 'warning'>();
  for (const i of o.result?.issues ?? []) {
    const field = i.severity === 'info' ? undefined : metaFieldOf(i);
    if (field && fields.get(field) !== 'error') fields.set(field, i.severity as 'error' | 'warning');
  }
  for (const field of METADATA_FIELDS) {
    const v = field.id === 'agencyKind' ? AGENCY_KINDS.find((k) => k.id === m.agencyKind)?.label : m[field.id];
    const mark = fields.get(field.id);
    cover.append(el('dt', {}, field.label), el('dd', { id: `meta-${field.id}`, tabindex: '-1', ...(mark ? { class: mark } : {}) }, v === undefined || v === '' ? '（未填）' : String(v)));
  }
  const narrative = el('div', { class: 'narrative' });
  for (const s of SECTIONS) {
    const t = o.report.narrative?.[s.id];
    // A text section left blank is shown as such (the formats require it); a table's section may have none.
    if (!t && 'table' in s) continue;
    narrative.append(el('h3', {}, s.heading), t ? el('p', {}, t) : el('p', { class: 'note blank-text' }, '（未填写：年度报告必须有这部分的文字）'));
  }
  $('tables').replaceChildren(cover, ...(['t2', 't3', 't4'] as const).map((t) => sheetTable(o.report, t, severity)), narrative);
  $('tables-section').hidden = false;
}

/** Scrolls to the table cell (or cover field) of an issue and highlights it; 返回问题列表 comes back. */
function highlight(issue: Issue): void {
  for (const e of document.querySelectorAll('td.focus, dd.focus')) e.classList.remove('focus');
  const field = metaFieldOf(issue);
  const target = issue.cells[0] ? document.getElementById(cellElementId(issue.cells[0])) : field ? document.getElementById(`meta-${field}`) : null;
  if (!target) return;
  target.classList.add('focus');
  const pane = $('tables-section');
  if (pane.scrollHeight > pane.clientHeight && getComputedStyle(pane).overflowY === 'auto') {
    // Side by side: only the tables scroll, the issue list stays where the clerk is.
    const r = target.getBoundingClientRect();
    const p = pane.getBoundingClientRect();
    pane.scrollBy({ top: r.top - p.top - p.height / 2 });
    const wrap = target.closest('.table-scroll');
    const w = wrap?.getBoundingClientRect();
    // Sideways only when the cell is out of view.
    if (wrap && w && (r.left < w.left || r.right > w.right)) wrap.scrollBy({ left: r.left - w.left - wrap.clientWidth / 2 });
  } else target.scrollIntoView({ block: 'center', inline: 'center' });
  target.focus({ preventScroll: true });
}

/** Validates the opened report (or shows `given`, the result the reader's worker computed) and renders it all. */
function check(state: PageState, given?: ValidationResult): void {
  const opened = state.opened;
  if (!opened) return say('请先打开一个年报文件。');
  const result = given ?? validateRead(opened, state.previous);
  opened.result = result;
  summarize(result);
  renderIssues(result, opened.places, {
    select: (_address, issue) => highlight(issue),
    explain: async (issue, t) => {
      if (state.opened !== opened) return '';
      opened.report = { ...opened.report, explanations: withExplanation(opened.report, issue, t) } as Report;
      check(state);
      return t.trim() ? '已保存（导出时一并提交）' : '已删除说明';
    },
  });
  renderTables(opened);
  renderRepairs(opened);
  $('back-to-issues').hidden = false;
  ($('export') as HTMLButtonElement).disabled = false;
  ($('render-docx') as HTMLButtonElement).disabled = false;
  // The steps above fill a laptop's screen: a result that starts below the fold is brought into view.
  const results = $('results');
  if (results.getBoundingClientRect().top > window.innerHeight * 0.6) results.scrollIntoView({ block: 'start' });
}

/**
 * Totals typed over in a workbook: the formula to type back, cell by cell (the page cannot write
 * into the clerk's spreadsheet), and a corrected copy of the workbook to download instead. With
 * nothing to repair but 说明 written, the copy keeps the 说明 in the clerk's own workbook.
 */
function renderRepairs(o: Opened): void {
  const box = $('repairs');
  const repairs = o.source === 'xlsx' ? totalRepairs(o.report, o.places, lostFormulas(o.reading)) : [];
  const explained = o.source === 'xlsx' ? (o.report.explanations?.length ?? 0) : 0;
  box.hidden = repairs.length === 0 && explained === 0;
  if (box.hidden) return box.replaceChildren();
  if (!repairs.length) {
    const button = el('button', { type: 'button', id: 'download-explained' }, '下载含说明的工作簿');
    button.addEventListener('click', () => void onCorrected(o, []));
    return box.replaceChildren(el('p', { class: 'note' }, `已写 ${explained} 条说明。下载一份保存了这些说明的工作簿副本（原文件不会被改动），用它替换原文件后再报送，说明就随工作簿一起提交。`), button);
  }
  const list = el('ul', { class: 'repairs' });
  for (const r of repairs) {
    const li = el('li');
    li.append(`${r.address}（${r.where}）：现为 ${String(r.current ?? '空白')}，应为合计 ${r.computed}。请在该格输入 `, el('code', {}, `=${r.formula}`));
    list.append(li);
  }
  const button = el('button', { type: 'button', id: 'download-corrected' }, '下载改正后的工作簿');
  button.addEventListener('click', () => void onCorrected(o, repairs));
  box.replaceChildren(el('p', { class: 'note' }, `有 ${repairs.length} 个合计格的公式被数值覆盖（分项改动后它们不会自动更新）：`), list, button, el('p', { class: 'note' }, '下载的是改正后的副本（恢复合计公式，并保存已写的说明），原文件不会被改动。'));
}

async function onCorrected(o: Opened, repairs: readonly TotalRepair[]): Promise<void> {
  let bytes: ArrayBuffer;
  try {
    bytes = await o.file.arrayBuffer();
  } catch {
    return notify('原文件已被改动或移走：请先“重新读取并校验”。', 'fail');
  }
  const { correctedWorkbook } = await import(/* webpackChunkName: "workbook-writer" */ '../workbook/browser-files');
  const blob = await correctedWorkbook(bytes, o.report, o.places, repairs, o.report.explanations ?? []);
  const name = o.name.replace(/(\.xlsx)?$/i, repairs.length ? '（已改正）.xlsx' : '（含说明）.xlsx');
  const ok = download(name, blob);
  notify(ok ? `已生成 ${name}：请用它替换原文件后重新校验` : '此浏览器不允许下载文件。', ok ? undefined : 'fail');
}

/** Opens a file in the worker, with a progress bar and 取消; the page stays responsive meanwhile. */
/**
 * 说明 written for the report opened before, carried to the one opened now (the same agency and
 * year: the corrected file) wherever the cells they explain still hold what they held.
 */
function carried(before: Opened | undefined, report: Report): Report {
  const old = before?.report.explanations ?? [];
  const same = before && before.report.metadata.agencyName === report.metadata.agencyName && before.report.metadata.year === report.metadata.year;
  if (!same || old.length === 0) return report;
  const have = new Set((report.explanations ?? []).map((e) => explanationKey(e.ruleId, e.cell, e.subject)));
  const keep: Explanation[] = old.filter((e) => !have.has(explanationKey(e.ruleId, e.cell, e.subject)) && explanationCurrent(report, e));
  return keep.length ? ({ ...report, explanations: [...(report.explanations ?? []), ...keep] } as Report) : report;
}

async function open(state: PageState, file: File, handle?: FileHandle): Promise<void> {
  state.reading?.cancel();
  const status = $('file-status');
  const progress = $('open-progress');
  status.textContent = `正在读取 ${printable(file.name)}…`;
  progress.hidden = false;
  const current = (state.reading = readInWorker(file, state.previous));
  const r = await current.done;
  if (state.reading !== current) return;
  state.reading = undefined;
  progress.hidden = true;
  if (r.ok) {
    const report = carried(state.opened, r.opened.report);
    const kept = (report.explanations?.length ?? 0) - (r.opened.report.explanations?.length ?? 0);
    state.opened = { name: file.name, file, ...(handle ? { handle } : {}), ...r.opened, report };
    status.textContent = `已打开 ${printable(file.name)}：${printable(report.metadata.agencyName) || '（未填机关名称）'} ${report.metadata.year ?? ''} 年度（${report.format} 版格式）${kept ? `；沿用了 ${kept} 条说明` : ''}`;
    $('recheck').hidden = false;
    // The worker's result stands unless 说明 were carried over, which it did not see.
    return check(state, kept ? undefined : r.result);
  }
  if (r.cancelled) {
    status.textContent = `已取消读取 ${printable(file.name)}`;
    if (!state.opened) say('已取消。请打开或拖入填好的年报工作簿（.xlsx）或导出的 JSON。');
    return;
  }
  state.opened = undefined;
  $('recheck').hidden = true;
  $('back-to-issues').hidden = true;
  $('repairs').hidden = true;
  $('issues').replaceChildren();
  $('hints').replaceChildren();
  $('tables').replaceChildren();
  $('tables-section').hidden = true;
  ($('export') as HTMLButtonElement).disabled = true;
  ($('render-docx') as HTMLButtonElement).disabled = true;
  status.textContent = `${printable(file.name)}：${printable(r.message)}`;
  say(`${printable(file.name)}：${printable(r.message)}`, 'fail');
}

async function onExport(opened: Opened | undefined): Promise<void> {
  if (!opened?.result) return;
  const { report, result } = opened;
  if (!(await confirmExport(result))) return;
  // Hashing and canonical JSON load only for an export: the page opens and validates without them.
  const { exportSubmission } = await import(/* webpackChunkName: "export" */ '../flows/export');
  const { text, name } = exportSubmission(report, result, 'xxgk-web');
  download(name, text);
  notify(`已导出 ${name}`, result.valid ? 'pass' : 'fail');
}

async function onRender(o: Opened): Promise<void> {
  if (!(await confirmRender(o.result))) return;
  const { name, blob } = await reportDocx(o.report, o.result);
  notify(download(name, blob) ? `已生成 ${name}` : '此浏览器不允许下载文件。');
}

/** 下载模板 on the page: the template with the year and 机关名称 typed above it already filled in. */
async function onTemplate(e: Event, other: boolean): Promise<void> {
  e.preventDefault();
  const typed = typedYear();
  if ('problem' in typed) return notify(typed.problem, 'fail');
  const own = formatForYear(typed.year);
  const format = other ? (own === '2021' ? '2019' : '2021') : own;
  const { personalTemplate } = await import(/* webpackChunkName: "workbook-writer" */ '../workbook/browser-files');
  const agency = ($('agency-name') as HTMLInputElement).value;
  const name = `${agency.trim() ? `${agency.trim()}` : ''}政府信息公开工作年度报告（${typed.year}年度，${format}版）.xlsx`.replace(/[\\/:*?"<>|]/g, '_');
  notify(download(name, await personalTemplate(format, typed.year, agency)) ? `已下载 ${name}` : '此浏览器不允许下载文件。');
}

/** Opens a report: through the File System Access API where there is one (so it can be read again without a dialog), else the file input. */
async function choose(state: PageState): Promise<void> {
  const picker = (window as unknown as { showOpenFilePicker?: OpenPicker }).showOpenFilePicker;
  if (!picker) return ($('report-file') as HTMLInputElement).click();
  let handles: FileHandle[];
  try {
    handles = await picker({ types: [{ description: '年报工作簿或 JSON', accept: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'], 'application/json': ['.json'] } }] });
  } catch {
    return; // The dialog was closed.
  }
  const handle = handles[0];
  if (handle) await open(state, await handle.getFile(), handle);
}

/** 重新读取并校验: the same file as it is now on disk; without a handle, the file dialog once more. */
async function recheck(state: PageState): Promise<void> {
  const o = state.opened;
  if (o?.handle) {
    try {
      return await open(state, await o.handle.getFile(), o.handle);
    } catch {
      notify('无法再次读取这个文件（可能被移走或改名），请重新选择。', 'fail');
    }
  }
  ($('report-file') as HTMLInputElement).click();
}

/** Wires the page; `setPrevious` takes last year's report (chosen on the page), checking the open report again with it. */
export function wireStandalone(): { setPrevious(previous: Report | undefined): void } {
  const state: PageState = { opened: undefined, reading: undefined, previous: undefined };
  const input = $('report-file') as HTMLInputElement;
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    // Cleared at once, so choosing the same file again (after correcting it) reads it again.
    input.value = '';
    if (file) void open(state, file);
  });
  $('cancel-open').addEventListener('click', () => state.reading?.cancel());
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
    if (file) void open(state, file);
  });
  $('check').addEventListener('click', () => check(state));
  $('export').addEventListener('click', () => void onExport(state.opened));
  $('render-docx').addEventListener('click', () => state.opened && void onRender(state.opened));
  $('back-to-issues').addEventListener('click', backToIssues);
  $('recheck').addEventListener('click', () => void recheck(state));
  // The Chinese button opens the system's picker with a handle where the browser has the API.
  document.querySelector('label[for="report-file"]')!.addEventListener('click', (e) => {
    if (!(window as unknown as { showOpenFilePicker?: OpenPicker }).showOpenFilePicker) return;
    e.preventDefault();
    void choose(state);
  });
  $('download-template').addEventListener('click', (e) => void onTemplate(e, false));
  $('download-template-other').addEventListener('click', (e) => void onTemplate(e, true));
  say('请打开或拖入填好的年报工作簿（.xlsx）或导出的 JSON。');
  void whenServed(() => (state.opened?.result ? { report: state.opened.report, result: state.opened.result } : undefined), 'xxgk-web');
  void openServerVersion(state);
  return {
    setPrevious(previous) {
      state.previous = previous;
      if (state.opened) check(state);
    },
  };
}

/** The office's board opens a unit's version here (validator.html?version=N): fetched from the server with the board's session. */
async function openServerVersion(state: PageState): Promise<void> {
  const id = new URLSearchParams(window.location.search).get('version');
  if (!id || !/^\d+$/.test(id)) return;
  const res = await fetch(`/api/admin/versions/${id}/file`, { credentials: 'same-origin' }).catch(() => undefined);
  if (!res?.ok) return say(res?.status === 401 ? '请先在看板登录，再打开报送的版本。' : '无法取得这个报送版本。', 'fail');
  const name = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? `版本${id}`);
  await open(state, new File([await res.blob()], name));
}
