/**
 * A workbook not made from the template — an office's own template, last year's spreadsheet, a
 * published page opened as a sheet, an .xls — read by its printed labels. Each sheet's rows, left to
 * right, are the cells the published-report reader finds tables in (titles, headings, row labels,
 * column headings, numbers; the variants and near labels it accepts), each cell keeping where it
 * stands; what is found becomes the report's cells at their places in the user's own sheets, so
 * rules, hints, marks, 说明 and export work unchanged. Values are read as the workbook holds them (a
 * “无” in a number cell is text, as in the template), totals as a spreadsheet shows them.
 */
import { agencyKindByLabel, assembleReport, getFormat, makeIssue, SECTIONS, storeReading, type CellValue, type CompiledFormat, type Issue, type IssueArea, type Metadata, type Place, type Report } from '../model/core';
import { importPublished, type Token } from '../import/published';
import { a1 } from './a1';
import { sheetName } from './layout';
import { WorkbookReadError } from './errors';
import { readInfo } from './info-sheet';
import { normalizeLabel, recalculateTotals, type Grid, type Tables, type WorkbookReading, type WorkbookSource } from './reader';

/** Import issues about how published text was written, which a workbook's own cells say better (the cell rules judge them). */
const TEXT_ONLY = new Set(['FORM-ZERO-VARIANT', 'FORM-UNIT', 'FORM-DIGITS-SPLIT']);

/** Cover fields written as a label and a value (机关名称：某局, or 机关名称 | 某局). */
const COVER: readonly { readonly field: 'agencyName' | 'year' | 'agencyKind'; readonly label: RegExp }[] = [
  { field: 'agencyName', label: /^(?:机关名称|单位名称|填报单位|报送单位)[:：]?/ },
  { field: 'year', label: /^(?:年度|报告年度)[:：]?/ },
  { field: 'agencyKind', label: /^机关类型[:：]?/ },
];

/** The tables' headings (二、主动公开政府信息情况 …) as compared: a second one on a sheet starts another copy. */
const TABLE_HEADINGS = SECTIONS.filter((s) => 'table' in s).map((s) => normalizeLabel(s.heading));

/** A sheet's text, or a part of it: the reader's cells with their places, and lines of text. */
interface SheetText {
  readonly tokens: Token[];
  readonly lines: string[];
}

/** Every row of every sheet that lists its cells, as the reader's cells with their places, and as lines of text; each sheet (each copy of the tables on it) apart too. */
function gridText(source: WorkbookSource): (SheetText & { grids: Map<string, Grid>; sheets: SheetText[] }) | undefined {
  const tokens: Token[] = [];
  const lines: string[] = [];
  const grids = new Map<string, Grid>();
  const sheets: SheetText[] = [];
  for (const name of source.sheetNames()) {
    const g = source.sheet(name);
    if (!g?.cells || name === sheetName('info')) continue;
    grids.set(g.name, g);
    const [firstToken, firstLine] = [tokens.length, lines.length];
    const rows = new Map<number, number[]>();
    for (const k of g.cells()) {
      const row = Math.floor(k / 16384);
      rows.set(row, [...(rows.get(row) ?? []), k % 16384]);
    }
    // The sheet alone, its lines numbered from 1, cut where a table's heading comes again (two copies
    // stacked on one sheet): where each table is found (a table found twice).
    let part = { firstToken, firstLine, headings: new Set<string>() };
    const close = () => {
      if (lines.length > part.firstLine) sheets.push({ tokens: tokens.slice(part.firstToken).map((t) => ({ ...t, line: t.line - part.firstLine })), lines: lines.slice(part.firstLine) });
    };
    for (const row of [...rows.keys()].sort((a, b) => a - b)) {
      const cols = rows.get(row)!;
      const [from, to] = [Math.min(...cols), Math.max(...cols)];
      const texts: string[] = [];
      const heading = TABLE_HEADINGS.find((h) => normalizeLabel(g.cell(row, from).text).startsWith(h));
      if (heading && part.headings.has(heading)) {
        close();
        part = { firstToken: tokens.length, firstLine: lines.length, headings: new Set() };
      }
      if (heading) part.headings.add(heading);
      const line = lines.length + 1;
      for (let col = from; col <= to; col++) {
        const text = g.cell(row, col).text.trim();
        // Blank cells between two filled ones stay: a blank value must not shift the next into its column.
        tokens.push({ text, line, place: { sheet: g.name, row, col } });
        if (text) texts.push(text);
      }
      lines.push(texts.join(' '));
    }
    close();
  }
  return tokens.length ? { tokens, lines, grids, sheets } : undefined;
}

/**
 * A table found whole twice — on two sheets (last year's sheet kept beside this year's) or stacked
 * on one: which one is the report cannot be told, so it is an error naming both places. The first is read.
 */
function tablesTwice(format: CompiledFormat, sheets: readonly SheetText[], year: number | undefined, read: ReadonlyMap<string, Place>): Issue[] {
  if (sheets.filter((s) => s.tokens.length).length < 2) return [];
  const where = new Map<string, string[]>();
  for (const s of sheets) {
    if (!s.tokens.length) continue;
    const alone = importPublished(s.lines.join('\n'), { tokens: s.tokens, ...(year !== undefined ? { year } : {}) });
    if (alone.report.format !== format.id) continue;
    for (const t of format.tables) {
      const cells = format.cells.filter((c) => c.table === t.id);
      const ps = cells.flatMap((c) => alone.sources.get(c.id)?.place ?? []);
      // Most of the table's cells: a few labels alike elsewhere are not a second table.
      if (ps.length * 2 < cells.length) continue;
      where.set(t.id, [...(where.get(t.id) ?? []), `“${ps[0]!.sheet}”${extent(ps)}`]);
    }
  }
  return format.tables.flatMap((t) => {
    const found = where.get(t.id) ?? [];
    if (found.length < 2) return [];
    const first = format.cells.find((c) => c.table === t.id && read.has(c.id));
    const sheet = first && read.get(first.id)!.sheet;
    return [makeIssue('FORM-TABLE-TWICE', t.id as IssueArea, [], { table: t.name, places: found.join('、'), read: sheet ? `“${sheet}”中的一份` : '第一份' })];
  });
}

