/* global document, fetch, window */
/**
 * 报送看板: the supervising office's page on its collection server — units × status for a year,
 * with filters; each unit's versions, opened in the validator's view; 退回 with a note, 确认;
 * the 汇总 of confirmed reports and their files; the audit log. Talks only to its own origin.
 */
import { AGENCY_KINDS } from '../model/core';
import { $, ask, el } from '../taskpane/ui';

interface Row {
  unitId: number;
  name: string;
  creditCode: string | null;
  kind: string | null;
  group: string | null;
  status: string;
  versionId: number | null;
  versions: number;
  errors: number | null;
  warnings: number | null;
  explained: number | null;
  receivedAt: string | null;
  note: string | null;
}

interface Board {
  year: number;
  years: number[];
  statuses: Record<string, string>;
  counts: Record<string, number>;
  units: Row[];
}

let csrf = '';
let board: Board | undefined;

const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '');

async function call(method: 'GET' | 'POST', path: string, body?: object): Promise<Response> {
  return fetch(path, {
    method,
    credentials: 'same-origin',
    headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...(method === 'POST' ? { 'X-CSRF-Token': csrf } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

const status = (text: string, state?: 'pass' | 'fail') => {
  const p = $('board-status');
  p.textContent = text;
  p.className = `note ${state ?? ''}`;
};

function filtered(b: Board): Row[] {
  const group = ($('filter-group') as HTMLSelectElement).value;
  const kind = ($('filter-kind') as HTMLSelectElement).value;
  const st = ($('filter-status') as HTMLSelectElement).value;
  const text = ($('filter-text') as HTMLInputElement).value.trim();
  return b.units.filter((u) => (!group || u.group === group) && (!kind || u.kind === kind) && (!st || u.status === st) && (!text || u.name.includes(text)));
}

function fillSelect(id: string, options: [string, string][], keep = true): void {
  const select = $(id) as HTMLSelectElement;
  const was = select.value;
  select.replaceChildren(...(id === 'year' ? [] : [el('option', { value: '' }, '全部')]), ...options.map(([v, label]) => el('option', { value: v }, label)));
  if (keep && options.some(([v]) => v === was)) select.value = was;
}

function render(): void {
  const b = board;
  if (!b) return;
  const rows = filtered(b);
  $('counts').textContent = `${b.year} 年度共 ${b.units.length} 个单位：${Object.entries(b.statuses).map(([k, label]) => `${label} ${b.counts[k] ?? 0}`).join(' · ')}${rows.length !== b.units.length ? `（显示 ${rows.length} 个）` : ''}`;
  const body = document.querySelector('#units tbody')!;
  body.replaceChildren(
    ...rows.map((u) => {
      const tr = el('tr', { 'data-unit': u.name });
      const st = el('td');
      st.append(el('span', { class: `status status-${u.status}` }, b.statuses[u.status] ?? u.status));
      if (u.note) st.append(el('p', { class: 'return-note' }, `退回：${u.note}`));
      const actions = el('td');
      if (u.versionId) {
        actions.append(el('a', { href: `validator.html?version=${u.versionId}`, target: '_blank', rel: 'noopener' }, '查看'), ' ', el('a', { href: `/api/admin/versions/${u.versionId}/file` }, '下载'), ' ');
        const versions = el('button', { type: 'button' }, '全部版本');
        versions.addEventListener('click', () => void showVersions(u));
        actions.append(versions);
        if (u.status !== 'confirmed') {
          const back = el('button', { type: 'button', class: 'return' }, '退回');
          back.addEventListener('click', () => void onReview(u, 'return'));
          actions.append(' ', back);
        }
        if (u.status === 'submitted' || u.status === 'returned') {
          const ok = el('button', { type: 'button', class: 'confirm' }, '确认');
          ok.disabled = u.status === 'returned';
          ok.addEventListener('click', () => void onReview(u, 'confirm'));
          if (u.status === 'submitted') actions.append(' ', ok);
        }
      }
      tr.append(
        el('td', {}, u.name),
        el('td', {}, u.group ?? ''),
        st,
        el('td', {}, u.versionId ? `${u.errors} / ${u.warnings} / ${u.explained}` : ''),
        el('td', {}, u.versions ? String(u.versions) : ''),
        el('td', {}, time(u.receivedAt)),
        actions,
      );
      return tr;
    }),
  );
  for (const [id, fmt] of [['download-aggregate', ''], ['download-aggregate-json', '&format=json']] as const) ($(id) as HTMLAnchorElement).href = `/api/admin/aggregate?year=${b.year}${fmt}`;
  ($('download-zip') as HTMLAnchorElement).href = `/api/admin/confirmed.zip?year=${b.year}`;
}

async function load(year?: number): Promise<void> {
  const res = await call('GET', `/api/admin/status${year ? `?year=${year}` : ''}`);
  if (res.status === 401) return showLogin();
  board = (await res.json()) as Board;
  fillSelect('year', board.years.map((y) => [String(y), `${y} 年度`]), false);
  ($('year') as HTMLSelectElement).value = String(board.year);
  fillSelect('filter-group', [...new Set(board.units.map((u) => u.group).filter((g): g is string => !!g))].map((g) => [g, g]));
  fillSelect('filter-kind', AGENCY_KINDS.filter((k) => board!.units.some((u) => u.kind === k.id)).map((k) => [k.id, k.label]));
  fillSelect('filter-status', Object.entries(board.statuses));
  render();
  void loadAudit();
}

async function loadAudit(): Promise<void> {
  const res = await call('GET', '/api/admin/audit');
  if (!res.ok) return;
  const log = (await res.json()) as { at: string; actor: string; action: string; unit: string | null; client: string; detail: unknown }[];
  const ACTIONS: Record<string, string> = { submit: '报送', 'submit-refused': '拒收', return: '退回', confirm: '确认', login: '登录', 'login-failed': '登录失败', logout: '退出', units: '导入名单', 'reset-code': '重置报送码', init: '初始化', download: '下载', 'download-zip': '下载 zip', aggregate: '汇总', 'reset-password': '重置密码' };
  document.querySelector('#audit tbody')!.replaceChildren(...log.map((e) => {
    const tr = el('tr');
    tr.append(el('td', {}, time(e.at)), el('td', {}, e.actor), el('td', {}, ACTIONS[e.action] ?? e.action), el('td', {}, e.unit ?? ''), el('td', {}, e.client), el('td', {}, JSON.stringify(e.detail)));
    return tr;
  }));
}

async function showVersions(u: Row): Promise<void> {
  const res = await call('GET', `/api/admin/units/${u.unitId}/versions?year=${board?.year ?? ''}`);
  if (!res.ok) return status('无法取得版本列表', 'fail');
  const versions = (await res.json()) as { id: number; fileName: string; size: number; valid: boolean; errors: number; warnings: number; explained: number; client: string; receivedAt: string; reviews: { action: string; note: string; admin: string; at: string }[] }[];
  const list = el('ol', { reversed: '' });
  for (const v of versions) {
    const li = el('li', {}, `${time(v.receivedAt)} · ${v.fileName}（${Math.ceil(v.size / 1024)} KB，来自 ${v.client}）· ${v.valid ? '通过' : `${v.errors} 个错误`}，${v.warnings} 个警告，${v.explained} 条说明 `);
    li.append(el('a', { href: `validator.html?version=${v.id}`, target: '_blank', rel: 'noopener' }, '查看'), ' ', el('a', { href: `/api/admin/versions/${v.id}/file` }, '下载'));
    for (const r of v.reviews) li.append(el('p', { class: 'return-note' }, `${time(r.at)} ${r.admin} ${r.action === 'confirm' ? '确认' : `退回：${r.note}`}`));
    list.append(li);
  }
  $('versions-heading').textContent = `${u.name} 的版本（${board?.year} 年度）`;
  $('versions-body').replaceChildren(list);
  $('versions').hidden = false;
  $('versions').scrollIntoView();
}

async function onReview(u: Row, action: 'return' | 'confirm'): Promise<void> {
  let note = '';
  if (action === 'return') {
    const area = el('textarea', { id: 'return-note', rows: '4', 'aria-label': '退回说明' });
    const body = el('div');
    body.append(el('p', {}, `退回 ${u.name} 的报告。请写明要改正的地方，单位在报送页面会看到这段说明：`), area);
    const answer = ask('退回报告', body, '退回');
    area.focus();
    if (!(await answer)) return;
    note = area.value.trim();
    if (!note) return status('退回时请写明原因。', 'fail');
  } else if (!(await ask('确认报告', `确认 ${u.name} 的 ${board?.year} 年度报告？确认后单位不能再报送这一年度，报告计入汇总。`, '确认'))) return;
  const res = await call('POST', `/api/admin/versions/${u.versionId}/${action}`, { note });
  const answer = (await res.json().catch(() => ({}))) as { message?: string };
  if (!res.ok) return status(answer.message ?? `操作失败（${res.status}）`, 'fail');
  status(`已${action === 'return' ? '退回' : '确认'} ${u.name}`, 'pass');
  await load(board?.year);
}

function showLogin(): void {
  $('board').hidden = true;
  $('logout').hidden = true;
  $('who').textContent = '';
  $('login').hidden = false;
  $('login-password').focus();
}

async function start(): Promise<void> {
  const res = await call('GET', '/api/admin/session');
  if (!res.ok) return showLogin();
  const s = (await res.json()) as { name: string; csrfToken: string };
  csrf = s.csrfToken;
  $('who').textContent = `· 已登录：${s.name}`;
  $('logout').hidden = false;
  $('login').hidden = true;
  $('board').hidden = false;
  await load();
}

$('login').addEventListener('submit', (e) => {
  e.preventDefault();
  void (async () => {
    const res = await call('POST', '/api/admin/login', { name: ($('login-name') as HTMLInputElement).value, password: ($('login-password') as HTMLInputElement).value });
    const answer = (await res.json().catch(() => ({}))) as { message?: string };
    if (!res.ok) return void ($('login-status').textContent = answer.message ?? '登录失败');
    ($('login-password') as HTMLInputElement).value = '';
    await start();
  })();
});
$('logout').addEventListener('click', () => void call('POST', '/api/admin/logout').then(showLogin));
$('year').addEventListener('change', () => void load(Number(($('year') as HTMLSelectElement).value)));
for (const id of ['filter-group', 'filter-kind', 'filter-status']) $(id).addEventListener('change', render);
$('filter-text').addEventListener('input', render);
if (window.location.protocol.startsWith('http')) void start();
