import type { CompiledFormat } from '../formats';
import { extractFee, extractFigures, extractParts, type Figure } from '../narrative/extract';
import { sectionById, type SectionId } from '../sections';
import { fmt } from '../values';
import { rawValue } from '../view';
import type { ReportView, RuleCheck, RuleContext, StatedFigure } from './types';

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
  /** The cells where they depend on the format (表三's result groups). */
  readonly cellsIn?: (format: CompiledFormat) => string[];
  /** Acceptable values (some reports count the carried-over applications in). */
  accepts(view: Pick<ReportView, 'format' | 'get'>): number[];
}

const rowTotal = (row: string) => `t3.${row}.total`;
/** 表三's columns of 法人或其他组织. */
const ORGANISATIONS = ['commercial', 'research', 'publicWelfare', 'legalService', 'otherOrg'] as const;
const T4_TOTALS = { review: ['t4.review.total'], litigation: ['t4.litigationDirect.total', 't4.litigationAfterReview.total'] };

const review = (f: CompiledFormat) => f.byId.get(T4_TOTALS.review[0]!)!.rowTitle;
const litigation = (f: CompiledFormat) => f.byId.get(T4_TOTALS.litigation[0]!)!.group!;

/** A 办理结果 of 表三 as the text states it: its rows' totals together (2019: （六）其他处理 is one row). */
function group(prefix: string, subject: string): Target {
  const cells = (f: CompiledFormat) => f.cells.filter((c) => c.table === 't3' && c.col === 'total' && (c.row === prefix || c.row.startsWith(`${prefix}.`))).map((c) => c.id);
  return {
    subject: () => subject,
    cells: [],
    cellsIn: cells,
    accepts: (v) => [cells(v.format).reduce((s, id) => s + v.get(id), 0)],
  };
}

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
  carriedOver: { subject: () => '上年结转的申请', cells: [rowTotal('carriedOver')], accepts: (v) => [v.get(rowTotal('carriedOver'))] },
  withheld: group('withheld', '不予公开的申请'),
  unable: group('unable', '无法提供的申请'),
  notProcessed: group('notProcessed', '不予处理的申请'),
  otherHandled: group('other', '其他处理的申请'),
  disclosedOrPartial: {
    subject: () => '予以公开及部分公开的申请',
    cells: [rowTotal('disclosed'), rowTotal('partial')],
    accepts: (v) => [v.get(rowTotal('disclosed')) + v.get(rowTotal('partial'))],
  },
};

/** The cells a figure speaks of, in this format. */
const cellsOf = (target: Target, format: CompiledFormat): readonly string[] => target.cellsIn?.(format) ?? target.cells;

function describe(ctx: RuleContext, target: Target, kind: Figure['kind']): string {
  if (target.cellsIn) return `表三中${target.subject(ctx.format)}共 ${fmt(target.accepts(ctx)[0]!)} 件`;
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
    const cells = cellsOf(target, ctx.format);
    if (cells.some((id) => typeof rawValue(ctx.report, id) !== 'number')) {
      unread.push(f.phrase);
      continue;
    }
    if (target.accepts(ctx).includes(f.value)) continue;
    ctx.emit(
      'NARRATIVE-FIGURES',
      'narrative',
      cells.map((id) => ctx.format.byId.get(id)!.index),
      { subject: target.subject(ctx.format), stated: f.value, tableText: describe(ctx, target, kind), phrase: f.phrase },
      [f],
    );
  }
  if (unread.length) ctx.emit('NARRATIVE-UNCHECKED', 'narrative', [], { count: unread.length, phrases: unread.slice(0, 3).map((p) => `“${p}”`).join('、') });
}

/**
 * The figures the narrative states, as evidence for finding a wrong cell: each holds when the stated
 * number is among what the table's cells give (`accepts` over any cell values, so that a hint can try
 * a correction). Figures over cells left blank are no evidence.
 */
export function statedFigures(view: ReportView): StatedFigure[] {
  if (!view.report.narrative) return [];
  return extractFigures(view.report.narrative).flatMap(({ kind, value, phrase }) => {
    const target = TARGETS[kind];
    const cells = cellsOf(target, view.format);
    if (cells.length === 0 || cells.some((id) => typeof rawValue(view.report, id) !== 'number')) return [];
    return [{ stated: value, phrase, accepts: (get: (id: string) => number) => target.accepts({ format: view.format, get }) }];
  });
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
