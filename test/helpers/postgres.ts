/**
 * A PostgreSQL server for the tests: DATABASE_URL when given, else a throwaway cluster started
 * from Debian's packages (postgresql, installed by `npm test`'s set-up) as the `postgres` user
 * when running as root (initdb refuses root), on a free port, in a temporary folder, removed after.
 */
import { execFileSync, spawnSync } from 'child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';

export interface Postgres {
  /** A fresh database's URL on the server (one per suite, dropped by stop). */
  readonly url: string;
  stop(): Promise<void>;
}

function binaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const v = readdirSync(root).sort((a, b) => Number(b) - Number(a)).find((d) => existsSync(join(root, d, 'bin/initdb')));
  return v && join(root, v, 'bin');
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

/** Says in one line why no PostgreSQL server could be had: the suite fails with it rather than skipping silently. */
export const NO_POSTGRES = 'PostgreSQL 不可用：没有 DATABASE_URL，也找不到 /usr/lib/postgresql/*/bin/initdb（npm test 会用 apt 安装 postgresql；或设 DATABASE_URL=postgres://…）';

async function createDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const { Client } = await import('pg');
  const name = `xxgk_test_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function startPostgres(): Promise<Postgres> {
  if (process.env.DATABASE_URL) {
    const db = await createDatabase(process.env.DATABASE_URL);
    return { url: db.url, stop: db.drop };
  }
  const bin = binaries();
  if (!bin) throw new Error(NO_POSTGRES);
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-pg-'));
  const root = process.getuid?.() === 0;
  // initdb refuses to run as root: the cluster belongs to the postgres user.
  const as = (cmd: string, args: string[]) => (root ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' }) : execFileSync(cmd, args, { stdio: 'pipe' }));
  if (root) {
    const { uid, gid } = (() => {
      const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
      const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
      return { uid: Number(r.stdout), gid: Number(g.stdout) };
    })();
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  as(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  as(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const db = await createDatabase(adminUrl);
  return {
    url: db.url,
    stop: async () => {
      await db.drop().catch(() => undefined);
      try {
        as(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
