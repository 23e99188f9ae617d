/**
 * The collection server's API as units and the office use it, on the embedded database and on a
 * PostgreSQL server (the same migrations and queries): submit, refuse, 退回, 确认, 汇总, audit —
 * and what an attacker would try (wrong and other units' codes, altered and replayed files,
 * oversized and hostile bodies, missing or forged CSRF tokens, brute force on the login).
 */
import { zipSync } from 'fflate';
import { connect } from 'net';
import { aggregate, getFormat, type Report } from '../../src/model/core';
import { consistentReport, withCells, withText } from '../helpers/reports';
import { prng } from '../helpers/random';
import { filledBuffer } from '../../src/workbook/fill';
import { startServer, submissionOf, UNITS, type Backend, type TestServer } from '../helpers/server';

jest.setTimeout(60_000);

const reportOf = (unit: (typeof UNITS)[number], seed: number): Report => {
  const rnd = prng(seed);
  const all = withText(consistentReport('2021', Array.from({ length: 400 }, () => Math.floor(rnd() * 20))));
  // Departments make no 规章: that row stays empty, as in their real reports.
  const r = withCells(all, Object.fromEntries(getFormat('2021').cells.filter((c) => c.table === 't2' && c.row === 'rules').map((c) => [c.id, 0])));
  return { ...r, metadata: { ...r.metadata, agencyName: unit.name, agencyKind: unit.kind!, ...(unit.creditCode ? { creditCode: unit.creditCode } : {}) } } as Report;
};

