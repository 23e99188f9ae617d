/* global Office, document, window, navigator, fetch, Blob, URL, FileReader, btoa */
/**
 * The task pane: one Office.onReady that wires the DOM; the work is in actions.ts. All text is
 * Chinese; every piece of report data is put into the page as text, never as HTML.
 */
import { formatForYear, toSubmission, type FormatId, type Issue, type Report } from '../model';
import { applyTotalRepairs, clearMarks, insertTemplate, runCheck, saveExplanations, selectCell, totalRepairs, withExplanation, type CheckOutcome } from './actions';

const AREA_LABELS: Record<Issue['area'], string> = { meta: '基本信息', t2: '表二', t3: '表三', t4: '表四', narrative: '正文' };
const SEVERITY_LABELS = { error: '错误', warning: '警告', info: '提示' } as const;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

let last: CheckOutcome | undefined;
let previous: Report | undefined;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A modal question; resolves true on 确定. Focus goes to the dialog and back. */
function ask(title: string, body: Node | string, okLabel = '确定'): Promise<boolean> {
  const dialog = $('dialog');
  const returnTo = document.activeElement as HTMLElement | null;
  $('dialog-title').textContent = title;
  const bodyEl = $('dialog-body');
  bodyEl.replaceChildren(typeof body === 'string' ? el('p', {}, body) : body);
  $('dialog-ok').textContent = okLabel;
  dialog.hidden = false;
  $('dialog-ok').focus();
  return new Promise((resolve) => {
    const done = (answer: boolean) => {
      dialog.hidden = true;
      $('dialog-ok').onclick = null;
      $('dialog-cancel').onclick = null;
      dialog.onkeydown = null;
      returnTo?.focus();
      resolve(answer);
    };
    $('dialog-ok').onclick = () => done(true);
    $('dialog-cancel').onclick = () => done(false);
    dialog.onkeydown = (e) => {
      if (e.key === 'Escape') done(false);
    };
  });
}

function say(text: string, state?: 'pass' | 'fail'): void {
  const s = $('summary');
  s.textContent = text;
  s.className = state ?? '';
}

function year(): number {
  const y = Number(($('year') as HTMLInputElement).value);
  return Number.isInteger(y) && y >= 2019 && y <= 2100 ? y : new Date().getFullYear() - 1;
}

function updateFormat(): FormatId {
  const format = formatForYear(year());
  $('format-label').textContent = `使用 ${format} 版格式`;
  ($('download-template') as HTMLAnchorElement).href = `assets/template-${format}.xlsx`;
  ($('download-template') as HTMLAnchorElement).download = `政府信息公开工作年度报告模板（${format}版）.xlsx`;
  return format;
}

