/* global document, fetch, localStorage, window */
/**
 * 报送 from the page and the task panes, when they are served by the office's collection server
 * (`xxgk serve`): the 报送码 typed once (kept in this browser for this server), the checked report
 * sent as its submission JSON (with 说明 and checksum), the server's verdict, status and 退回 note.
 */
import type { Report, ValidationResult } from '../model/core';
import type { Surface } from '../flows/export';
import { $, ask, el } from './ui';

interface Verdict {
  outcome?: 'accepted' | 'errors' | 'unchanged' | 'refused';
  message?: string;
  issues?: { severity: string; message: string; address?: string }[];
}

interface UnitStatus {
  unit: string;
  years: { year: number; statusLabel: string; note: string | null; versions: number; receivedAt: string | null }[];
}

const CODE_KEY = 'xxgk:code';

/** The server's API beside this page: the page's own origin (a relative URL would point into /wps/ for the WPS pane). */
export const api = (path: string) => new URL(`/api/${path}`, window.location.origin).toString();

function show(nodes: (Node | string)[], state?: 'pass' | 'fail'): void {
  const box = $('submit-result');
  box.className = state ?? '';
  box.replaceChildren(...nodes);
}

async function onSubmit(current: () => { report: Report; result: ValidationResult } | undefined, surface: Surface): Promise<void> {
  const c = current();
  if (!c) return show(['请先打开并校验报告，再报送。'], 'fail');
  const code = ($('submit-code') as HTMLInputElement).value.trim();
  if (!code) return show(['请填写政务公开办发给本单位的报送码。'], 'fail');
  if (!c.result.valid && !(await ask('仍有错误', `报告还有 ${c.result.counts.error} 个错误。报送后状态为“有错误”，不计为已报送。仍要报送吗？`, '仍然报送'))) return;
  const { exportSubmission } = await import(/* webpackChunkName: "export" */ '../flows/export');
  const { text, name } = exportSubmission(c.report, c.result, surface);
  show(['正在报送…']);
  let res: Response;
  try {
    res = await fetch(api('submit'), { method: 'POST', headers: { Authorization: `Bearer ${code}`, 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(name) }, body: text, credentials: 'omit' });
  } catch {
    return show(['无法连接报送服务器，请检查网络后重试。'], 'fail');
  }
  const v = (await res.json().catch(() => ({}))) as Verdict;
  if (res.status !== 401) localStorage.setItem(CODE_KEY, code);
  const list = el('ul');
  for (const i of v.issues ?? []) list.append(el('li', {}, `${i.severity === 'error' ? '错误' : '警告'}${i.address ? ` ${i.address}` : ''}：${i.message}`));
  show([el('p', {}, v.message ?? `服务器返回 ${res.status}`), ...(v.issues?.length && v.outcome !== 'accepted' ? [list] : [])], v.outcome === 'accepted' || (v.outcome === 'unchanged' && res.ok) ? 'pass' : 'fail');
}

async function onStatus(): Promise<void> {
  const code = ($('submit-code') as HTMLInputElement).value.trim();
  if (!code) return show(['请填写报送码。'], 'fail');
  let res: Response;
  try {
    res = await fetch(api('unit'), { headers: { Authorization: `Bearer ${code}` }, credentials: 'omit' });
  } catch {
    return show(['无法连接报送服务器。'], 'fail');
  }
  if (!res.ok) return show([res.status === 401 ? '报送码不正确。' : `服务器返回 ${res.status}`], 'fail');
  localStorage.setItem(CODE_KEY, code);
  const s = (await res.json()) as UnitStatus;
  if (!s.years.length) return show([`${s.unit}：尚未报送。`]);
  const list = el('ul');
  for (const y of s.years) {
    const li = el('li', {}, `${y.year} 年度：${y.statusLabel}（${y.versions} 个版本${y.receivedAt ? `，最近 ${new Date(y.receivedAt).toLocaleString('zh-CN')}` : ''}）`);
    if (y.note) li.append(el('p', { class: 'return-note' }, `退回说明：${y.note}`));
    list.append(li);
  }
  show([el('p', {}, s.unit), list]);
}

/** Shows 报送 (called once the page knows a collection server serves it: see ./server-probe). */
export function wireSubmit(current: () => { report: Report; result: ValidationResult } | undefined, surface: Surface): void {
  ($('submit-code') as HTMLInputElement).value = localStorage.getItem(CODE_KEY) ?? '';
  $('submit').addEventListener('click', () => void onSubmit(current, surface));
  $('submit-status').addEventListener('click', () => void onStatus());
  $('submit-section').hidden = false;
  document.body.classList.add('has-server');
}
