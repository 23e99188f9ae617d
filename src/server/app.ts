/**
 * xxgk serve: one origin for the standalone page, the Excel and WPS add-ins, the units' 报送 API
 * and the office's board. Fastify with its cookie, CSRF, rate-limit, helmet and static plugins.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { zipSync } from 'fflate';
import { aggregate, type AggregateUnit } from '../model/core';
import { openBuffer } from '../cli/load';
import { LIMITS } from '../sheet/xlsx/zip';
import { aggregateDocument, aggregateWorkbook } from '../workbook/aggregate-workbook';
import { VERSION } from '../version';
import { cookieSecret, login, logout, sessionAdmin, SESSION_HOURS, type Admin } from './auth';
import type { Db } from './db';
import { packageRoot } from './package-root';
import { receive } from './receive';
import { STATUSES } from './status';
import { auditLog, audit, confirmedVersions, defaultYear, review, statusRows, unitByCode, versionBody, versionsOf, years } from './store';

export interface ServeOptions {
  /** The built add-in (webpack's dist/addin); without it only the API is served. */
  readonly web?: string;
  /** The built WPS add-in (dist/wps). */
  readonly wps?: string;
  /** The address units and the add-ins reach the server at (https for Excel). */
  readonly publicUrl?: string;
  /** Requests per minute: logins per client address, submissions per 报送码. */
  readonly limits?: { readonly login?: number; readonly submit?: number };
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For. */
  readonly trustProxy?: boolean;
  readonly https?: { readonly key: Buffer; readonly cert: Buffer };
}

const SESSION_COOKIE = 'xxgk_session';
/** API answers and the board may never be framed; the add-in's pages must be (Office on the web frames the task pane). */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

declare module 'fastify' {
  interface FastifyRequest {
    admin?: Admin;
  }
}

/** Each built page's own Content-Security-Policy (its meta tag), sent as a header too. */
function pagePolicies(dir: string | undefined): Map<string, string> {
  const policies = new Map<string, string>();
  if (!dir || !existsSync(dir)) return policies;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.html'))) {
    // Minified pages drop the quotes around attribute values without spaces.
    const m = /http-equiv=["']?Content-Security-Policy["']?\s+content="([^"]+)"/i.exec(readFileSync(join(dir, f), 'utf8'));
    if (m?.[1]) policies.set(f, m[1].replace(/&#39;/g, "'").replace(/&quot;/g, '"'));
  }
  return policies;
}

const clientOf = (req: FastifyRequest) => req.ip;
const bearer = (req: FastifyRequest) => /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();

/** The file name a client sent (URI-encoded in X-File-Name), safe to store and show. */
function fileNameOf(req: FastifyRequest): string {
  const raw = req.headers['x-file-name'];
  let name = typeof raw === 'string' ? raw : '';
  try {
    name = decodeURIComponent(name);
  } catch {
    /* kept as sent */
  }
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069\\/]/g, '_').slice(0, 200) || '未命名';
}

