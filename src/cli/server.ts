/** xxgk server init|units|status|backup|restore and xxgk serve: the supervising office's collection server. */
import { readFileSync } from 'fs';
import { join } from 'path';
import { initAdmin, resetPassword } from '../server/auth';
import { DEFAULT_DATA, DatabaseError, openDb, restoreEmbedded, type Db, type Where } from '../server/db';
import { packageRoot } from '../server/package-root';
import { STATUSES } from '../server/status';
import { defaultYear, resetCode, statusRows, upsertUnits, type CreatedUnit } from '../server/store';
import { parseUnitList } from '../server/unit-list';
import { writeOutput } from './output';
import { err, out, printable } from './stdio';

export interface ServerOptions {
  data?: string;
  database?: string;
  json?: boolean;
  out?: string;
  reset?: string;
  year?: string;
  'reset-password'?: boolean;
  port?: string;
  host?: string;
  'public-url'?: string;
  web?: string;
  wps?: string;
  'tls-key'?: string;
  'tls-cert'?: string;
  'trust-proxy'?: boolean;
}

const where = (o: ServerOptions): Where => (o.database ? { database: o.database } : { data: o.data ?? DEFAULT_DATA });
const described = (o: ServerOptions) => (o.database ? 'PostgreSQL 数据库' : `数据文件夹 ${o.data ?? DEFAULT_DATA}`);

