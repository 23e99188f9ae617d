/**
 * Every query of the collection server, written once for PGlite and PostgreSQL alike. Versions
 * are only ever inserted; a unit's status is derived from its newest version and its reviews.
 */
import type { Db, Queryable } from './db';
import { hashSecret, normalizeCode, randomCode, sha256Hex, verifySecret } from './secrets';
import { statusOf, type Status } from './status';
import type { UnitEntry } from './unit-list';

export interface Unit {
  readonly id: number;
  readonly name: string;
  readonly creditCode: string | null;
  readonly kind: string | null;
  readonly group: string | null;
}

const UNIT_COLUMNS = 'id, name, credit_code AS "creditCode", kind, grp AS "group"';

export async function setting(db: Queryable, name: string): Promise<string | undefined> {
  return (await db.query<{ value: string }>('SELECT value FROM settings WHERE name = $1', [name]))[0]?.value;
}

export async function putSetting(db: Queryable, name: string, value: string): Promise<void> {
  await db.query('INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value', [name, value]);
}

export async function audit(db: Queryable, e: { actor: string; action: string; unitId?: number | null; client?: string; detail?: unknown }): Promise<void> {
  await db.query('INSERT INTO audit (actor, action, unit_id, client, detail) VALUES ($1, $2, $3, $4, $5::jsonb)', [e.actor, e.action, e.unitId ?? null, e.client ?? '', JSON.stringify(e.detail ?? {})]);
}

// ---- units and their codes

export interface CreatedUnit {
  readonly name: string;
  readonly creditCode: string | null;
  readonly code: string;
}

/** Adds new units (each with a fresh 报送码, returned once) and updates the others' details; one transaction. */
export async function upsertUnits(db: Db, entries: readonly UnitEntry[], actor: string): Promise<{ created: CreatedUnit[]; updated: number }> {
  // Hashing is slow on purpose: done before the transaction, which then only writes.
  const existing = new Set((await db.query<{ name: string }>('SELECT name FROM units')).map((r) => r.name));
  const fresh = await Promise.all(entries.filter((e) => !existing.has(e.name)).map(async (e) => ({ e, code: randomCode() })));
  const hashed = await Promise.all(fresh.map(async (f) => ({ ...f, hash: await hashSecret(f.code, 'code') })));
  return db.transaction(async (tx) => {
    const created: CreatedUnit[] = [];
    let updated = 0;
    for (const { e, code, hash } of hashed) {
      await tx.query('INSERT INTO units (name, credit_code, kind, grp, contact, phone, code_lookup, code_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [e.name, e.creditCode ?? null, e.kind ?? null, e.group ?? null, e.contact ?? null, e.phone ?? null, sha256Hex(code), hash]);
      created.push({ name: e.name, creditCode: e.creditCode ?? null, code });
    }
    for (const e of entries.filter((x) => existing.has(x.name))) {
      await tx.query('UPDATE units SET credit_code = $2, kind = $3, grp = $4, contact = $5, phone = $6, updated_at = now() WHERE name = $1', [e.name, e.creditCode ?? null, e.kind ?? null, e.group ?? null, e.contact ?? null, e.phone ?? null]);
      updated++;
    }
    await audit(tx, { actor, action: 'units', detail: { created: created.map((c) => c.name), updated } });
    return { created, updated };
  });
}

/** A new 报送码 for one unit; the old one stops working at once. */
export async function resetCode(db: Db, name: string, actor: string): Promise<CreatedUnit | undefined> {
  const code = randomCode();
  const hash = await hashSecret(code, 'code');
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ id: number; creditCode: string | null }>('UPDATE units SET code_lookup = $2, code_hash = $3, updated_at = now() WHERE name = $1 RETURNING id, credit_code AS "creditCode"', [name, sha256Hex(code), hash]);
    const u = rows[0];
    if (!u) return undefined;
    await audit(tx, { actor, action: 'reset-code', unitId: u.id });
    return { name, creditCode: u.creditCode, code };
  });
}

/** The unit a typed 报送码 belongs to, or undefined. */
export async function unitByCode(db: Queryable, typed: string): Promise<Unit | undefined> {
  const code = normalizeCode(typed);
  if (!code) return undefined;
  const row = (await db.query<Unit & { codeHash: string }>(`SELECT ${UNIT_COLUMNS}, code_hash AS "codeHash" FROM units WHERE code_lookup = $1`, [sha256Hex(code)]))[0];
  if (!row || !(await verifySecret(code, row.codeHash))) return undefined;
  const { codeHash: _, ...unit } = row;
  return unit;
}

// ---- versions, reviews, status

export interface NewVersion {
  readonly unitId: number;
  readonly year: number;
  readonly format: string;
  readonly fileName: string;
  readonly body: Uint8Array;
  readonly fileSha256: string;
  readonly reportSha256: string;
  readonly source: string;
  readonly valid: boolean;
  readonly errors: number;
  readonly warnings: number;
  readonly explained: number;
  readonly client: string;
  readonly result: unknown;
}

