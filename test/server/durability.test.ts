/**
 * The embedded database survives the server being killed (SIGKILL: no shutdown, no flush) in the
 * middle of a burst of submissions: every version the server acknowledged is there after a
 * restart, byte for byte, and no version is half-written.
 */
import { createHash } from 'crypto';
import { getFormat, type Report } from '../../src/model/core';
import { consistentReport, withCells, withText } from '../helpers/reports';
import { startServer, submissionOf, UNITS, type TestServer } from '../helpers/server';

jest.setTimeout(180_000);

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A distinct passing report of a unit for each seed. */
function reportOf(unit: (typeof UNITS)[number], seed: number): Report {
  const all = withText(consistentReport('2021', Array.from({ length: 400 }, (_, i) => (i * 7 + seed * 13) % 17)));
  const r = withCells(all, Object.fromEntries(getFormat('2021').cells.filter((c) => c.table === 't2' && c.row === 'rules').map((c) => [c.id, 0])));
  return { ...r, metadata: { ...r.metadata, agencyName: unit.name, agencyKind: unit.kind!, ...(unit.creditCode ? { creditCode: unit.creditCode } : {}) } } as Report;
}

let s: TestServer;
beforeAll(async () => {
  s = await startServer('embedded');
});
afterAll(async () => s?.close());

test('killed with SIGKILL during a burst of submissions and started again: every acknowledged version is there, whole', async () => {
  const acknowledged = new Map<number, string>();
  let seed = 0;
  let unanswered = 0;
  for (const killAfter of [3, 9]) {
    const sent: Promise<void>[] = [];
    let answered = 0;
    let kill!: () => void;
    const killed = new Promise<void>((resolve) => (kill = resolve));
    for (let k = 0; k < 24; k++) {
      const unit = UNITS[k % UNITS.length]!;
      const body = submissionOf(reportOf(unit, ++seed));
      sent.push(
        s
          .call('POST', '/api/submit', { headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${s.codes.get(unit.name)}` }, body: new Uint8Array(body) })
          .then((r) => {
            if (r.statusCode === 201) acknowledged.set(r.json().version as number, sha(body));
            if (++answered === killAfter) kill();
          })
          .catch(() => void unanswered++),
      );
    }
    await killed;
    await s.kill();
    await Promise.all(sent);
    await s.restart();
  }
  // The kill really fell inside the bursts: some requests never got an answer.
  expect(unanswered).toBeGreaterThan(0);
  expect(acknowledged.size).toBeGreaterThanOrEqual(12);
  const login = await s.call('POST', '/api/admin/login', { body: { name: 'admin', password: s.password } });
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  for (const [id, hash] of acknowledged) {
    const file = await s.call('GET', `/api/admin/versions/${id}/file`, { headers: { cookie } });
    expect(file.statusCode).toBe(200);
    expect(sha(file.body)).toBe(hash);
  }
  // Whatever else was stored (answered or not before the kill) is whole: its bytes match the hash stored with it.
  for (const row of (await s.call('GET', '/api/admin/status?year=2024', { headers: { cookie } })).json().units as { unitId: number }[]) {
    for (const v of (await s.call('GET', `/api/admin/units/${row.unitId}/versions`, { headers: { cookie } })).json() as { id: number; fileSha256: string }[]) {
      const file = await s.call('GET', `/api/admin/versions/${v.id}/file`, { headers: { cookie } });
      expect(sha(file.body)).toBe(v.fileSha256);
    }
  }
});
