/* global document, window, Blob, URL */
/**
 * DOM pieces shared by the task pane in Excel and the standalone page: the result summary, the
 * issue list grouped by table, explanation boxes, dialogs, downloads. Report data always goes into
 * the page as text (textContent), never as HTML.
 */
import { formatForYear, getFormat, type FormatId, type Issue, type Report, type ValidationResult, AREA_LABELS, SEVERITY_LABELS, cellGroupMessage } from '../model/core';
import { issueAddress, issuePlace, type Place, type Places } from '../sheet/places';
import { placeText } from '../sheet/a1';

export const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), textarea:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal question; resolves true on the OK button. Focus goes to the dialog, stays in it (Tab
 * cycles through its buttons), and goes back where it was; Escape answers no from anywhere.
 */
export function ask(title: string, body: Node | string, okLabel = '确定'): Promise<boolean> {
  const dialog = $('dialog');
  const returnTo = document.activeElement as HTMLElement | null;
  $('dialog-title').textContent = title;
  $('dialog-body').replaceChildren(typeof body === 'string' ? el('p', {}, body) : body);
  $('dialog-ok').textContent = okLabel;
  dialog.hidden = false;
  // The safe choice has the focus: Enter on a risky question does not go ahead.
  $('dialog-cancel').focus();
  return new Promise((resolve) => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        done(false);
      } else if (e.key === 'Tab') {
        const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
        const i = items.indexOf(document.activeElement as HTMLElement);
        const next = e.shiftKey ? (i <= 0 ? items.length - 1 : i - 1) : i === items.length - 1 || i < 0 ? 0 : i + 1;
        e.preventDefault();
        items[next]?.focus();
      }
    };
    // Focus that leaves the dialog anyway (a click behind it) is brought back.
    const onFocus = (e: FocusEvent) => {
      if (!dialog.contains(e.target as Node)) $('dialog-cancel').focus();
    };
    const done = (answer: boolean) => {
      dialog.hidden = true;
      $('dialog-ok').onclick = null;
      $('dialog-cancel').onclick = null;
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('focusin', onFocus, true);
      returnTo?.focus();
      resolve(answer);
    };
    $('dialog-ok').onclick = () => done(true);
    $('dialog-cancel').onclick = () => done(false);
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('focusin', onFocus, true);
  });
}

/** What an action (export, report, download) did: its own line, so the validation result stays in view. */
export function notify(text: string, state?: 'pass' | 'fail'): void {
  const s = $('action-status');
  s.textContent = text;
  s.className = `note${state ? ` ${state}` : ''}`;
}

export function say(text: string, state?: 'pass' | 'fail'): void {
  const s = $('summary');
  s.textContent = text;
  s.className = state ?? '';
}

/** The year typed on the page, or undefined with the reason when it is not one this system has a format for. */
export function typedYear(): { year: number } | { problem: string } {
  const text = ($('year') as HTMLInputElement).value.trim();
  const y = Number(text);
  if (!text || !Number.isInteger(y)) return { problem: '请填写报告年度（如 2024）' };
  if (y < 2019) return { problem: `${y} 年度的报告没有统一的表格格式：本系统从 2019 年度（《中华人民共和国政府信息公开条例》修订后）开始支持` };
  if (y > 2100) return { problem: '报告年度不对，请检查' };
  return { year: y };
}

export function reportYear(): number {
  const t = typedYear();
  return 'year' in t ? t.year : new Date().getFullYear() - 1;
}

const templateName = (format: FormatId) => `政府信息公开工作年度报告模板（${format}版）.xlsx`;

/** The format for the chosen year, and the template links that go with it; a year without a format says so and offers no template. */
export function updateFormat(): FormatId | undefined {
  const typed = typedYear();
  const link = $('download-template') as HTMLAnchorElement;
  const otherLink = $('download-template-other') as HTMLAnchorElement;
  const insert = document.getElementById('insert-template') as HTMLButtonElement | null;
  if ('problem' in typed) {
    $('format-label').textContent = typed.problem;
    for (const a of [link, otherLink]) a.setAttribute('aria-disabled', 'true');
    if (insert) insert.disabled = true;
    return undefined;
  }
  const format = formatForYear(typed.year);
  for (const a of [link, otherLink]) a.removeAttribute('aria-disabled');
  if (insert) insert.disabled = false;
  $('format-label').textContent = `使用 ${format} 版格式`;
  link.href = `assets/template-${format}.xlsx`;
  link.download = templateName(format);
  link.textContent = `下载模板（${format} 版）`;
  const other: FormatId = format === '2021' ? '2019' : '2021';
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
  select(place: Place, issue: Issue): void;
  /** Saves an explanation (empty text removes it); resolves to a status text. */
  explain(issue: Issue, text: string): Promise<string>;
}