export interface Latest {
  readonly id: number;
  readonly valid: boolean;
  readonly reportSha256: string;
  readonly review: 'return' | 'confirm' | null;
  readonly note: string | null;
}

export async function latestVersion(db: Queryable, unitId: number, year: number): Promise<Latest | undefined> {
  return (
    await db.query<Latest>(
      `SELECT v.id, v.valid, v.report_sha256 AS "reportSha256", r.action AS review, r.note
         FROM versions v LEFT JOIN LATERAL (SELECT action, note FROM reviews WHERE version_id = v.id ORDER BY id DESC LIMIT 1) r ON true
        WHERE v.unit_id = $1 AND v.year = $2 ORDER BY v.id DESC LIMIT 1`,
      [unitId, year],
    )
  )[0];
}

/** The file goes in as base64 text, decoded by the database: PGlite serialises a byte-array parameter byte by byte. */
export async function insertVersion(db: Queryable, v: NewVersion): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO versions (unit_id, year, format, file_name, size, file_sha256, report_sha256, source, valid, errors, warnings, explained, client, body, result)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, decode($14, 'base64'), $15::jsonb) RETURNING id`,
    [v.unitId, v.year, v.format, v.fileName, v.body.length, v.fileSha256, v.reportSha256, v.source, v.valid, v.errors, v.warnings, v.explained, v.client, Buffer.from(v.body).toString('base64'), JSON.stringify(v.result)],
  );
  return rows[0]!.id;
}

export interface StatusRow {
  readonly unitId: number;
  readonly name: string;
  readonly creditCode: string | null;
  readonly kind: string | null;
  readonly group: string | null;
  readonly status: Status;
  readonly versionId: number | null;
  readonly versions: number;
  readonly errors: number | null;
  readonly warnings: number | null;
  readonly explained: number | null;
  readonly receivedAt: string | null;
  readonly note: string | null;
}

/** Every unit (or one) with its status for one year, by group and name. */
export async function statusRows(db: Queryable, year: number, unitId?: number): Promise<StatusRow[]> {
  const rows = await db.query<Omit<StatusRow, 'status' | 'receivedAt'> & { valid: boolean | null; review: 'return' | 'confirm' | null; receivedAt: Date | string | null }>(
    `SELECT u.id AS "unitId", u.name, u.credit_code AS "creditCode", u.kind, u.grp AS "group",
            v.id AS "versionId", v.valid, v.errors, v.warnings, v.explained, v.received_at AS "receivedAt",
            r.action AS review, r.note,
            (SELECT count(*)::int FROM versions x WHERE x.unit_id = u.id AND x.year = $1) AS versions
       FROM units u
       LEFT JOIN LATERAL (SELECT * FROM versions v WHERE v.unit_id = u.id AND v.year = $1 ORDER BY v.id DESC LIMIT 1) v ON true
       LEFT JOIN LATERAL (SELECT action, note FROM reviews WHERE version_id = v.id ORDER BY id DESC LIMIT 1) r ON true
      WHERE $2::int IS NULL OR u.id = $2
      ORDER BY u.grp NULLS FIRST, u.name`,
    [year, unitId ?? null],
  );
  return rows.map(({ valid, review, receivedAt, ...r }) => ({
    ...r,
    status: statusOf(r.versionId === null ? undefined : { valid: !!valid, review }),
    receivedAt: receivedAt === null ? null : new Date(receivedAt).toISOString(),
    note: review === 'return' ? r.note : null,
  }));
}

/** The years that have any version, newest first. */
export async function years(db: Queryable): Promise<number[]> {
  return (await db.query<{ year: number }>('SELECT DISTINCT year FROM versions ORDER BY year DESC')).map((r) => r.year);
}

/** The year the board and `server status` show by default: the newest with any version, else last year (reports are due each January). */
export async function defaultYear(db: Queryable, now = new Date()): Promise<number> {
  return (await years(db))[0] ?? now.getFullYear() - 1;
}

export interface VersionInfo {
  readonly id: number;
  readonly unitId: number;
  readonly unitName: string;
  readonly year: number;
  readonly format: string;
  readonly fileName: string;
  readonly size: number;
  readonly fileSha256: string;
  readonly valid: boolean;
  readonly errors: number;
  readonly warnings: number;
  readonly explained: number;
  readonly client: string;
  readonly receivedAt: string;
  readonly reviews: { action: 'return' | 'confirm'; note: string; admin: string; at: string }[];
}

export async function versionsOf(db: Queryable, unitId: number, year?: number): Promise<VersionInfo[]> {
  const rows = await db.query<Omit<VersionInfo, 'reviews' | 'receivedAt'> & { receivedAt: Date | string }>(
    `SELECT v.id, v.unit_id AS "unitId", u.name AS "unitName", v.year, v.format, v.file_name AS "fileName", v.size, v.file_sha256 AS "fileSha256",
            v.valid, v.errors, v.warnings, v.explained, v.client, v.received_at AS "receivedAt"
       FROM versions v JOIN units u ON u.id = v.unit_id WHERE v.unit_id = $1 AND ($2::int IS NULL OR v.year = $2) ORDER BY v.id DESC`,
    [unitId, year ?? null],
  );
  const reviews = await db.query<{ versionId: number; action: 'return' | 'confirm'; note: string; admin: string; at: Date | string }>(
    `SELECT r.version_id AS "versionId", r.action, r.note, a.name AS admin, r.at FROM reviews r JOIN admins a ON a.id = r.admin_id JOIN versions v ON v.id = r.version_id WHERE v.unit_id = $1 ORDER BY r.id`,
    [unitId],
  );
  return rows.map((v) => ({ ...v, receivedAt: new Date(v.receivedAt).toISOString(), reviews: reviews.filter((r) => r.versionId === v.id).map(({ versionId: _, at, ...r }) => ({ ...r, at: new Date(at).toISOString() })) }));
}

export async function versionBody(db: Queryable, id: number): Promise<{ unitId: number; year: number; fileName: string; body: Uint8Array; result: unknown } | undefined> {
  const r = (await db.query<{ unitId: number; year: number; fileName: string; body: Uint8Array; result: unknown }>('SELECT unit_id AS "unitId", year, file_name AS "fileName", body, result FROM versions WHERE id = $1', [id]))[0];
  return r ? { ...r, body: new Uint8Array(r.body) } : undefined;
}

/** The confirmed version of every unit for a year (its newest version, confirmed by its newest review). */
export async function confirmedVersions(db: Queryable, year: number): Promise<{ id: number; unitName: string; fileName: string; body: Uint8Array }[]> {
  const ids = (await statusRows(db, year)).filter((r) => r.status === 'confirmed').map((r) => r.versionId!);
  if (!ids.length) return [];
  // One query for all of them, in the board's order (by group and name).
  const rows = await db.query<{ id: number; unitName: string; fileName: string; body: Uint8Array }>('SELECT v.id, u.name AS "unitName", v.file_name AS "fileName", v.body FROM versions v JOIN units u ON u.id = v.unit_id WHERE v.id = ANY($1::int[])', [ids]);
  const byId = new Map(rows.map((r) => [r.id, { ...r, body: new Uint8Array(r.body) }]));
  return ids.map((id) => byId.get(id)!);
}

export type ReviewOutcome = { ok: true; unitId: number } | { ok: false; status: 404 | 409; message: string };

/** 退回 or 确认 a version: only the unit's newest version of that year, and not one already so reviewed. */
export async function review(db: Db, versionId: number, action: 'return' | 'confirm', note: string, admin: { id: number; name: string }, client: string): Promise<ReviewOutcome> {
  return db.transaction(async (tx) => {
    const v = (await tx.query<{ unitId: number; year: number }>('SELECT unit_id AS "unitId", year FROM versions WHERE id = $1', [versionId]))[0];
    if (!v) return { ok: false, status: 404, message: '没有这个版本' };
    // Serialises reviews and submissions of one unit: the status read below stays true until commit.
    await tx.query('SELECT id FROM units WHERE id = $1 FOR UPDATE', [v.unitId]);
    const latest = await latestVersion(tx, v.unitId, v.year);
    if (latest?.id !== versionId) return { ok: false, status: 409, message: '该单位已报送了更新的版本：请刷新后对最新版本操作' };
    if (latest.review === action) return { ok: false, status: 409, message: action === 'confirm' ? '这个版本已经确认过了' : '这个版本已经退回过了' };
    if (action === 'confirm' && !latest.valid) return { ok: false, status: 409, message: '这个版本仍有错误，不能确认：请退回并写明要改正的地方' };
    await tx.query('INSERT INTO reviews (version_id, action, note, admin_id) VALUES ($1, $2, $3, $4)', [versionId, action, note, admin.id]);
    await audit(tx, { actor: `admin:${admin.name}`, action, unitId: v.unitId, client, detail: { version: versionId, year: v.year, ...(note ? { note } : {}) } });
    return { ok: true, unitId: v.unitId };
  });
}

export interface AuditEntry {
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly unit: string | null;
  readonly client: string;
  readonly detail: unknown;
}

export async function auditLog(db: Queryable, limit = 200): Promise<AuditEntry[]> {
  const rows = await db.query<Omit<AuditEntry, 'at'> & { at: Date | string }>('SELECT a.at, a.actor, a.action, u.name AS unit, a.client, a.detail FROM audit a LEFT JOIN units u ON u.id = a.unit_id ORDER BY a.id DESC LIMIT $1', [limit]);
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}
