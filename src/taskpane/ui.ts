/* global document, window, Blob, URL */
/**
 * DOM pieces shared by the task pane in Excel and the standalone page: the result summary, the
 * issue list grouped by table, explanation boxes, dialogs, downloads. Report data always goes into
 * the page as text (textContent), never as HTML.
 */
import { formatForYear, type FormatId, type Issue, type Report, type ValidationResult, AREA_LABELS, SEVERITY_LABELS } from '../model/core';
import { issueAddress } from '../sheet/places';


export const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A modal question; resolves true on the OK button. Focus goes to the dialog and back. */
export function ask(title: string, body: Node | string, okLabel = '确定'): Promise<boolean> {
  const dialog = $('dialog');
  const returnTo = document.activeElement as HTMLElement | null;
  $('dialog-title').textContent = title;
  $('dialog-body').replaceChildren(typeof body === 'string' ? el('p', {}, body) : body);
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

export function say(text: string, state?: 'pass' | 'fail'): void {
  const s = $('summary');
  s.textContent = text;
  s.className = state ?? '';
}

export function reportYear(): number {
  const y = Number(($('year') as HTMLInputElement).value);
  return Number.isInteger(y) && y >= 2019 && y <= 2100 ? y : new Date().getFullYear() - 1;
}

const templateName = (format: FormatId) => `政府信息公开工作年度报告模板（${format}版）.xlsx`;

/** The format for the chosen year, and the template links that go with it. */
export function updateFormat(): FormatId {
  const format = formatForYear(reportYear());
  $('format-label').textContent = `使用 ${format} 版格式`;
  const link = $('download-template') as HTMLAnchorElement;
  link.href = `assets/template-${format}.xlsx`;
  link.download = templateName(format);
  link.textContent = `下载模板（${format} 版）`;
  const other: FormatId = format === '2021' ? '2019' : '2021';
  const otherLink = $('download-template-other') as HTMLAnchorElement;
  otherLink.href = `assets/template-${other}.xlsx`;
  otherLink.download = templateName(other);
  otherLink.textContent = `下载模板（${other} 版）`;
  return format;
}

export function summarize(result: ValidationResult, note = ''): void {
  const c = result.counts;
  if (result.valid) say(`通过${c.warning ? `（${c.warning} 个警告${c.explained ? `，已说明 ${c.explained} 个` : ''}）` : ''}${note}`, 'pass');
  else say(`${c.error} 个错误，${c.warning} 个警告${note}`, 'fail');
}

export interface IssueHandlers {
  /** Called when the user activates an issue that has a place. */
  select(address: string, issue: Issue): void;
  /** Saves an explanation (empty text removes it); resolves to a status text. */
  explain(issue: Issue, text: string): Promise<string>;
}

/** The issue list, grouped by table, each issue a button that selects its cell. */
export function renderIssues(result: ValidationResult, addresses: Readonly<Record<string, string>>, handlers: IssueHandlers): void {
  $('hints').replaceChildren(...result.hints.map((h) => el('p', { class: 'note' }, `提示：${h.message}`)));
  const container = $('issues');
  container.replaceChildren();
  for (const area of Object.keys(AREA_LABELS) as Issue['area'][]) {
    const issues = result.issues.filter((i) => i.area === area);
    if (issues.length === 0) continue;
    container.append(el('h3', {}, `${AREA_LABELS[area]}（${issues.length}）`));
    const list = el('ul', { class: 'issues' });
    for (const issue of issues) list.append(issueItem(issue, addresses, handlers));
    container.append(list);
  }
}

function issueItem(issue: Issue, addresses: Readonly<Record<string, string>>, handlers: IssueHandlers): HTMLLIElement {
  const li = el('li', { class: issue.severity, 'data-rule': issue.ruleId });
  const address = issueAddress(issue, addresses);
  const button = el('button', { type: 'button', class: 'issue' });
  button.append(el('span', {}, `${SEVERITY_LABELS[issue.severity]}：${issue.message}`));
  button.append(el('span', { class: 'where' }, `${address ?? '（无单元格）'} · ${issue.ruleId}`));
  if (address) {
    button.setAttribute('data-address', address);
    button.addEventListener('click', () => handlers.select(address, issue));
  }
  li.append(button);
  if (issue.severity === 'warning') li.append(explanationEditor(issue, handlers));
  return li;
}

function explanationEditor(issue: Issue, handlers: IssueHandlers): HTMLElement {
  const box = el('div', { class: 'explain' });
  const id = `explain-${issue.ruleId}-${issue.cells[0] ?? 'none'}`.replace(/[^\w-]/g, '_');
  box.append(el('label', { for: id, class: 'note' }, '说明（如确属实际情况，请写明原因）'));
  const text = el('textarea', { id, rows: '2' });
  text.value = issue.explanation ?? '';
  const save = el('button', { type: 'button' }, '保存说明');
  const status = el('span', { class: 'explained', 'aria-live': 'polite' }, issue.explanation ? '已说明' : '');
  save.addEventListener('click', () => void handlers.explain(issue, text.value).then((s) => (status.textContent = s)));
  box.append(text, save, status);
  return box;
}

/** Offers a file for download; false where the host blocks it. */
export function download(name: string, content: string | Blob, type = 'application/json'): boolean {
  try {
    const url = URL.createObjectURL(typeof content === 'string' ? new Blob([content], { type }) : content);
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

/** 生成报告: the publishable Word file and its name (the docx library is loaded only now). */
export async function reportDocx(report: Report): Promise<{ name: string; blob: Blob }> {
  const { renderDocxBlob } = await import(/* webpackChunkName: "render-docx" */ '../publish/render-docx');
  const name = `${report.metadata.agencyName || ''}${report.metadata.year ?? ''}年政府信息公开工作年度报告.docx`.replace(/[\\/:*?"<>|]/g, '_');
  return { name, blob: await renderDocxBlob(report) };
}

export function exportName(report: Report): string {
  return `${report.metadata.agencyName || '年度报告'}-${report.metadata.year ?? ''}.json`.replace(/[\\/:*?"<>|]/g, '_');
}

/** Asks before exporting a report that still has errors. */
export async function confirmExport(result: ValidationResult): Promise<boolean> {
  return result.valid || ask('仍有错误', `报告还有 ${result.counts.error} 个错误。仍要导出吗？（导出的文件会记录这些错误）`, '仍然导出');
}