const SEVERITY_RANK: Record<Issue['severity'], number> = { error: 0, warning: 1, info: 2 };
/** Fewer issues of one cell rule in one column than this are listed one by one (表二's columns have two or three rows). */
const GROUP_FROM = 2;

/** One cell rule's issues in one column, as one expandable line; the others one by one. */
function grouped(issues: readonly Issue[], format: FormatId | undefined): (Issue | { key: string; label: string; items: Issue[] })[] {
  const out: (Issue | { key: string; label: string; items: Issue[] })[] = [];
  const f = format ? getFormat(format) : undefined;
  const groups = new Map<string, { key: string; label: string; items: Issue[] }>();
  const keyOf = (i: Issue) => {
    const cell = i.cells.length === 1 && f ? f.byId.get(i.cells[0]!) : undefined;
    return cell && i.ruleId.startsWith('CELL-') ? { key: `${i.ruleId}|${cell.table}|${cell.col}`, cell } : undefined;
  };
  const counts = new Map<string, number>();
  for (const i of issues) {
    const k = keyOf(i)?.key;
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  for (const i of issues) {
    const k = keyOf(i);
    const n = k ? counts.get(k.key)! : 0;
    const label = k && n >= GROUP_FROM ? cellGroupMessage(i.ruleId, f!.tables.find((t) => t.id === k.cell.table)!.name, k.cell.colLabel, n) : undefined;
    if (!k || !label) {
      out.push(i);
      continue;
    }
    let g = groups.get(k.key);
    if (!g) {
      g = { key: k.key, label, items: [] };
      groups.set(k.key, g);
      out.push(g);
    }
    g.items.push(i);
  }
  return out;
}

/**
 * The issue list: by table, errors before warnings before notes, repeated cell findings of one
 * column as one expandable line; each issue a button that selects its cell. The filter shows one severity.
 */
export function renderIssues(result: ValidationResult, places: Places, handlers: IssueHandlers): void {
  $('hints').replaceChildren(...result.hints.map((h) => el('p', { class: 'note hint' }, `提示：${h.message}`)));
  const container = $('issues');
  container.replaceChildren();
  // Numbers the 说明 boxes of this list: drawn again in the same order, a box keeps its id (and its focus).
  const draw = { places, handlers, boxes: 0 };
  for (const area of Object.keys(AREA_LABELS) as Issue['area'][]) {
    const issues = result.issues.filter((i) => i.area === area).sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
    if (issues.length === 0) continue;
    const section = el('div', { class: 'area' });
    section.append(el('h3', {}, `${AREA_LABELS[area]}（${issues.length}）`));
    const list = el('ul', { class: 'issues' });
    for (const item of grouped(issues, result.format)) {
      if ('ruleId' in item) {
        list.append(issueItem(item, draw));
        continue;
      }
      const severity = item.items[0]!.severity;
      const li = el('li', { class: `group ${severity}`, 'data-severity': severity });
      const details = el('details');
      details.append(el('summary', {}, `${SEVERITY_LABELS[severity]}：${item.label}`));
      const inner = el('ul', { class: 'issues' });
      for (const i of item.items) inner.append(issueItem(i, draw));
      details.append(inner);
      li.append(details);
      list.append(li);
    }
    section.append(list);
    container.append(section);
  }
  const filter = document.getElementById('severity-filter');
  if (filter) {
    filter.hidden = result.issues.length === 0;
    applyFilter();
    filter.onchange = applyFilter;
  }
}

/** Shows the issues of the chosen severity (all by default); an area with none left is hidden too. */
function applyFilter(): void {
  const chosen = (document.querySelector('input[name="severity-filter"]:checked') as HTMLInputElement | null)?.value ?? 'all';
  for (const li of document.querySelectorAll<HTMLElement>('#issues li[data-severity]')) li.hidden = chosen !== 'all' && li.dataset.severity !== chosen;
  for (const area of document.querySelectorAll<HTMLElement>('#issues .area')) area.hidden = !area.querySelector('li[data-severity]:not([hidden])');
}

/** The list being drawn: where cells are, what clicks do, how many 说明 boxes so far. */
interface ListDraw {
  readonly places: Places;
  readonly handlers: IssueHandlers;
  boxes: number;
}

/** The issue button clicked last is marked, for 返回问题列表 (a list drawn anew has none). */
const LAST_CLICKED = 'last-clicked';

function issueItem(issue: Issue, draw: ListDraw): HTMLLIElement {
  const { places, handlers } = draw;
  const li = el('li', { class: issue.severity, 'data-rule': issue.ruleId, 'data-severity': issue.severity });
  const place = issuePlace(issue, places);
  const address = issueAddress(issue, places);
  const button = el('button', { type: 'button', class: 'issue' });
  button.append(el('span', {}, `${SEVERITY_LABELS[issue.severity]}：${issue.message}`));
  button.append(el('span', { class: 'where' }, address ?? ''));
  if (place) {
    button.setAttribute('data-address', placeText(place));
    button.addEventListener('click', () => {
      for (const b of document.querySelectorAll(`#issues .${LAST_CLICKED}`)) b.classList.remove(LAST_CLICKED);
      button.classList.add(LAST_CLICKED);
      handlers.select(place, issue);
    });
  }
  li.append(button);
  // Rule ids and the cells concerned are for whoever checks the checker: behind 详情.
  const detail = el('details', { class: 'detail' });
  detail.append(el('summary', {}, '详情'));
  const cells = issue.cells.map((c) => (places[c] ? placeText(places[c]) : c));
  detail.append(el('span', {}, `规则 ${issue.ruleId}${cells.length > 1 ? `；涉及 ${cells.join('、')}` : ''}`));
  li.append(detail);
  if (issue.severity === 'warning') li.append(explanationEditor(issue, handlers, ++draw.boxes));
  return li;
}

/** 返回问题列表: back to the issue last clicked (or the top of the list). */
export function backToIssues(): void {
  const clicked = $('issues').querySelector<HTMLElement>(`.${LAST_CLICKED}`);
  (clicked ?? $('issues')).scrollIntoView({ block: 'center' });
  (clicked ?? $('issues').querySelector<HTMLElement>('button.issue'))?.focus({ preventScroll: true });
}

function explanationEditor(issue: Issue, handlers: IssueHandlers, n: number): HTMLElement {
  const box = el('div', { class: 'explain' });
  // One box per issue: two warnings on one cell have two.
  const id = `explain-${n}`;
  box.append(el('label', { for: id, class: 'note' }, '说明（如确属实际情况，请写明原因）'));
  const text = el('textarea', { id, rows: '2' });
  text.value = issue.explanation ?? '';
  const save = el('button', { type: 'button' }, '保存说明');
  const status = el('span', { class: 'explained', 'aria-live': 'polite' }, issue.explanation ? '已说明' : '');
  save.addEventListener('click', () =>
    void handlers.explain(issue, text.value).then((s) => {
      // The list may have been drawn anew: the same box (by its id) gets the word and the focus, never <body>.
      const now = document.getElementById(id)?.closest('.explain') ?? box;
      (now.querySelector('.explained') ?? status).textContent = s;
      ((now.querySelector('button') as HTMLElement | null) ?? save).focus();
    }),
  );
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
export async function reportDocx(report: Report, result: ValidationResult | undefined): Promise<{ name: string; blob: Blob }> {
  const { renderDocxBlob } = await import(/* webpackChunkName: "render-docx" */ '../publish/render-docx');
  const errors = result?.counts.error ?? 0;
  const name = `${report.metadata.agencyName || ''}${report.metadata.year ?? ''}年政府信息公开工作年度报告${errors ? '（草稿）' : ''}.docx`.replace(/[\\/:*?"<>|]/g, '_');
  // Made although errors remain (the clerk confirmed): every page says 草稿.
  return { name, blob: await renderDocxBlob(report, errors ? { draft: { errors } } : {}) };
}

/** Asks before making the publishable report of one that still has errors. */
export async function confirmRender(result: ValidationResult | undefined): Promise<boolean> {
  if (!result || result.valid) return true;
  return ask('仍有错误', `报告还有 ${result.counts.error} 个错误。生成的报告会把这些错误的数字原样印出，发布后会被指出。仍要生成吗？`, '仍然生成');
}

/** Asks before exporting a report that still has errors. */
export async function confirmExport(result: ValidationResult): Promise<boolean> {
  return result.valid || ask('仍有错误', `报告还有 ${result.counts.error} 个错误。仍要导出吗？（导出的文件会记录这些错误）`, '仍然导出');
}
