/**
 * 接收: one unit's file, read with the same open flow as the command line, validated with the same
 * model (with the unit's confirmed report of the year before for the cross-year rules), checked to
 * be the unit's own, and stored as a new version in one transaction — or refused with the reason.
 */
import { reportHash, validateRead, type Report } from '../model/core';
import { openBuffer } from '../cli/load';
import { issueAddress } from '../sheet/places';
import { normalizeLabel } from '../sheet/reader';
import type { Db } from './db';
import { sha256Hex } from './secrets';
import { audit, insertVersion, latestVersion, type Unit } from './store';
import { STATUSES, statusOf, type Status } from './status';

export interface Verdict {
  /** accepted: stored, passes; errors: stored, has errors; unchanged: the same report as the newest version; refused: not stored. */
  readonly outcome: 'accepted' | 'errors' | 'unchanged' | 'refused';
  /** What the unit reads, in Chinese. */
  readonly message: string;
  readonly unit?: string;
  readonly year?: number;
  readonly version?: number;
  readonly status?: Status;
  readonly statusLabel?: string;
  readonly counts?: { readonly error: number; readonly warning: number; readonly info: number };
  /** The first errors and warnings, with their cells, for the unit to see where to look. */
  readonly issues?: readonly { readonly ruleId: string; readonly severity: string; readonly message: string; readonly address?: string }[];
}

/** HTTP status for a refusal: which kind of wrong it was. */
export type Refusal = Verdict & { readonly outcome: 'refused'; readonly http: 401 | 403 | 409 | 422 };

const refuse = (http: Refusal['http'], message: string, extra: Omit<Partial<Verdict>, 'outcome'> = {}): Refusal => ({ ...extra, outcome: 'refused', http, message });

/** Whose report this is: 统一社会信用代码 where both have one, else the name as the unit list gives it. */
function identityProblem(unit: Unit, report: Report): string | undefined {
  const m = report.metadata;
  const code = m.creditCode?.trim().toUpperCase();
  if (unit.creditCode && code) return code === unit.creditCode ? undefined : `这份报告的统一社会信用代码是 ${code}，不是本单位（${unit.name}，${unit.creditCode}）的：不能替其他单位报送`;
  if (normalizeLabel(m.agencyName ?? '') === normalizeLabel(unit.name)) return undefined;
  return m.agencyName?.trim() ? `这份报告的机关名称是“${m.agencyName.trim()}”，不是本单位“${unit.name}”：不能替其他单位报送（名称应与单位名单一致）` : `这份报告没有填写机关名称：请在基本信息中填写“${unit.name}”后再报送`;
}

async function previousYear(db: Db, unitId: number, year: number): Promise<Report | undefined> {
  const last = await latestVersion(db, unitId, year - 1);
  if (last?.review !== 'confirm') return undefined;
  const body = (await db.query<{ body: Uint8Array }>('SELECT body FROM versions WHERE id = $1', [last.id]))[0]?.body;
  const loaded = body ? await openBuffer(new Uint8Array(body), '上年报告') : undefined;
  return loaded?.ok ? loaded.report : undefined;
}

export async function receive(db: Db, unit: Unit, body: Uint8Array, fileName: string, client: string): Promise<Verdict | Refusal> {
  const actor = `unit:${unit.name}`;
  const refused = async (r: Refusal) => {
    await audit(db, { actor, action: 'submit-refused', unitId: unit.id, client, detail: { file: fileName, size: body.length, reason: r.message } });
    return r;
  };
  const loaded = await openBuffer(body, fileName);
  if (!loaded.ok) return refused(refuse(422, loaded.problems.join('；')));
  if (loaded.aggregate) return refused(refuse(422, '这是一份汇总文件，不是单位的年度报告'));
  const { report } = loaded;
  const year = report.metadata.year;
  if (year === undefined) return refused(refuse(422, '报告没有填写年度：请在基本信息中填写年度后再报送'));
  const other = identityProblem(unit, report);
  if (other) return refused(refuse(403, other));
  const result = validateRead(loaded, await previousYear(db, unit.id, year));
  const reportSha256 = reportHash(report);
  const counts = result.counts;
  const issues = result.issues
    .filter((i) => i.severity !== 'info')
    .slice(0, 20)
    .map((i) => {
      const address = issueAddress(i, loaded.places);
      return { ruleId: i.ruleId, severity: i.severity, message: i.message, ...(address ? { address } : {}) };
    });
  const base = { unit: unit.name, year, counts, issues };
  const stored = await db.transaction(async (tx) => {
    // One unit's submissions and reviews one after another: the status read here holds until commit.
    await tx.query('SELECT id FROM units WHERE id = $1 FOR UPDATE', [unit.id]);
    const latest = await latestVersion(tx, unit.id, year);
    if (latest?.review === 'confirm') return refuse(409, `${year} 年度的报告已经确认，不能再报送：如需修改，请联系政务公开办退回`, base);
    if (latest && latest.reportSha256 === reportSha256 && latest.review !== 'return') {
      const status = statusOf(latest);
      return { ...base, outcome: 'unchanged' as const, message: `与上次报送的内容相同，未重复保存（当前状态：${STATUSES[status]}）`, version: latest.id, status, statusLabel: STATUSES[status] };
    }
    const version = await insertVersion(tx, {
      unitId: unit.id,
      year,
      format: report.format,
      fileName,
      body,
      fileSha256: sha256Hex(body),
      reportSha256,
      source: loaded.source,
      valid: result.valid,
      errors: counts.error,
      warnings: counts.warning,
      explained: report.explanations?.length ?? 0,
      client,
      result: { valid: result.valid, counts, issues: result.issues, hints: result.hints, rulesVersion: result.rulesVersion },
    });
    await audit(tx, { actor, action: 'submit', unitId: unit.id, client, detail: { version, year, file: fileName, size: body.length, valid: result.valid, errors: counts.error, warnings: counts.warning } });
    const status: Status = result.valid ? 'submitted' : 'errors';
    const message = result.valid
      ? `已报送 ${year} 年度报告（第 ${version} 号版本）：校验通过${counts.warning ? `，有 ${counts.warning} 个警告` : ''}，等待政务公开办确认`
      : `已收到，但报告有 ${counts.error} 个错误，尚未计为已报送：请改正后重新报送`;
    return { ...base, outcome: result.valid ? ('accepted' as const) : ('errors' as const), message, version, status, statusLabel: STATUSES[status] };
  });
  return stored.outcome === 'refused' ? refused(stored as Refusal) : stored;
}