/** 机关名称, 年度, 机关类型 where the sheet labels them. */
function coverFields(tokens: readonly Token[]): { metadata: Partial<Metadata>; places: Record<string, Place> } {
  const metadata: Record<string, unknown> = {};
  const places: Record<string, Place> = {};
  tokens.forEach((t, k) => {
    for (const c of COVER) {
      const m = c.label.exec(t.text.replace(/\s/g, ''));
      if (!m || metadata[c.field] !== undefined) continue;
      const rest = t.text.replace(/\s/g, '').slice(m[0].length);
      const next = tokens.slice(k + 1, k + 4).find((x) => x.line === t.line && x.text !== '');
      const value = rest || next?.text || '';
      const at = rest ? t : next;
      if (!value || !at?.place) continue;
      const read = c.field === 'year' ? Number(value.replace(/年度?$/, '')) : c.field === 'agencyKind' ? agencyKindByLabel(value) : value.slice(0, 200);
      if (read === undefined || (typeof read === 'number' && !(read >= 2008 && read <= 2100))) continue;
      metadata[c.field] = read;
      places[`meta.${c.field}`] = at.place;
    }
  });
  return { metadata: metadata as Partial<Metadata>, places };
}

/** A table's cells as a range of its sheet, for saying where it was found. */
function extent(places: readonly Place[]): string {
  const rows = places.map((p) => p.row);
  const cols = places.map((p) => p.col);
  return `${a1(Math.min(...rows), Math.min(...cols))}:${a1(Math.max(...rows), Math.max(...cols))}`;
}

/**
 * Reads a workbook without the template's marker by its labels; throws WorkbookReadError (Chinese)
 * when no table of the formats is found in it.
 */
export function readForeign(source: WorkbookSource): WorkbookReading {
  const grid = gridText(source);
  const notFound = '找不到表二、表三、表四：工作簿中没有年度报告表格的行列标签（如“一、本年新收政府信息公开申请数量”），请在本系统的模板中填写（任务窗格的“插入模板”、校验网页的“下载模板”或命令行 xxgk template）';
  if (!grid) throw new WorkbookReadError(notFound);
  const cover = coverFields(grid.tokens);
  const imported = importPublished(grid.lines.join('\n'), {
    tokens: grid.tokens,
    ...(cover.metadata.year !== undefined ? { year: cover.metadata.year } : {}),
    ...(cover.metadata.agencyName ? { agencyName: cover.metadata.agencyName } : {}),
    ...(cover.metadata.agencyKind ? { agencyKind: cover.metadata.agencyKind } : {}),
  });
  const format = getFormat(imported.report.format);
  const placed = format.cells.filter((c) => imported.sources.get(c.id)?.place);
  if (!placed.some((c) => c.table === 't3')) throw new WorkbookReadError(notFound);

  // The cells as the workbook holds them, at their places.
  const tables: Tables = JSON.parse(JSON.stringify(imported.report.tables)) as Tables;
  const places: Record<string, Place> = { ...cover.places };
  const formulas = new Map<string, string | undefined>();
  const noResult = new Set<string>();
  for (const c of placed) {
    const place = imported.sources.get(c.id)!.place!;
    const cell = grid.grids.get(place.sheet)!.cell(place.row, place.col);
    places[c.id] = place;
    (tables[c.table]![c.row] ??= {})[c.col] = cell.value as CellValue;
    if (c.derived && cell.formula) formulas.set(c.id, cell.formulaText);
    if (cell.noResult) noResult.add(c.id);
  }
  const { stale, edited } = recalculateTotals(format, tables, places, formulas, noResult);
  const reading: Issue[] = imported.issues.filter((i) => !TEXT_ONLY.has(i.ruleId));
  reading.push(...tablesTwice(format, grid.sheets, imported.report.metadata.year, new Map(placed.map((c) => [c.id, places[c.id]!]))));
  if (stale.length) reading.push(makeIssue('FORM-NOT-RECALCULATED', format.byId.get(stale[0]!)!.table, stale, { count: stale.length }));
  const found = (['t2', 't3', 't4'] as const).flatMap((t) => {
    const ps = placed.filter((c) => c.table === t).map((c) => places[c.id]!);
    if (!ps.length) return [];
    const sheets = [...new Set(ps.map((p) => p.sheet))];
    return [`${format.tables.find((x) => x.id === t)!.name}（${sheets.map((s) => `“${s}”${extent(ps.filter((p) => p.sheet === s))}`).join('、')}）`];
  });
  reading.unshift(makeIssue('FORM-FOREIGN', 'meta', [], { found: found.join('、') }));

  // 说明 written by the add-in into this workbook live in a hidden sheet it added.
  const info = readInfo(source.sheet(sheetName('info')));
  const report = assembleReport(format.id, imported.report.metadata, tables, imported.report.narrative ?? {});
  const computed = [...formulas.keys()].filter((id) => !edited.includes(id));
  return {
    report: (info.reading.length ? { ...report, reading: storeReading(info.reading) } : report) as Report,
    reading: [...info.reading, ...reading],
    places,
    aggregate: false,
    computed,
    explanations: info.explanations,
  };
}