export async function buildApp(db: Db, options: ServeOptions = {}): Promise<FastifyInstance> {
  const secure = options.publicUrl?.startsWith('https:') || !!options.https;
  const app = Fastify({
    // The reader's own bound: a larger body is refused before it is read.
    bodyLimit: LIMITS.fileBytes,
    trustProxy: options.trustProxy ?? false,
    logger: false,
    ...(options.https ? { https: options.https } : {}),
  } as object) as unknown as FastifyInstance;
  const secret = await cookieSecret(db);
  await app.register(cookie, { secret });
  await app.register(csrf, {
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'strict', path: '/', secure },
    getToken: (req: FastifyRequest) => req.headers['x-csrf-token'] as string | undefined,
    // Bound to the session: a token from one login is worth nothing in another (cookie tossing).
    getUserInfo: (req: FastifyRequest) => req.cookies[SESSION_COOKIE] ?? '',
    csrfOpts: { hmacKey: secret },
  });
  await app.register(helmet, {
    // Each page's policy is its own (below); Office on the web frames the task pane, so no blanket frame ban.
    contentSecurityPolicy: false,
    frameguard: false,
    crossOriginEmbedderPolicy: false,
    hsts: secure,
  });
  await app.register(rateLimit, { global: false });
  // Files arrive as bytes (a workbook or a JSON document), read by the report reader, never by Fastify's JSON parser.
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  const policies = pagePolicies(options.web);
  app.addHook('onSend', async (req, reply, payload) => {
    const path = req.url.split('?')[0] ?? '';
    const page = path === '/' ? 'validator.html' : path.replace(/^\//, '');
    const policy = policies.get(page);
    if (path.startsWith('/api/') || page === 'board.html') {
      // The office's data: never framed (clickjacking a 确认), never cached.
      reply.header('Content-Security-Policy', policy ? `${policy}; frame-ancestors 'none'` : API_CSP);
      reply.header('X-Frame-Options', 'DENY');
      reply.header('Cache-Control', 'no-store');
    } else if (policy) reply.header('Content-Security-Policy', policy);
    return payload;
  });
  app.setErrorHandler((e: Error & { statusCode?: number; code?: string }, req, reply) => {
    const status = e.statusCode ?? 500;
    const message =
      e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? (req.url.startsWith('/api/submit') ? `文件过大（超过 ${LIMITS.fileBytes / 1048576} MB），不是年度报告` : '请求过大')
      : e.code?.startsWith('FST_CSRF') ? '请求缺少有效的安全令牌（CSRF）：请刷新页面后重试'
      : status === 429 ? '请求过于频繁，请稍后再试'
      : status === 415 ? '请以文件内容（application/octet-stream）报送'
      : status < 500 ? '请求有误'
      : '服务器内部错误';
    // The office's operator sees what broke (the logger is off: no request logging, nothing about the units' data).
    if (status >= 500) process.stderr.write(`${new Date().toISOString()} 服务器内部错误：${e.stack ?? e.message}\n`);
    void reply.code(status).send({ outcome: 'refused', message });
  });

  // ---- the units' side
  app.get('/api/info', async () => ({ name: 'xxgk', version: VERSION, server: true, statuses: STATUSES }));

  const submitLimit = { max: options.limits?.submit ?? 30, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `submit:${bearer(req) ?? req.ip}` };
  app.post('/api/submit', { config: { rateLimit: submitLimit } }, async (req, reply) => {
    const code = bearer(req);
    const unit = code ? await unitByCode(db, code) : undefined;
    if (!unit) {
      await audit(db, { actor: 'unknown', action: 'submit-refused', client: clientOf(req), detail: { reason: 'code' } });
      return reply.code(401).send({ outcome: 'refused', message: '报送码不正确：请核对政务公开办发给本单位的报送码' });
    }
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) return reply.code(422).send({ outcome: 'refused', message: '没有收到文件' });
    const verdict = await receive(db, unit, new Uint8Array(req.body), fileNameOf(req), clientOf(req));
    const { http, ...body } = verdict as typeof verdict & { http?: number };
    return reply.code(http ?? (verdict.outcome === 'unchanged' ? 200 : 201)).send(body);
  });

  /** A unit's own status: every year it has reported, with the office's 退回 note. */
  app.get('/api/unit', { config: { rateLimit: submitLimit } }, async (req, reply) => {
    const code = bearer(req);
    const unit = code ? await unitByCode(db, code) : undefined;
    if (!unit) return reply.code(401).send({ message: '报送码不正确' });
    const yearsOf = (await db.query<{ year: number }>('SELECT DISTINCT year FROM versions WHERE unit_id = $1 ORDER BY year DESC', [unit.id])).map((r) => r.year);
    const rows = [];
    for (const y of yearsOf) {
      const row = (await statusRows(db, y, unit.id))[0]!;
      rows.push({ year: y, status: row.status, statusLabel: STATUSES[row.status], note: row.note, versions: row.versions, errors: row.errors, warnings: row.warnings, receivedAt: row.receivedAt });
    }
    return { unit: unit.name, years: rows };
  });

  // ---- the office's side
  const requireAdmin = async (req: FastifyRequest, reply: FastifyReply) => {
    const admin = await sessionAdmin(db, req.cookies[SESSION_COOKIE]);
    if (!admin) return reply.code(401).send({ message: '请先登录' });
    req.admin = admin;
  };
  const guarded = { onRequest: requireAdmin };
  const changing = { onRequest: [requireAdmin, app.csrfProtection] };

  app.post<{ Body: { name?: string; password?: string } }>('/api/admin/login', { bodyLimit: 16 * 1024, config: { rateLimit: { max: options.limits?.login ?? 5, timeWindow: 60_000 } } }, async (req, reply) => {
    const { name = 'admin', password = '' } = (req.body ?? {}) as { name?: string; password?: string };
    const r = typeof name === 'string' && typeof password === 'string' ? await login(db, name, password, clientOf(req)) : undefined;
    if (!r) return reply.code(401).send({ message: '用户名或密码不正确' });
    void reply.setCookie(SESSION_COOKIE, r.token, { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: SESSION_HOURS * 3600 });
    // The CSRF token is bound to the new session's cookie, which this request does not carry yet.
    req.cookies[SESSION_COOKIE] = r.token;
    return { name: r.admin.name, csrfToken: reply.generateCsrf({ userInfo: r.token } as object) };
  });
  app.get('/api/admin/session', guarded, async (req, reply) => ({ name: req.admin!.name, csrfToken: reply.generateCsrf({ userInfo: req.cookies[SESSION_COOKIE] } as object) }));
  app.post('/api/admin/logout', changing, async (req, reply) => {
    await logout(db, req.cookies[SESSION_COOKIE]!);
    await audit(db, { actor: `admin:${req.admin!.name}`, action: 'logout', client: clientOf(req) });
    return reply.clearCookie(SESSION_COOKIE, { path: '/' }).send({ ok: true });
  });

  const yearOf = async (q: unknown) => {
    const y = Number((q as { year?: string }).year);
    return Number.isInteger(y) && y > 1990 && y < 2200 ? y : defaultYear(db);
  };
  app.get('/api/admin/status', guarded, async (req) => {
    const year = await yearOf(req.query);
    const units = await statusRows(db, year);
    const counts = Object.fromEntries(Object.keys(STATUSES).map((s) => [s, units.filter((u) => u.status === s).length]));
    return { year, years: [...new Set([year, ...(await years(db))])].sort((a, b) => b - a), statuses: STATUSES, counts, units };
  });
  app.get<{ Params: { id: string } }>('/api/admin/units/:id/versions', guarded, async (req) => versionsOf(db, Number(req.params.id) || 0, Number((req.query as { year?: string }).year) || undefined));
  app.get<{ Params: { id: string } }>('/api/admin/versions/:id', guarded, async (req, reply) => {
    const v = await versionBody(db, Number(req.params.id) || 0);
    return v ? { ...v, body: undefined } : reply.code(404).send({ message: '没有这个版本' });
  });
  app.get<{ Params: { id: string } }>('/api/admin/versions/:id/file', guarded, async (req, reply) => {
    const v = await versionBody(db, Number(req.params.id) || 0);
    if (!v) return reply.code(404).send({ message: '没有这个版本' });
    await audit(db, { actor: `admin:${req.admin!.name}`, action: 'download', unitId: v.unitId, client: clientOf(req), detail: { version: Number(req.params.id) } });
    return reply.header('Content-Type', 'application/octet-stream').header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(v.fileName)}`).send(Buffer.from(v.body));
  });
  for (const action of ['return', 'confirm'] as const) {
    app.post<{ Params: { id: string }; Body: { note?: string } }>(`/api/admin/versions/:id/${action}`, { ...changing, bodyLimit: 64 * 1024 }, async (req, reply) => {
      const note = typeof req.body?.note === 'string' ? req.body.note.trim().slice(0, 2000) : '';
      if (action === 'return' && !note) return reply.code(422).send({ message: '退回时请写明原因，单位会看到这段说明' });
      const r = await review(db, Number(req.params.id) || 0, action, note, req.admin!, clientOf(req));
      return r.ok ? { ok: true } : reply.code(r.status).send({ message: r.message });
    });
  }

  /** The confirmed reports of a year, read again and summed as `xxgk aggregate` sums them. */
  const summed = async (year: number) => {
    const units: AggregateUnit[] = [];
    for (const v of await confirmedVersions(db, year)) {
      const loaded = await openBuffer(v.body, v.fileName);
      if (loaded.ok) units.push({ source: `${v.unitName}/${v.fileName}`, report: loaded.report, reading: loaded.reading, computed: loaded.computed });
    }
    return aggregate(units, {});
  };
  app.get('/api/admin/aggregate', guarded, async (req, reply) => {
    const year = await yearOf(req.query);
    const agg = await summed(year);
    if (!agg.ok) return reply.code(409).send({ message: agg.problems.join('；') });
    await audit(db, { actor: `admin:${req.admin!.name}`, action: 'aggregate', client: clientOf(req), detail: { year, units: agg.units.length } });
    const json = (req.query as { format?: string }).format === 'json';
    const name = `汇总-${year}.${json ? 'json' : 'xlsx'}`;
    const body = json ? aggregateDocument(agg) : Buffer.from(await aggregateWorkbook(agg).xlsx.writeBuffer());
    return reply.header('Content-Type', json ? 'application/json; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`).send(body);
  });
  app.get('/api/admin/confirmed.zip', guarded, async (req, reply) => {
    const year = await yearOf(req.query);
    const files: Record<string, Uint8Array> = {};
    for (const v of await confirmedVersions(db, year)) files[`${v.unitName}/${v.fileName}`] = v.body;
    await audit(db, { actor: `admin:${req.admin!.name}`, action: 'download-zip', client: clientOf(req), detail: { year, files: Object.keys(files).length } });
    return reply.header('Content-Type', 'application/zip').header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`已确认的报告-${year}.zip`)}`).send(Buffer.from(zipSync(files)));
  });
  app.get('/api/admin/audit', guarded, async () => auditLog(db));

  // ---- the pages and the add-ins
  if (options.publicUrl) {
    const base = options.publicUrl.endsWith('/') ? options.publicUrl : `${options.publicUrl}/`;
    const manifest = options.web && join(options.web, 'manifest.xml');
    app.get('/manifest.xml', async (_req, reply) => {
      if (!manifest || !existsSync(manifest) || !base.startsWith('https:')) return reply.code(404).type('text/plain; charset=utf-8').send('Excel 加载项需要 https 地址：请用 --public-url https://… 启动');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { manifestFor } = require(join(packageRoot(), 'scripts/manifest')) as { manifestFor: (xml: string, base: string) => string };
      return reply.type('application/xml').send(manifestFor(readFileSync(manifest, 'utf8'), base));
    });
    if (options.wps && existsSync(options.wps)) {
      app.get('/wps/jsplugins.xml', async (_req, reply) => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { jspluginsXml } = require(join(packageRoot(), 'scripts/wps-addon')) as { jspluginsXml: (v: string, url: string) => string };
        return reply.type('application/xml').send(jspluginsXml(VERSION, `${base}wps/`));
      });
    }
  }
  if (options.wps && existsSync(options.wps)) await app.register(fastifyStatic, { root: options.wps, prefix: '/wps/', decorateReply: false });
  if (options.web && existsSync(options.web)) {
    await app.register(fastifyStatic, { root: options.web, prefix: '/', index: ['validator.html'] });
    app.get('/board', async (_req, reply) => reply.redirect('/board.html'));
  } else {
    app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').send('<!doctype html><meta charset="utf-8"><title>xxgk</title><p>报送服务正在运行，但页面尚未构建：请先运行 <code>npm run build:addin</code>。'));
  }
  return app;
}
