import type { CompiledFormat } from '../formats';
import { extractFee, extractFigures, extractParts, type Figure } from '../narrative/extract';
import { sectionById, type SectionId } from '../sections';
import { fmt } from '../values';
import { rawValue } from '../view';
import type { ReportView, RuleCheck, RuleContext } from './types';

/** Sections that are text only; 二–四 are the tables themselves. */
const TEXT_SECTIONS: readonly SectionId[] = ['overview', 'problems', 'other'];
const EMPTY = /^[\s\u3000]*(?:无[。.]?)?[\s\u3000]*$/;
const BLANK = /^[\s\u3000]*$/;

/**
 * The text the formats require: 一、总体情况, 五 and 六 each with words (六 may say 无). Runs on every
 * report that has a text part — every workbook, import and page report has one, so a report whose
 * text was never written (or never imported) does not pass. Data of the tables alone (a 汇总, the
 * custom functions' ranges, JSON without `narrative`) is not a report to publish and is not asked for text.
 */
export const narrativeRequired: RuleCheck = {
  rules: ['NARRATIVE-EMPTY'],
  check(ctx) {
    const n = ctx.report.narrative;
    if (!n) return;
    const blank = TEXT_SECTIONS.filter((id) => BLANK.test(n?.[id] ?? ''));
    if (blank.length) ctx.emit('NARRATIVE-EMPTY', 'narrative', [], { sections: blank.map((id) => sectionById(id).heading).join('、'), all: blank.length === TEXT_SECTIONS.length });
  },
};

/** A table figure the narrative may state: the cells, and how it reads in a message. */
interface Target {
  /** What the narrative speaks of, in words; table labels come from the format. */
  subject(format: CompiledFormat): string;
  readonly cells: readonly string[];
  /** Acceptable values (some reports count the carried-over applications in). */
  accepts(view: ReportView): number[];
}

const rowTotal = (row: string) => `t3.${row}.total`;
/** 表三's columns of 法人或其他组织. */
const ORGANISATIONS = ['commercial', 'research', 'publicWelfare', 'legalService', 'otherOrg'] as const;
const T4_TOTALS = { review: ['t4.review.total'], litigation: ['t4.litigationDirect.total', 't4.litigationAfterReview.total'] };

const review = (f: CompiledFormat) => f.byId.get(T4_TOTALS.review[0]!)!.rowTitle;
const litigation = (f: CompiledFormat) => f.byId.get(T4_TOTALS.litigation[0]!)!.group!;

const TARGETS: Record<Figure['kind'], Target> = {
  received: {
    subject: () => '收到的政府信息公开申请',
    cells: [rowTotal('new'), rowTotal('carriedOver')],
    accepts: (v) => [v.get(rowTotal('new')), v.get(rowTotal('new')) + v.get(rowTotal('carriedOver'))],
  },
  noneReceived: { subject: () => '未收到政府信息公开申请', cells: [rowTotal('new')], accepts: (v) => [v.get(rowTotal('new'))] },
  carryForward: { subject: () => '结转下年度的申请', cells: [rowTotal('carryForward')], accepts: (v) => [v.get(rowTotal('carryForward'))] },
  review: { subject: (f) => review(f), cells: T4_TOTALS.review, accepts: (v) => [v.get(T4_TOTALS.review[0]!)] },
  noReview: { subject: (f) => `未发生${review(f)}`, cells: T4_TOTALS.review, accepts: (v) => [v.get(T4_TOTALS.review[0]!)] },
  litigation: {
    subject: (f) => litigation(f),
    cells: T4_TOTALS.litigation,
    accepts: (v) => [T4_TOTALS.litigation.reduce((s, id) => s + v.get(id), 0)],
  },
  noLitigation: {
    subject: (f) => `未发生${litigation(f)}`,
    cells: T4_TOTALS.litigation,
    accepts: (v) => [T4_TOTALS.litigation.reduce((s, id) => s + v.get(id), 0)],
  },
  natural: {
    subject: () => '自然人的申请',
    cells: ['t3.new.natural'],
    accepts: (v) => [v.get('t3.new.natural'), v.get('t3.new.natural') + v.get('t3.carriedOver.natural')],
  },
  organisations: {
    subject: () => '法人或其他组织的申请',
    cells: ORGANISATIONS.map((c) => `t3.new.${c}`),
    accepts: (v) => [ORGANISATIONS.reduce((s, c) => s + v.get(`t3.new.${c}`), 0), ORGANISATIONS.reduce((s, c) => s + v.get(`t3.new.${c}`) + v.get(`t3.carriedOver.${c}`), 0)],
  },
  disclosed: { subject: () => '予以公开的申请', cells: [rowTotal('disclosed')], accepts: (v) => [v.get(rowTotal('disclosed'))] },
  partial: { subject: () => '部分公开的申请', cells: [rowTotal('partial')], accepts: (v) => [v.get(rowTotal('partial'))] },
  disclosedOrPartial: {
    subject: () => '予以公开及部分公开的申请',
    cells: [rowTotal('disclosed'), rowTotal('partial')],
    accepts: (v) => [v.get(rowTotal('disclosed')) + v.get(rowTotal('partial'))],
  },
};