async function templateBase64(format: FormatId): Promise<string> {
  const res = await fetch(`assets/template-${format}.xlsx`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function renderIssues(outcome: CheckOutcome): void {
  const { result, addresses } = outcome;
  const c = result.counts;
  if (result.valid) say(`通过${c.warning ? `（${c.warning} 个警告${c.explained ? `，已说明 ${c.explained} 个` : ''}）` : ''}`, 'pass');
  else say(`${c.error} 个错误，${c.warning} 个警告`, 'fail');
  if (!outcome.marked) say(`${$('summary').textContent ?? ''}。此版本的 Excel 不能标记单元格，请按下面的地址查找。`, result.valid ? 'pass' : 'fail');

  const hints = $('hints');
  hints.replaceChildren(...result.hints.map((h) => el('p', { class: 'note' }, `提示：${h.message}`)));

  const container = $('issues');
  container.replaceChildren();
  for (const area of Object.keys(AREA_LABELS) as Issue['area'][]) {
    const issues = result.issues.filter((i) => i.area === area);
    if (issues.length === 0) continue;
    container.append(el('h3', {}, `${AREA_LABELS[area]}（${issues.length}）`));
    const list = el('ul', { class: 'issues' });
    for (const issue of issues) list.append(issueItem(issue, addresses));
    container.append(list);
  }
  ($('fill-totals') as HTMLButtonElement).disabled = totalRepairs(outcome).length === 0;
  ($('export') as HTMLButtonElement).disabled = false;
}

function issueItem(issue: Issue, addresses: Readonly<Record<string, string>>): HTMLLIElement {
  const li = el('li', { class: issue.severity });
  const address = issue.at ?? (issue.cells[0] ? addresses[issue.cells[0]] : undefined);
  const button = el('button', { type: 'button', class: 'issue' });
  button.append(el('span', {}, `${SEVERITY_LABELS[issue.severity]}：${issue.message}`));
  button.append(el('span', { class: 'where' }, `${address ?? '（无单元格）'} · ${issue.ruleId}`));
  if (address) {
    button.setAttribute('aria-label', `${SEVERITY_LABELS[issue.severity]}，${address}：${issue.message}。按下选中该单元格`);
    button.addEventListener('click', () => void selectCell(address).then((r) => !r.ok && say(r.message, 'fail')));
  } else button.disabled = false;
  li.append(button);
  if (issue.severity === 'warning') li.append(explanationEditor(issue));
  return li;
}

function explanationEditor(issue: Issue): HTMLElement {
  const box = el('div', { class: 'explain' });
  const id = `explain-${issue.ruleId}-${issue.cells[0] ?? 'none'}`.replace(/[^\w-]/g, '_');
  box.append(el('label', { for: id, class: 'note' }, '说明（如确属实际情况，请写明原因）'));
  const text = el('textarea', { id, rows: '2' });
  text.value = issue.explanation ?? '';
  const save = el('button', { type: 'button' }, '保存说明');
  const status = el('span', { class: 'explained', 'aria-live': 'polite' }, issue.explanation ? '已说明' : '');
  save.addEventListener('click', async () => {
    if (!last) return;
    const explanations = withExplanation(last.report, issue, text.value);
    const r = await saveExplanations(explanations);
    if (!r.ok) return say(r.message, 'fail');
    last = { ...last, report: { ...last.report, explanations } as Report };
    status.textContent = text.value.trim() ? '已保存' : '已删除说明';
  });
  box.append(text, save, status);
  return box;
}

async function onCheck(): Promise<void> {
  say('正在校验…');
  const r = await runCheck(previous);
  if (!r.ok) {
    last = undefined;
    $('issues').replaceChildren();
    return say(r.message, 'fail');
  }
  last = r.value;
  renderIssues(r.value);
}

async function onInsert(): Promise<void> {
  const format = updateFormat();
  const r = await insertTemplate(format, year(), templateBase64, () =>
    ask('替换年报工作表？', '工作簿中已有年报工作表。替换会删除其中已填写的内容（其他工作表不受影响）。', '替换'),
  );
  if (!r.ok) return say(r.message, 'fail');
  say(r.value === 'inserted' ? `已插入 ${format} 版模板，请从“基本信息”开始填写。` : '已取消，未作改动。');
}

async function onFillTotals(): Promise<void> {
  if (!last) return;
  const repairs = totalRepairs(last);
  if (repairs.length === 0) return say('所有合计单元格都与公式一致。');
  const list = el('ul', { class: 'changes' });
  for (const r of repairs) list.append(el('li', {}, `${r.address}（${r.where}）：${String(r.current ?? '空')} → ${r.computed}（恢复合计公式）`));
  if (!(await ask('填入以下合计？', list, '填入'))) return;
  const done = await applyTotalRepairs(repairs);
  if (!done.ok) return say(done.message, 'fail');
  await onCheck();
}

function download(name: string, text: string): boolean {
  try {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = el('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return true;
  } catch {
    return false;
  }
}

async function onExport(): Promise<void> {
  if (!last) return;
  const { report, result } = last;
  if (!result.valid && !(await ask('仍有错误', `报告还有 ${result.counts.error} 个错误。仍要导出吗？（导出的文件会记录这些错误）`, '仍然导出'))) return;
  const text = JSON.stringify(toSubmission(report, { result, exportedAt: new Date().toISOString(), generator: { name: 'xxgk-addin', version: '0.1.0' } }), null, 2);
  const name = `${report.metadata.agencyName || '年度报告'}-${report.metadata.year ?? ''}.json`;
  // Some Office hosts block downloads: offer the text to copy as well.
  const fallback = $('export-fallback');
  ($('export-text') as HTMLTextAreaElement).value = text;
  fallback.hidden = download(name, text);
  say(fallback.hidden ? `已导出 ${name}` : '请复制下方的 JSON 内容保存。', result.valid ? 'pass' : 'fail');
}

async function onCopy(): Promise<void> {
  const area = $('export-text') as HTMLTextAreaElement;
  try {
    await navigator.clipboard.writeText(area.value);
  } catch {
    area.select();
    document.execCommand('copy');
  }
  say('已复制到剪贴板。');
}

async function onPrevious(): Promise<void> {
  const input = $('previous') as HTMLInputElement;
  const file = input.files?.[0];
  const status = $('previous-status');
  previous = undefined;
  if (!file) return void (status.textContent = '');
  if (file.size > 25 * 1024 * 1024) return void (status.textContent = '文件过大，不是年度报告');
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    const isJson = /^\s*[{[]/.test(new TextDecoder().decode(bytes.subarray(0, 64)).replace(/^\uFEFF/, ''));
    if (isJson) {
      const data = JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, '')) as { kind?: string };
      // The schemas (zod) are loaded only when last year's JSON is chosen.
      const { fromSubmission, parseReport } = await import(/* webpackChunkName: "schema" */ '../model/parsing');
      const parsed = data.kind ? fromSubmission(data) : parseReport(data);
      if (!parsed.ok) return void (status.textContent = parsed.problems[0]?.message ?? '无法读取');
      previous = 'report' in parsed.value ? parsed.value.report : parsed.value;
    } else {
      // The workbook reader (ExcelJS) is loaded only when a workbook is chosen.
      const { readWorkbookBuffer } = await import(/* webpackChunkName: "xlsx-reader" */ '../workbook/load');
      previous = (await readWorkbookBuffer(bytes)).report;
    }
    status.textContent = `已载入：${previous.metadata.agencyName || '（未填机关名称）'} ${previous.metadata.year ?? ''} 年度`;
  } catch (e) {
    status.textContent = e instanceof Error ? e.message : '无法读取这个文件';
  }
}

function wire(): void {
  ($('year') as HTMLInputElement).value = String(new Date().getFullYear() - 1);
  updateFormat();
  $('year').addEventListener('input', updateFormat);
  $('insert-template').addEventListener('click', () => void onInsert());
  $('check').addEventListener('click', () => void onCheck());
  $('clear-marks').addEventListener('click', () => void clearMarks().then((r) => say(r.ok ? (r.value ? '已清除标记。' : '此版本的 Excel 没有标记可清除。') : r.message)));
  $('fill-totals').addEventListener('click', () => void onFillTotals());
  $('export').addEventListener('click', () => void onExport());
  $('copy-export').addEventListener('click', () => void onCopy());
  $('previous').addEventListener('change', () => void onPrevious());
}

Office.onReady((info) => {
  wire();
  if (info.host !== Office.HostType.Excel) {
    const note = $('host-note');
    note.hidden = false;
    note.textContent = '此页面需要在 Excel 中作为加载项打开。';
  }
});