async function withDb<T>(o: ServerOptions, fn: (db: Db) => Promise<T>, create = false): Promise<T> {
  const db = await openDb(where(o), create);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** 报送码 as a CSV Excel opens directly (UTF-8 with its byte-order mark), for mail merge or printing. */
const codesCsv = (created: readonly CreatedUnit[]) =>
  `\uFEFF单位名称,统一社会信用代码,报送码\r\n${created.map((c) => [c.name, c.creditCode ?? '', c.code].map((v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',')).join('\r\n')}\r\n`;

function printCodes(created: readonly CreatedUnit[], o: ServerOptions): void {
  if (o.json) return out(`${JSON.stringify(created.map((c) => ({ name: c.name, creditCode: c.creditCode, code: c.code })))}\n`);
  if (o.out) writeOutput(o.out, codesCsv(created), []);
  for (const c of created) out(`${printable(c.name)}\t${c.code}\n`);
}

export async function runServer(sub: string | undefined, files: string[], o: ServerOptions): Promise<number> {
  try {
    if (sub === 'init') {
      return await withDb(
        o,
        async (db) => {
          if (o['reset-password']) {
            const password = await resetPassword(db);
            if (!password) return (err('没有管理员：请先运行 xxgk server init\n'), 2);
            out(`管理员 admin 的新密码（只显示这一次）：${password}\n`);
            return 0;
          }
          const admin = await initAdmin(db);
          if (!admin) {
            err(`${described(o)} 已经初始化过，未作改动。忘记密码时用 xxgk server init --reset-password\n`);
            return 2;
          }
          out(`已创建报送数据库（${described(o)}）。\n管理员用户名：${admin.name}\n一次性密码（只显示这一次，请妥善保管）：${admin.password}\n下一步：xxgk server units 单位名单.xlsx，然后 xxgk serve\n`);
          return 0;
        },
        true,
      );
    }
    if (sub === 'units') {
      if (o.reset) {
        const c = await withDb(o, (db) => resetCode(db, o.reset!, 'cli'));
        if (!c) return (err(`没有名为“${printable(o.reset)}”的单位\n`), 2);
        err(`已为 ${printable(c.name)} 生成新的报送码，旧的报送码立即失效：\n`);
        printCodes([c], o);
        return 0;
      }
      if (files.length !== 1) return (err('server units 需要一个单位名单（.csv 或 .xlsx）\n'), 2);
      let bytes: Buffer;
      try {
        bytes = readFileSync(files[0]!);
      } catch {
        return (err(`无法读取 ${printable(files[0]!)}\n`), 2);
      }
      const list = parseUnitList(bytes);
      for (const p of list.problems) err(`${printable(p)}\n`);
      if (!list.units.length) return (err('名单中没有可导入的单位\n'), 2);
      const { created, updated } = await withDb(o, (db) => upsertUnits(db, list.units, 'cli'));
      err(`新增 ${created.length} 个单位，更新 ${updated} 个${list.problems.length ? `，${list.problems.length} 行未导入（见上）` : ''}。${created.length ? '报送码只显示这一次，请分发给各单位（数据库中只存其散列值）：' : ''}\n`);
      printCodes(created, o);
      return list.problems.length ? 1 : 0;
    }
    if (sub === 'status') {
      return await withDb(o, async (db) => {
        const year = o.year ? Number(o.year) : await defaultYear(db);
        const rows = await statusRows(db, year);
        if (o.json) return (out(`${JSON.stringify({ year, units: rows })}\n`), 0);
        const count = (s: keyof typeof STATUSES) => rows.filter((r) => r.status === s).length;
        out(`${year} 年度：${rows.length} 个单位 · ${(Object.keys(STATUSES) as (keyof typeof STATUSES)[]).map((s) => `${STATUSES[s]} ${count(s)}`).join(' · ')}\n`);
        for (const r of rows) out(`  ${STATUSES[r.status]}\t${printable(r.name)}${r.group ? `（${printable(r.group)}）` : ''}${r.versionId ? `\t${r.errors} 个错误，${r.warnings} 个警告，${r.versions} 个版本，最近 ${r.receivedAt}` : ''}${r.note ? `\t退回：${printable(r.note)}` : ''}\n`);
        return 0;
      });
    }
    if (sub === 'backup') {
      if (o.database) return (err('PostgreSQL 数据库请用 pg_dump 备份（见 README）\n'), 2);
      if (!o.out) return (err('server backup 需要 -o 备份文件\n'), 2);
      const bytes = await withDb(o, (db) => db.dump!());
      writeOutput(o.out, Buffer.from(bytes), []);
      out(`已备份 ${described(o)} → ${o.out}（${(bytes.length / 1048576).toFixed(1)} MB）\n`);
      return 0;
    }
    if (sub === 'restore') {
      if (files.length !== 1 || o.database) return (err('server restore <备份文件> --data <新的数据文件夹>\n'), 2);
      await restoreEmbedded(o.data ?? DEFAULT_DATA, readFileSync(files[0]!));
      out(`已从 ${printable(files[0]!)} 恢复到 ${described(o)}\n`);
      return 0;
    }
  } catch (e) {
    if (e instanceof DatabaseError) return (err(`${e.message}\n`), 2);
    throw e;
  }
  err('用法：xxgk server init|units|status|backup|restore …（见 xxgk --help）\n');
  return 2;
}

export async function runServe(o: ServerOptions): Promise<number> {
  const port = Number(o.port ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return (err('--port 应为 0 到 65535 之间的整数\n'), 2);
  const publicUrl = o['public-url'];
  if (publicUrl && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(publicUrl)) return (err('--public-url 应为 http(s):// 开头的地址\n'), 2);
  let db: Db;
  try {
    db = await openDb(where(o));
  } catch (e) {
    if (e instanceof DatabaseError) return (err(`${e.message}\n`), 2);
    throw e;
  }
  const { buildApp } = await import('../server/app');
  const root = packageRoot();
  const https = o['tls-key'] && o['tls-cert'] ? { key: readFileSync(o['tls-key']), cert: readFileSync(o['tls-cert']) } : undefined;
  let app;
  try {
    app = await buildApp(db, { web: o.web ?? join(root, 'dist/addin'), wps: o.wps ?? join(root, 'dist/wps'), ...(publicUrl ? { publicUrl } : {}), ...(https ? { https } : {}), trustProxy: o['trust-proxy'] ?? false });
  } catch (e) {
    await db.close();
    return (err(`${(e as Error).message}\n`), 2);
  }
  const host = o.host ?? '127.0.0.1';
  const address = await app.listen({ port, host });
  const shown = publicUrl ?? address;
  out(`报送服务已启动：${address}（${described(o)}）\n  单位填报与报送：${shown}/\n  政务公开办看板：${shown.replace(/\/$/, '')}/board.html\n  Excel 加载项清单：${shown.replace(/\/$/, '')}/manifest.xml${publicUrl?.startsWith('https:') ? '' : '（需 https 的 --public-url）'}\n按 Ctrl+C 停止。\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  await db.close();
  return 0;
}
