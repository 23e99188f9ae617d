/**
 * 单位名单: the units an office collects from, as it keeps them — a CSV (UTF-8, or GBK as Excel on
 * Chinese Windows saves it) or a workbook. Headings are found by name in any column order;
 * every row that cannot be taken is named with its row number, never guessed.
 */
import { parse } from 'csv-parse/sync';
import { agencyKindByLabel, AGENCY_KINDS, checkCreditCode, type AgencyKind } from '../model/core';
import { normalizeLabel } from '../sheet/reader';
import { xlsxSource } from '../sheet/xlsx/xlsx-source';

export interface UnitEntry {
  readonly name: string;
  readonly creditCode?: string;
  readonly kind?: AgencyKind;
  readonly group?: string;
  readonly contact?: string;
  readonly phone?: string;
  /** The row in the list (1-based), for messages. */
  readonly row: number;
}

export interface UnitList {
  readonly units: readonly UnitEntry[];
  readonly problems: readonly string[];
}

const HEADINGS = {
  name: ['单位名称', '机关名称', '名称', '单位'],
  creditCode: ['统一社会信用代码', '信用代码', '社会信用代码'],
  kind: ['机关类型', '单位类型', '类型'],
  group: ['分组/上级', '分组', '上级', '上级单位', '所属'],
  contact: ['联系人'],
  phone: ['电话', '联系电话', '手机'],
} as const;

type Field = keyof typeof HEADINGS;

/** The text of a file: UTF-8 when it decodes as UTF-8, else GBK (GB18030), as Excel writes CSV on Chinese Windows. */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function rowsOf(bytes: Uint8Array): string[][] {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const source = xlsxSource(bytes);
    const first = source.sheetNames().map((n) => source.sheet(n)).find((g) => g?.cells && [...g.cells()].length > 0);
    if (!first?.cells) return [];
    const rows: string[][] = [];
    for (const key of first.cells()) {
      const r = Math.floor(key / 16384);
      const c = key % 16384;
      // The grid counts rows and columns from 1, as the spreadsheet shows them.
      (rows[r - 1] ??= [])[c - 1] = first.cell(r, c).text.trim();
    }
    return Array.from(rows, (r) => Array.from(r ?? [], (v) => v ?? ''));
  }
  const text = decodeText(bytes);
  // Excel saves with commas, some offices with tabs or semicolons: the delimiter the heading row uses.
  const head = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = ['\t', ';', '，'].find((d) => head.split(d).length > head.split(',').length) ?? ',';
  return parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, trim: true, bom: true }) as string[][];
}

export function parseUnitList(bytes: Uint8Array): UnitList {
  let rows: string[][];
  try {
    rows = rowsOf(bytes);
  } catch (e) {
    return { units: [], problems: [`无法读取单位名单：${(e as Error).message}`] };
  }
  const headRow = rows.findIndex((r) => r?.some((v) => (HEADINGS.name as readonly string[]).includes(normalizeLabel(v ?? ''))));
  if (headRow < 0) return { units: [], problems: ['单位名单中找不到“单位名称”一列：第一行应为标题（单位名称、统一社会信用代码、机关类型，可选 分组/上级、联系人、电话）'] };
  const head = rows[headRow]!.map((v) => normalizeLabel(v ?? ''));
  const col = {} as Record<Field, number>;
  for (const f of Object.keys(HEADINGS) as Field[]) col[f] = head.findIndex((h) => (HEADINGS[f] as readonly string[]).includes(h));
  const units: UnitEntry[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (let i = headRow + 1; i < rows.length; i++) {
    const r = rows[i] ?? [];
    const get = (f: Field) => (col[f] >= 0 ? (r[col[f]] ?? '').trim() : '');
    const line = i + 1;
    const name = get('name').replace(/\s+/g, '');
    if (!r.some((v) => v?.trim())) continue;
    if (!name) {
      problems.push(`第 ${line} 行：单位名称为空，未导入`);
      continue;
    }
    const before = seen.get(name);
    if (before !== undefined) {
      problems.push(`第 ${line} 行：“${name}”与第 ${before} 行重复，未导入`);
      continue;
    }
    seen.set(name, line);
    const creditCode = get('creditCode').toUpperCase();
    const bad = creditCode ? checkCreditCode(creditCode) : undefined;
    if (bad) {
      const why = bad.problem === 'length' ? '不是 18 位' : bad.problem === 'charset' ? '含有无效字符' : `校验位不符（按前 17 位应为 ${bad.expected}）`;
      problems.push(`第 ${line} 行：“${name}”的统一社会信用代码“${creditCode}”${why}，未导入`);
      continue;
    }
    const kindText = get('kind');
    const kind = kindText ? agencyKindByLabel(kindText) : undefined;
    if (kindText && !kind) {
      problems.push(`第 ${line} 行：“${name}”的机关类型“${kindText}”不是以下之一：${AGENCY_KINDS.map((k) => k.label).join('、')}；未导入`);
      continue;
    }
    const opt = (f: 'group' | 'contact' | 'phone') => (get(f) ? { [f]: get(f) } : {});
    units.push({ name, row: line, ...(creditCode ? { creditCode } : {}), ...(kind ? { kind } : {}), ...opt('group'), ...opt('contact'), ...opt('phone') });
  }
  return { units, problems };
}
