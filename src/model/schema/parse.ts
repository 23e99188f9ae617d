import { z } from 'zod';
// Only the zh-CN locale: z.locales would bring every language into the task pane.
import { zhCN as zhCNLocale } from 'zod/locales';
import { FORMAT_IDS, getFormat, isFormatId } from '../formats';
import { AGENCY_KINDS, METADATA_FIELDS } from '../metadata';
import { SECTIONS } from '../sections';
import { cellWhere } from '../rules/where';
import { ReportSchema, type Report } from './report';

/** A problem with a document's structure, in Chinese, with the place it concerns. */
export interface ParseProblem {
  /** Dotted path in the document, e.g. tables.t3.new.natural */
  readonly path: string;
  /** The place in words, e.g. 表三 一、本年新收政府信息公开申请数量 · 自然人 */
  readonly where: string;
  readonly message: string;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly ParseProblem[] };

const zhLocale = zhCNLocale().localeError;
const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  object: '对象（{…}）',
  array: '列表（[…]）',
  boolean: '是/否',
};

/** Chinese messages: our own for the common cases, zod's zh-CN locale for the rest. */
const zhCN: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '缺少此项' : `应为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'unrecognized_keys': {
      // Keys come from the file: quote a few, each shortened, never the whole of a hostile one.
      const shown = issue.keys.slice(0, 5).map((k) => (k.length > 30 ? `${k.slice(0, 30)}…` : k));
      return `含有本格式没有的项目：${shown.join('、')}${issue.keys.length > 5 ? ` 等 ${issue.keys.length} 项` : ''}`;
    }
    case 'invalid_format':
      return issue.format === 'regex' && issue.path?.at(-1) === 'sha256' ? '应为 64 位小写十六进制数字（0-9、a-f）' : zhLocale(issue);
    case 'invalid_union':
      // The report's discriminator (format) or a cell, the only unions in the schema.
      return 'discriminator' in issue || issue.path?.at(-1) === 'format'
        ? `应为 ${FORMAT_IDS.map((f) => `“${f}”`).join(' 或 ')}（2019、2020 年度用 2019 版，2021 年起用 2021 版）`
        : '应为数字、文字或留空';
    case 'invalid_value':
      return `应为以下之一：${issue.values.map((v) => AGENCY_KINDS.find((k) => k.id === v)?.label ?? String(v)).join('、')}`;
    default:
      return zhLocale(issue);
  }
};

/** The place a path points to, in the words of the report. */
export function describePath(path: readonly PropertyKey[], format: unknown): string {
  const [head, a, b, c] = path.map(String);
  if (head === 'tables' && isFormatId(format) && a) {
    const f = getFormat(format);
    const table = f.tables.find((t) => t.id === a);
    if (!table) return `表格 ${a}`;
    const cell = b && c ? f.byId.get(`${a}.${b}.${c}`) : undefined;
    if (cell) return cellWhere(f, cell);
    const row = b ? f.cells.find((x) => x.table === a && x.row === b) : undefined;
    return row ? `${table.name} ${row.rowTitle}` : table.name;
  }
  if (head === 'metadata' && a) return `基本信息 ${METADATA_FIELDS.find((m) => m.id === a)?.label ?? a}`;
  if (head === 'narrative' && a) return SECTIONS.find((s) => s.id === a)?.heading ?? `正文 ${a}`;
  if (head === 'explanations' && a !== undefined) return `第 ${Number(a) + 1} 条说明`;
  if (head === 'format') return '报告格式';
  if (head === 'integrity') return '完整性校验值（integrity.sha256）';
  return path.length ? path.join('.') : '文档';
}

/** Runs a zod schema with Chinese messages and turns its issues into ParseProblems. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown): Parsed<T> {
  const r = schema.safeParse(input, { error: zhCN });
  if (r.success) return { ok: true, value: r.data };
  const format = typeof input === 'object' && input !== null ? (input as { format?: unknown }).format : undefined;
  return {
    ok: false,
    problems: r.error.issues.slice(0, 200).map((i) => {
      const path = i.path.map((p) => (String(p).length > 30 ? `${String(p).slice(0, 30)}…` : String(p)));
      const where = describePath(path, format);
      return { path: path.join('.'), where, message: `${where}：${i.message}` };
    }),
  };
}

/** Parses unknown input (e.g. JSON from a file) into a Report, or Chinese problems naming the path. */
export function parseReport(input: unknown): Parsed<Report> {
  return parseWith(ReportSchema, input);
}