describe.each<Backend>(['embedded', 'postgres'])('报送 API on the %s database', (backend) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(backend);
  });
  afterAll(async () => s?.close());

  const submit = (unit: string | undefined, body: Buffer, name = 'report.json', code = unit && s.codes.get(unit)) =>
    s.call('POST', '/api/submit', { headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name), ...(code ? { authorization: `Bearer ${code}` } : {}) }, body: new Uint8Array(body) });
  /** Versions stored for the year, as the board counts them. */
  const versionCount = async () => ((await admin('GET', '/api/admin/status?year=2024')).json().units as { versions: number }[]).reduce((n, u) => n + u.versions, 0);

  let cookie = '';
  let csrf = '';
  const admin = (method: 'GET' | 'POST', url: string, payload?: object, token: string | null = csrf) =>
    s.call(method, url, { headers: { cookie, ...(token ? { 'x-csrf-token': token } : {}) }, ...(payload ? { body: payload } : {}) });
  const statusOf = async (name: string) => ((await admin('GET', '/api/admin/status?year=2024')).json().units as { name: string; status: string; versionId: number; note: string | null }[]).find((u) => u.name === name)!;

  const edu = UNITS[0]!;
  const hrss = UNITS[1]!;
  const town = UNITS[2]!;

  test('the office logs in: a wrong password is refused, the session cookie is HttpOnly and SameSite=Strict, guessing is rate-limited', async () => {
    expect((await s.call('GET', '/api/admin/status')).statusCode).toBe(401);
    const wrong = await s.call('POST', '/api/admin/login', { body: { name: 'admin', password: 'guess' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().message).toBe('用户名或密码不正确');
    const ok = await s.call('POST', '/api/admin/login', { body: { name: 'admin', password: s.password } });
    expect(ok.statusCode).toBe(200);
    const set = ok.headers.getSetCookie();
    const session = set.find((c) => c.startsWith('xxgk_session='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    cookie = set.map((c) => c.split(';')[0]).join('; ');
    csrf = ok.json().csrfToken;
    expect((await admin('GET', '/api/admin/status')).statusCode).toBe(200);
    // Brute force: after the limit every further try is refused without checking the password.
    const tries = [];
    for (let i = 0; i < 8; i++) tries.push((await s.call('POST', '/api/admin/login', { body: { name: 'admin', password: `x${i}` } })).statusCode);
    expect(tries).toContain(429);
    const correctButLimited = await s.call('POST', '/api/admin/login', { body: { name: 'admin', password: s.password } });
    expect(correctButLimited.statusCode).toBe(429);
    expect(correctButLimited.json().message).toContain('频繁');
  });

  test("a unit's own passing report is accepted and shows as 已报送; the same file again is not stored twice", async () => {
    const r = await submit(edu.name, submissionOf(reportOf(edu, 1)));
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ outcome: 'accepted', status: 'submitted', statusLabel: '已报送', year: 2024 });
    expect((await statusOf(edu.name)).status).toBe('submitted');
    const before = await versionCount();
    const again = await submit(edu.name, submissionOf(reportOf(edu, 1)));
    expect(again.json().outcome).toBe('unchanged');
    expect(await versionCount()).toBe(before);
  });

  test("wrong codes, another unit's code, an altered file: refused with the reason, nothing stored", async () => {
    const before = await versionCount();
    const eduFile = submissionOf(reportOf(edu, 1));
    const wrong = await submit(undefined, eduFile, 'a.json', 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().message).toContain('报送码不正确');
    expect((await submit(undefined, eduFile, 'a.json', '')).statusCode).toBe(401);
    // The education bureau's file replayed with the HR bureau's code.
    const other = await submit(hrss.name, eduFile);
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toContain('不能替其他单位报送');
    // A figure changed in the exported file: its checksum no longer matches.
    const doc = JSON.parse(eduFile.toString());
    doc.tables.t4.review.upheld = (doc.tables.t4.review.upheld ?? 0) + 1;
    const altered = await submit(edu.name, Buffer.from(JSON.stringify(doc)));
    expect(altered.statusCode).toBe(422);
    expect(altered.json().message).toContain('校验值');
    expect(await versionCount()).toBe(before);
    const log = (await admin('GET', '/api/admin/audit')).json() as { action: string }[];
    expect(log.filter((e) => e.action === 'submit-refused').length).toBeGreaterThanOrEqual(4);
  });

  test('oversized and hostile bodies are refused in Chinese, the server keeps answering', async () => {
    // Refused on its declared length, before a byte of it is read: the answer comes right after the headers.
    const big = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const { hostname, port } = new URL(s.origin);
      const socket = connect(Number(port), hostname, () =>
        socket.write(`POST /api/submit HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/octet-stream\r\nContent-Length: ${26 * 1024 * 1024}\r\nAuthorization: Bearer ${s.codes.get(town.name)}\r\n\r\n`),
      );
      let text = '';
      socket.on('data', (d) => {
        text += String(d);
        const m = /^HTTP\/1\.1 (\d+)[\s\S]*?\r\n\r\n([\s\S]*\})/.exec(text);
        if (m) {
          socket.destroy();
          resolve({ status: Number(m[1]), body: m[2]! });
        }
      });
      socket.on('error', reject);
    });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).message).toContain('文件过大');
    // A zip bomb dressed as a workbook: 200 MB of zeros in a few hundred KB.
    const bomb = Buffer.from(zipSync({ '[Content_Types].xml': new Uint8Array(10), 'xl/workbook.xml': new Uint8Array(200 * 1024 * 1024) }, { level: 9 }));
    const hostile = await submit(town.name, bomb, 'bomb.xlsx');
    expect(hostile.statusCode).toBe(422);
    expect(hostile.json().outcome).toBe('refused');
    const notReport = await submit(town.name, Buffer.from('{"hello": 1}'));
    expect(notReport.statusCode).toBe(422);
    expect((await s.call('GET', '/api/info')).statusCode).toBe(200);
  });

  test('a workbook with errors is stored but 有错误; the corrected workbook moves the unit to 已报送', async () => {
    const good = reportOf(hrss, 2);
    const bad = withCells(good, { 't4.review.upheld': ((good.tables.t4 as Record<string, Record<string, number>>).review!.upheld ?? 0) + 5 });
    const r = await submit(hrss.name, await filledBuffer(bad), '人社局年报.xlsx');
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ outcome: 'errors', status: 'errors' });
    expect(r.json().issues[0].address).toMatch(/^表四!/);
    expect((await statusOf(hrss.name)).status).toBe('errors');
    const fixed = await submit(hrss.name, await filledBuffer(good), '人社局年报.xlsx');
    expect(fixed.json().outcome).toBe('accepted');
    expect((await statusOf(hrss.name)).status).toBe('submitted');
  });

  test('退回 and 确认 need the CSRF token of this session; the unit sees the note, resubmits, is confirmed and then locked', async () => {
    const row = await statusOf(edu.name);
    const url = `/api/admin/versions/${row.versionId}/return`;
    expect((await admin('POST', url, { note: '请补充说明' }, null)).statusCode).toBe(403);
    expect((await admin('POST', url, { note: '请补充说明' }, 'forged-token')).statusCode).toBe(403);
    expect((await s.call('POST', url, { body: { note: 'x' }, headers: { 'x-csrf-token': csrf } })).statusCode).toBe(401);
    expect((await admin('POST', url, { note: '' })).statusCode).toBe(422);
    expect((await admin('POST', url, { note: '第五部分请写明存在的主要问题' })).statusCode).toBe(200);
    expect((await statusOf(edu.name)).status).toBe('returned');
    const mine = await s.call('GET', '/api/unit', { headers: { authorization: `Bearer ${s.codes.get(edu.name)}` } });
    expect(mine.json().years[0]).toMatchObject({ year: 2024, status: 'returned', statusLabel: '已退回', note: '第五部分请写明存在的主要问题' });
    // Resubmitting the same content after 退回 is a new version (the office asked for it again).
    const corrected = reportOf(edu, 1);
    const again = await submit(edu.name, submissionOf({ ...corrected, narrative: { ...corrected.narrative!, problems: '一是主动公开不够全面；二是政策解读形式单一。' } } as Report));
    expect(again.json().outcome).toBe('accepted');
    const latest = await statusOf(edu.name);
    expect(latest.status).toBe('submitted');
    expect((await admin('POST', `/api/admin/versions/${row.versionId}/confirm`)).statusCode).toBe(409);
    expect((await admin('POST', `/api/admin/versions/${latest.versionId}/confirm`)).statusCode).toBe(200);
    expect((await statusOf(edu.name)).status).toBe('confirmed');
    const locked = await submit(edu.name, submissionOf(reportOf(edu, 9)));
    expect(locked.statusCode).toBe(409);
    expect(locked.json().message).toContain('已经确认');
    const log = (await admin('GET', '/api/admin/audit')).json() as { action: string; actor: string }[];
    expect(log.filter((e) => e.actor === 'admin:admin').map((e) => e.action)).toEqual(expect.arrayContaining(['login', 'return', 'confirm']));
  });

  test('the 汇总 of confirmed reports equals the model summing the same reports; the zip holds each confirmed file', async () => {
    const hrssRow = await statusOf(hrss.name);
    expect((await admin('POST', `/api/admin/versions/${hrssRow.versionId}/confirm`)).statusCode).toBe(200);
    const res = await admin('GET', '/api/admin/aggregate?year=2024&format=json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    const edu2 = reportOf(edu, 1);
    const expected = aggregate(
      [
        { source: 'a', report: { ...edu2, narrative: { ...edu2.narrative!, problems: '一是主动公开不够全面；二是政策解读形式单一。' } } as Report },
        { source: 'b', report: reportOf(hrss, 2) },
      ],
      {},
    );
    if (!expected.ok) throw new Error('aggregate failed');
    expect(doc.report.tables).toEqual(JSON.parse(JSON.stringify(expected.report.tables)));
    expect(doc.units).toHaveLength(2);
    const xlsx = await admin('GET', '/api/admin/aggregate?year=2024');
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const zip = await admin('GET', '/api/admin/confirmed.zip?year=2024');
    const { unzipSync } = await import('fflate');
    expect(Object.keys(unzipSync(new Uint8Array(zip.body))).sort()).toEqual([`${edu.name}/report.json`, `${hrss.name}/人社局年报.xlsx`].sort());
    const town = (await admin('GET', '/api/admin/status?year=2024')).json();
    expect(town.counts).toMatchObject({ none: 1, confirmed: 2 });
  });

  test('API answers are never framed or cached', async () => {
    const r = await s.call('GET', '/api/info');
    expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(r.headers.get('x-frame-options')).toBe('DENY');
  });
});
