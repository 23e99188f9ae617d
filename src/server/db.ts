/**
 * The collection server's database: an embedded PostgreSQL (PGlite, PostgreSQL compiled to
 * WebAssembly, in a data folder) by default, or a PostgreSQL server for an office that outgrows one
 * machine. Both run the same SQL: the migrations in ./migrations, applied in order, and every query.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { DatabaseError } from './errors';
import { packageRoot } from './package-root';
import { lockFolder, type FolderLock } from './lock';

export { DatabaseError };

/** What the queries need of a connection (or of a transaction on one). */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Db extends Queryable {
  readonly kind: 'embedded' | 'postgres';
  /** Runs `fn` in one transaction: all of it is stored, or none of it. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** The embedded database's folder as one gzipped tar (server backup); a PostgreSQL server is backed up with pg_dump. */
  dump?(): Promise<Uint8Array>;
}

export interface Where {
  /** The embedded database's folder. */
  readonly data?: string;
  /** postgres://… of a PostgreSQL server. */
  readonly database?: string;
}

export const DEFAULT_DATA = './xxgk-data';

/** The migrations folder: beside this file when run from the sources, found from the package root when compiled. */
function migrationsDir(): string {
  const here = join(__dirname, 'migrations');
  return existsSync(here) ? here : join(packageRoot(), 'src/server/migrations');
}

async function openEmbedded(folder: string, create: boolean): Promise<Db> {
  if (!create && !existsSync(join(folder, 'PG_VERSION'))) throw new DatabaseError(`数据文件夹 ${folder} 中没有报送数据库：请先运行 xxgk server init --data ${folder}`);
  // One process at a time: PGlite holds its folder for the process that opened it.
  const lock: FolderLock = lockFolder(folder);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { PGlite } = require('@electric-sql/pglite') as typeof import('@electric-sql/pglite');
    const pg = await PGlite.create(folder);
    return {
      kind: 'embedded',
      query: async <T>(sql: string, params: readonly unknown[] = []) => (await pg.query<T>(sql, params as unknown[])).rows,
      transaction: (fn) => pg.transaction((tx) => fn({ query: async <T>(sql: string, params: readonly unknown[] = []) => (await tx.query<T>(sql, params as unknown[])).rows })),
      close: async () => {
        await pg.close();
        lock.release();
      },
      dump: async () => new Uint8Array(await (await pg.dumpDataDir('gzip')).arrayBuffer()),
    };
  } catch (e) {
    lock.release();
    throw e;
  }
}

async function openServer(url: string): Promise<Db> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Pool } = require('pg') as typeof import('pg');
  const pool = new Pool({ connectionString: url, max: 8 });
  try {
    await pool.query('SELECT 1');
  } catch (e) {
    await pool.end();
    throw new DatabaseError(`无法连接 PostgreSQL 数据库（${(e as Error).message}）`);
  }
  return {
    kind: 'postgres',
    query: async <T>(sql: string, params: readonly unknown[] = []) => (await pool.query(sql, params as unknown[])).rows as T[],
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const r = await fn({ query: async <T>(sql: string, params: readonly unknown[] = []) => (await client.query(sql, params as unknown[])).rows as T[] });
        await client.query('COMMIT');
        return r;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Makes a new embedded database folder from a backup written by `dump`. */
export async function restoreEmbedded(folder: string, backup: Uint8Array): Promise<void> {
  if (existsSync(join(folder, 'PG_VERSION'))) throw new DatabaseError(`数据文件夹 ${folder} 中已有数据库：恢复只写入新的（空的）文件夹，以免覆盖现有数据`);
  const lock = lockFolder(folder);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { PGlite } = require('@electric-sql/pglite') as typeof import('@electric-sql/pglite');
    const pg = await PGlite.create(folder, { loadDataDir: new Blob([new Uint8Array(backup)]) });
    await pg.query('SELECT count(*) FROM migrations');
    await pg.close();
  } finally {
    lock.release();
  }
}

/** Opens the database and brings its tables up to date. `create`: an embedded folder may be new (server init). */
export async function openDb(where: Where, create = false): Promise<Db> {
  const db = where.database ? await openServer(where.database) : await openEmbedded(where.data ?? DEFAULT_DATA, create);
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}

/** Applies the migrations not applied yet, each in a transaction of its own, in file-name order. */
export async function migrate(db: Db): Promise<void> {
  await db.query('CREATE TABLE IF NOT EXISTS migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  const done = new Set((await db.query<{ name: string }>('SELECT name FROM migrations')).map((r) => r.name));
  const dir = migrationsDir();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
    if (done.has(file)) continue;
    const sql = readFileSync(join(dir, file), 'utf8');
    await db.transaction(async (tx) => {
      // Statements one by one: the PostgreSQL driver's extended protocol takes one statement per query.
      for (const statement of splitStatements(sql)) await tx.query(statement);
      await tx.query('INSERT INTO migrations (name) VALUES ($1)', [file]);
    });
  }
}

/** A migration's statements: split at semicolons ending a line, comments dropped (the files hold no functions or quoted semicolons). */
export function splitStatements(sql: string): string[] {
  return sql
    .replace(/--[^\n]*/g, '')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}
