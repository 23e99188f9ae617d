/* global document, window */
/**
 * The standalone validator: the task pane opened in a browser outside Excel. A workbook or JSON
 * is opened or dropped, validated with the same model, shown as the official tables with the
 * problem cells marked, explained, and exported. Nothing leaves the machine.
 */
import { AGENCY_KINDS, METADATA_FIELDS, SECTIONS, getFormat, toSubmission, validate, type Issue, type Report, type ValidationResult } from '../model';
import { getLayout, type SheetId } from '../model/layout';
import { rawValue } from '../model/view';
import { withExplanation } from './actions';
import { readReportFile } from './read-file';
import { $, confirmExport, download, el, exportName, renderIssues, say, summarize } from './ui';

interface Opened {
  readonly name: string;
  report: Report;
  readonly reading: readonly Issue[];
  readonly addresses: Readonly<Record<string, string>>;
  result?: ValidationResult;
}

let opened: Opened | undefined;

/** The id of the table cell that shows a report cell. */
const cellElementId = (cellId: string) => `cell-${cellId.replace(/\./g, '-')}`;

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'error' in (v as object)) return String((v as { error: unknown }).error);
  return String(v);
}

/** One sheet of the template as an HTML table: labels with their merged areas, report cells with their values. */
function sheetTable(report: Report, sheet: SheetId, severity: ReadonlyMap<string, 'error' | 'warning'>): HTMLElement {
  const layout = getLayout(report.format);
  const f = getFormat(report.format);
  const cells = [...layout.cells].filter(([, p]) => p.sheet === sheet);
  // The check column and rows are the workbook's own self-check: the page shows the issues instead.
  const lastCol = Math.max(...cells.map(([, p]) => p.col));
  const labels = layout.labels.filter((l) => l.sheet === sheet && l.role !== 'checkLabel' && l.role !== 'title' && l.col <= lastCol);
  const top = Math.min(...labels.map((l) => l.row), ...cells.map(([, p]) => p.row));
  const bottom = Math.max(...labels.map((l) => l.row + (l.rows ?? 1) - 1), ...cells.map(([, p]) => p.row));
  const right = lastCol;
  const covered = new Set<string>();
  const table = el('table', { class: 'report' });
  const title = layout.labels.find((l) => l.sheet === sheet && l.role === 'title');
  if (title) table.append(el('caption', {}, title.text));
  for (let r = top; r <= bottom; r++) {
    const tr = el('tr');
    for (let c = 1; c <= right; c++) {
      if (covered.has(`${r},${c}`)) continue;
      const label = labels.find((l) => l.row === r && l.col === c);
      const cell = cells.find(([, p]) => p.row === r && p.col === c);
      if (label) {
        const th = el('th', { ...(label.role === 'rowLabel' ? { class: 'rowlabel', scope: 'row' } : { scope: 'col' }) }, label.text);
        if ((label.rows ?? 1) > 1) th.rowSpan = label.rows!;
        if ((label.cols ?? 1) > 1) th.colSpan = Math.min(label.cols!, right - c + 1);
        for (let dr = 0; dr < (label.rows ?? 1); dr++) for (let dc = 0; dc < (label.cols ?? 1); dc++) covered.add(`${r + dr},${c + dc}`);
        tr.append(th);
      } else if (cell) {
        const [id] = cell;
        const def = f.byId.get(id)!;
        const classes = [def.derived ? 'total' : '', severity.get(id) ?? ''].filter(Boolean).join(' ');
        const td = el('td', { id: cellElementId(id), tabindex: '-1', title: `${def.rowTitle} · ${def.colLabel}`, ...(classes ? { class: classes } : {}) }, text(rawValue(report, id)));
        tr.append(td);
      } else if (r >= top) tr.append(el('td'));
    }
    table.append(tr);
  }
  const wrap = el('div', { class: 'table-scroll' });
  wrap.append(table);
  return wrap;
}

function renderTables(o: Opened): void {
  const severity = new Map<string, 'error' | 'warning'>();
  for (const i of o.result?.issues ?? []) {
    for (const c of i.cells.slice(0, 1)) {
      if (i.severity === 'error') severity.set(c, 'error');
      else if (i.severity === 'warning' && !severity.has(c)) severity.set(c, 'warning');
    }
  }
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

function check(previous: Report | undefined): void {
  if (!opened) return say('请先打开一个年报文件。');
  const result = validate(opened.report, { ...(previous ? { previous } : {}), reading: opened.reading });
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
}

async function open(file: File, previous: () => Report | undefined): Promise<void> {
  const status = $('file-status');
  status.textContent = `正在读取 ${file.name}…`;
  try {
    const r = await readReportFile(file);
    opened = { name: file.name, ...r };
    status.textContent = `已打开 ${file.name}：${r.report.metadata.agencyName || '（未填机关名称）'} ${r.report.metadata.year ?? ''} 年度（${r.report.format} 版格式）`;
    check(previous());
  } catch (e) {
    opened = undefined;
    $('issues').replaceChildren();
    $('hints').replaceChildren();
    $('tables').replaceChildren();
    $('tables-section').hidden = true;
    ($('export') as HTMLButtonElement).disabled = true;
    const message = e instanceof Error && /[\u4e00-\u9fff]/.test(e.message) ? e.message : '无法读取这个文件';
    status.textContent = `${file.name}：${message}`;
    say(`${file.name}：${message}`, 'fail');
  }
}

async function onExport(): Promise<void> {
  if (!opened?.result) return;
  const { report, result } = opened;
  if (!(await confirmExport(result))) return;
  const doc = toSubmission(report, { result, exportedAt: new Date().toISOString(), generator: { name: 'xxgk-web', version: '0.1.0' } });
  const name = exportName(report);
  download(name, `${JSON.stringify(doc, null, 2)}\n`);
  say(`已导出 ${name}`, result.valid ? 'pass' : 'fail');
}

export function wireStandalone(previous: () => Report | undefined): void {
  const input = $('report-file') as HTMLInputElement;
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) void open(file, previous);
  });
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
  window.addEventListener('xxgk:previous', () => opened && check(previous()));
  say('请打开或拖入填好的年报工作簿（.xlsx）或导出的 JSON。');
}