function describe(ctx: RuleContext, target: Target, kind: Figure['kind']): string {
  const parts = target.cells.map((id) => {
    const c = ctx.format.byId.get(id)!;
    const table = ctx.format.tables.find((t) => t.id === c.table)!.name;
    return `${table}“${c.rowTitle}”${c.colLabel} ${fmt(ctx.get(id))}`;
  });
  if (kind === 'received') return `${parts[0]}（连同上年结转为 ${fmt(target.accepts(ctx)[1]!)}）`;
  return parts.join('，');
}

function figures(ctx: RuleContext): void {
  const unread: string[] = [];
  for (const { kind, ...f } of extractFigures(ctx.report.narrative!)) {
    const target = TARGETS[kind];
    // A blank cell (one a published text did not give) says nothing the text could contradict.
    if (target.cells.some((id) => typeof rawValue(ctx.report, id) !== 'number')) {
      unread.push(f.phrase);
      continue;
    }
    if (target.accepts(ctx).includes(f.value)) continue;
    ctx.emit(
      'NARRATIVE-FIGURES',
      'narrative',
      target.cells.map((id) => ctx.format.byId.get(id)!.index),
      { subject: target.subject(ctx.format), stated: f.value, tableText: describe(ctx, target, kind), phrase: f.phrase },
      [f],
    );
  }
  if (unread.length) ctx.emit('NARRATIVE-UNCHECKED', 'narrative', [], { count: unread.length, phrases: unread.slice(0, 3).map((p) => `“${p}”`).join('、') });
}

function parts(ctx: RuleContext): void {
  const text = ctx.report.narrative?.overview;
  if (!text) return;
  for (const p of extractParts(text)) {
    const total = p.total.value;
    for (const split of p.splits) {
      const sum = split.parts.reduce((s, e) => s + e.value, 0);
      if (sum !== total) {
        ctx.emit('NARRATIVE-PARTS', 'narrative', [], { total, parts: sum, split: split.name, exhaustive: true }, [p.total, ...split.parts]);
      }
    }
    if (p.listed.length === 0) continue;
    const sum = p.listed.reduce((s, e) => s + e.value, 0);
    const tooMany = p.listed.some((e) => e.value > total) || sum > total;
    if (tooMany) {
      ctx.emit('NARRATIVE-PARTS', 'narrative', [], { total, parts: sum, split: '“其中”所列分项', exhaustive: false }, [p.total, ...p.listed]);
    } else if (sum < total) {
      ctx.emit('NARRATIVE-PARTS-UNACCOUNTED', 'narrative', [], { total, parts: sum, rest: total - sum }, [p.total, ...p.listed]);
    }
  }
}

function fee(ctx: RuleContext): void {
  const other = ctx.report.narrative?.other;
  if (other === undefined) return;
  const unpaidId = 't3.other.unpaidFee.total';
  const unpaidCell = ctx.format.byId.get(unpaidId);
  if (!unpaidCell) return;
  const { mentioned, charged } = extractFee(other);
  const unpaid = ctx.get(unpaidId);
  if (unpaid > 0 && !mentioned) ctx.emit('NARRATIVE-FEE', 'narrative', [unpaidCell.index], { problem: 'unmentioned', unpaid });
  const applications = ctx.get(rowTotal('new')) + ctx.get(rowTotal('carriedOver'));
  const read = [rowTotal('new'), rowTotal('carriedOver')].every((id) => typeof rawValue(ctx.report, id) === 'number');
  if (charged && applications === 0 && read) {
    ctx.emit(
      'NARRATIVE-FEE',
      'narrative',
      [ctx.format.byId.get(rowTotal('new'))!.index],
      { problem: 'noApplications', unpaid, phrase: charged.phrase },
      [charged],
    );
  }
  if (!mentioned && unpaid === 0) ctx.emit('NARRATIVE-FEE-STATEMENT', 'narrative', [], {});
}

/** Narrative against the tables; runs when any section has text. */
export const narrativeChecks: RuleCheck = {
  rules: ['NARRATIVE-SECTIONS', 'NARRATIVE-FIGURES', 'NARRATIVE-UNCHECKED', 'NARRATIVE-PARTS', 'NARRATIVE-PARTS-UNACCOUNTED', 'NARRATIVE-FEE', 'NARRATIVE-FEE-STATEMENT'],
  needs: 'narrative',
  check(ctx) {
    const n = ctx.report.narrative!;
    for (const id of TEXT_SECTIONS) {
      const text = n[id];
      const section = sectionById(id).heading;
      // A blank section is NARRATIVE-EMPTY's; here only a section that says no more than “无”.
      if (text === undefined || BLANK.test(text)) continue;
      if (id !== 'other' && EMPTY.test(text)) ctx.emit('NARRATIVE-SECTIONS', 'narrative', [], { section, problem: 'empty' });
    }
    figures(ctx);
    parts(ctx);
    fee(ctx);
  },
};
