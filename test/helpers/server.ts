/**
 * The collection server for the tests, as offices run it: the database (embedded in a temporary
 * folder, or PostgreSQL) initialised with units and their codes, then `xxgk serve` started as its
 * own process on a free port, spoken to over HTTP.
 */
import { spawn, type ChildProcess } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { spawnSync } from 'child_process';
import { writeFileSync } from 'fs';
import { AGENCY_KINDS } from '../../src/model/core';
import type { Where } from '../../src/server/db';
import type { UnitEntry } from '../../src/server/unit-list';
import { exportSubmission } from '../../src/flows/export';
import { validate, type Report } from '../../src/model/core';
import { startPostgres } from './postgres';

export type Backend = 'embedded' | 'postgres';

const ROOT = join(__dirname, '../..');
const TSX = require.resolve('tsx/cli');

export interface Answer {
  readonly statusCode: number;
  readonly headers: Headers;
  readonly body: Buffer;
  json(): any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface TestServer {
  readonly origin: string;
  readonly where: Where;
  readonly password: string;
  /** 报送码 by unit name. */
  readonly codes: Map<string, string>;
  call(method: string, path: string, init?: { headers?: Record<string, string>; body?: Uint8Array | string | object }): Promise<Answer>;
  /** Starts `xxgk serve` again on the same database (after stop or kill). */
  restart(): Promise<void>;
  /** SIGKILL: the process dies at once, as on a power cut. */
  kill(): Promise<void>;
  close(): Promise<void>;
}

export const UNITS: UnitEntry[] = [
  { name: '测试县教育局', creditCode: '11330000MB0000001L', kind: 'department', group: '县直', row: 2 },
  { name: '测试县人力资源和社会保障局', kind: 'department', group: '县直', row: 3 },
  { name: '测试县城关镇人民政府', kind: 'township', group: '乡镇', row: 4 },
];

export const xxgk = (args: string[]) => spawnSync(process.execPath, [TSX, 'src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });

/** The unit list as an office writes it: 单位名称, 统一社会信用代码, 机关类型 (its Chinese label), 分组. */
export const unitsCsv = (units: readonly UnitEntry[]) =>
  `单位名称,统一社会信用代码,机关类型,分组\n${units.map((u) => [u.name, u.creditCode ?? '', AGENCY_KINDS.find((k) => k.id === u.kind)?.label ?? '', u.group ?? ''].join(',')).join('\n')}\n`;

/** `xxgk serve` on a free port; resolves with its address once it listens. */
export function serveProcess(where: Where, extra: string[] = []): Promise<{ child: ChildProcess; origin: string }> {
  // Node itself runs the sources (tsx as a loader, not its CLI, which would run them in a child process that SIGKILL does not reach).
  const args = ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', ...(where.database ? ['--database', where.database] : ['--data', where.data!]), ...extra];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`xxgk serve did not start: ${out}${err}`)), 60_000);
    child.stdout.on('data', (d) => {
      out += String(d);
      const m = /报送服务已启动：(http:\/\/[^（\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, origin: m[1]! });
      }
    });
    child.stderr.on('data', (d) => (err += String(d)));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`xxgk serve exited (${code}): ${out}${err}`));
    });
  });
}

export async function startServer(backend: Backend, extra: string[] = []): Promise<TestServer> {
  let cleanup: () => Promise<void>;
  let where: Where;
  if (backend === 'embedded') {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-srv-'));
    where = { data: join(dir, 'data') };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const pg = await startPostgres();
    where = { database: pg.url };
    cleanup = pg.stop;
  }
  // Set up as an office does, with the commands (PGlite cannot load inside jest's module sandbox anyway).
  const target = where.database ? ['--database', where.database] : ['--data', where.data!];
  const init = xxgk(['server', 'init', ...target]);
  const password = /一次性密码（[^）]*）：(\S+)/.exec(init.stdout)?.[1];
  if (init.status !== 0 || !password) throw new Error(`server init failed: ${init.stdout}${init.stderr}`);
  const list = join(mkdtempSync(join(tmpdir(), 'xxgk-units-')), '单位名单.csv');
  writeFileSync(list, unitsCsv(UNITS));
  const units = xxgk(['server', 'units', list, '--json', ...target]);
  if (units.status !== 0) throw new Error(`server units failed: ${units.stdout}${units.stderr}`);
  const created = JSON.parse(units.stdout) as { name: string; code: string }[];
  let proc = await serveProcess(where, extra);
  const call: TestServer['call'] = async (method, path, init = {}) => {
    const body = init.body;
    const json = body !== undefined && !(body instanceof Uint8Array) && typeof body === 'object';
    const res = await fetch(`${proc.origin}${path}`, {
      method,
      redirect: 'manual',
      headers: { ...(json ? { 'content-type': 'application/json' } : {}), ...init.headers },
      ...(body === undefined ? {} : { body: json ? JSON.stringify(body) : (body as BodyInit) }),
    });
    const buf = Buffer.from(await res.arrayBuffer());
    return { statusCode: res.status, headers: res.headers, body: buf, json: () => JSON.parse(buf.toString('utf8')) };
  };
  const stopped = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
  return {
    get origin() {
      return proc.origin;
    },
    where,
    password,
    codes: new Map(created.map((c) => [c.name, c.code])),
    call,
    restart: async () => {
      proc = await serveProcess(where, extra);
    },
    kill: async () => {
      proc.child.kill('SIGKILL');
      await stopped(proc.child);
    },
    close: async () => {
      proc.child.kill('SIGTERM');
      await stopped(proc.child);
      await cleanup();
    },
  };
}

/** A unit's report as the page exports it: the submission JSON, with its validation and checksum. */
export function submissionOf(report: Report): Buffer {
  return Buffer.from(exportSubmission(report, validate(report), 'xxgk-web').text);
}
