/** The office's administrators: one created by `server init` with a one-time password; sessions stored as token hashes. */
import type { Db, Queryable } from './db';
import { hashSecret, randomCode, randomToken, sha256Hex, verifySecret } from './secrets';
import { audit, putSetting, setting } from './store';

export const SESSION_HOURS = 8;

/** Creates the first administrator and the cookie secret; refuses a database that already has one. */
export async function initAdmin(db: Db, name = 'admin'): Promise<{ name: string; password: string } | undefined> {
  const password = randomCode(80);
  const hash = await hashSecret(password, 'password');
  return db.transaction(async (tx) => {
    if ((await tx.query('SELECT id FROM admins LIMIT 1')).length) return undefined;
    await tx.query('INSERT INTO admins (name, password_hash) VALUES ($1, $2)', [name, hash]);
    await putSetting(tx, 'cookie_secret', randomToken());
    await audit(tx, { actor: 'cli', action: 'init', detail: { admin: name } });
    return { name, password };
  });
}

/** A new one-time password for an administrator (`server init --reset-password`). */
export async function resetPassword(db: Db, name = 'admin'): Promise<string | undefined> {
  const password = randomCode(80);
  const hash = await hashSecret(password, 'password');
  return db.transaction(async (tx) => {
    const r = await tx.query<{ id: number }>('UPDATE admins SET password_hash = $2 WHERE name = $1 RETURNING id', [name, hash]);
    if (!r.length) return undefined;
    await tx.query('DELETE FROM sessions WHERE admin_id = $1', [r[0]!.id]);
    await audit(tx, { actor: 'cli', action: 'reset-password', detail: { admin: name } });
    return password;
  });
}

export async function cookieSecret(db: Queryable): Promise<string> {
  const s = await setting(db, 'cookie_secret');
  if (!s) throw new Error('数据库尚未初始化：请先运行 xxgk server init');
  return s;
}

export interface Admin {
  readonly id: number;
  readonly name: string;
}

/** Checks a password; on success a new session token (returned once, stored hashed). */
export async function login(db: Db, name: string, password: string, client: string): Promise<{ admin: Admin; token: string } | undefined> {
  const row = (await db.query<Admin & { hash: string }>('SELECT id, name, password_hash AS hash FROM admins WHERE name = $1', [name]))[0];
  // The same work whether or not the name exists: timing does not tell which names are admins.
  const ok = await verifySecret(password, row?.hash ?? (await hashSecret('x', 'password')));
  if (!row || !ok) {
    await audit(db, { actor: `admin:${name.slice(0, 40)}`, action: 'login-failed', client });
    return undefined;
  }
  const token = randomToken();
  await db.transaction(async (tx) => {
    await tx.query(`INSERT INTO sessions (token_hash, admin_id, expires_at) VALUES ($1, $2, now() + interval '${SESSION_HOURS} hours')`, [sha256Hex(token), row.id]);
    await tx.query('DELETE FROM sessions WHERE expires_at < now()');
    await audit(tx, { actor: `admin:${row.name}`, action: 'login', client });
  });
  return { admin: { id: row.id, name: row.name }, token };
}

export async function sessionAdmin(db: Queryable, token: string | undefined): Promise<Admin | undefined> {
  if (!token) return undefined;
  return (await db.query<Admin>('SELECT a.id, a.name FROM sessions s JOIN admins a ON a.id = s.admin_id WHERE s.token_hash = $1 AND s.expires_at > now()', [sha256Hex(token)]))[0];
}

export async function logout(db: Queryable, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [sha256Hex(token)]);
}
