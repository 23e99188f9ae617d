import { formatForYear } from '../formats';
import { checkCreditCode, METADATA_FIELDS, metadataLabel, type MetadataFieldId } from '../metadata';
import type { Issue, RuleCheck } from './types';

/** Mainland fixed lines (区号-号码, optional extension), mobiles, 400/800 lines, 12345 hotlines. */
const PHONE = /^(?:\+?86[- ]?)?(?:0\d{2,3}[- ]?\d{7,8}(?:[-转#]\d{1,6})?|1[3-9]\d{9}|[48]00[- ]?\d{3}[- ]?\d{4}|\d{7,8}|12345)$/;

function validDate(s: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : undefined;
}

export const metaChecks: RuleCheck = {
  rules: ['META-REQUIRED', 'META-YEAR-FORMAT', 'META-CREDIT-CODE', 'META-PHONE', 'META-DATE'],
  check(ctx) {
    const { metadata: m, format } = ctx.report;
    if (!m.agencyName.trim()) ctx.emit('META-REQUIRED', 'meta', [], { field: metadataLabel('agencyName') });
    if (!m.agencyKind) ctx.emit('META-REQUIRED', 'meta', [], { field: metadataLabel('agencyKind') });
    if (m.year === undefined) ctx.emit('META-REQUIRED', 'meta', [], { field: metadataLabel('year') });
    else {
      const expected = formatForYear(m.year);
      if (expected !== format) ctx.emit('META-YEAR-FORMAT', 'meta', [], { year: m.year, format, expected });
    }
    const code = m.creditCode?.trim().toUpperCase();
    if (code) {
      const problem = checkCreditCode(code);
      if (problem) ctx.emit('META-CREDIT-CODE', 'meta', [], { code, ...problem });
    }
    const phone = m.phone?.trim();
    if (phone && !PHONE.test(phone.replace(/[（(]/g, '').replace(/[）)]/g, '-').replace(/--/g, '-'))) {
      ctx.emit('META-PHONE', 'meta', [], { phone });
    }
    if (m.date && m.year !== undefined) {
      const year = m.year;
      const date = validDate(m.date);
      if (!date) ctx.emit('META-DATE', 'meta', [], { date: m.date, year, problem: 'invalid' });
      else if (date.getUTCFullYear() <= year) ctx.emit('META-DATE', 'meta', [], { date: m.date, year, problem: 'early' });
      else if (date.getUTCFullYear() > year + 1) ctx.emit('META-DATE', 'meta', [], { date: m.date, year, problem: 'future' });
    }
  },
};

/** The cover-sheet field a META issue is about, so that surfaces can point at its cell. */
export function metaFieldOf(issue: Issue): MetadataFieldId | undefined {
  switch (issue.ruleId) {
    case 'META-REQUIRED':
      return METADATA_FIELDS.find((f) => f.label === (issue.params as { field: string }).field)?.id;
    case 'META-YEAR-FORMAT':
      return 'year';
    case 'META-CREDIT-CODE':
      return 'creditCode';
    case 'META-PHONE':
      return 'phone';
    case 'META-DATE':
      return 'date';
    default:
      return undefined;
  }
}
