/**
 * The WPS 表格 host: the only code that calls WPS's ET object model (window.Application). The
 * model is synchronous; each method reads or writes what it needs in one pass. Marks are
 * conditional formats carrying our own formula, so clearing removes exactly ours and never a
 * user's format or value. Protected sheets (the template's, without a password) are unprotected
 * for a write and protected again with the options they had.
 */
import type { FormatId } from '../../model/core';
import { a1, definedNames, getLayout, NAME_PREFIX, nameReference, parseSheetAddress, sheetName, type SheetId } from '../../sheet/layout';
import { ANCHORS, FOREIGN_COLS, FOREIGN_ROWS, MARK_COLORS, MARK_FORMULA, MARK_LEVELS, foreignArea, gridArea, marksBySheet, PLACEHOLDER_SHEET, REPORT_SHEETS, SHEET_IDS } from '../areas';
import { workbookFormat } from '../../sheet/reader';
import { TEMPLATE_PROTECTION } from '../../sheet/template-style';
import { gridSource, type LoadedSheet } from '../grid-source';
import { explanationRange } from '../../sheet/info-sheet';
import { HostFailure, type CellWrite, type DownloadSupport, type HostReading, type Mark, type Place, type SpreadsheetHost } from '../types';
import { bgr, XL, type EtApplication, type EtSheet, type EtWorkbook } from './et';

/** A multi-area address longer than this is split (Excel's and ET's Range() accept about 255 characters). */
const MAX_ADDRESS = 200;

/** Error values as ET's Value2 may hand them over: COM SCODEs, never counts. */
const CV_ERRORS: Readonly<Record<number, string>> = {
  [-2146826288]: '#NULL!',
  [-2146826281]: '#DIV/0!',
  [-2146826273]: '#VALUE!',
  [-2146826265]: '#REF!',
  [-2146826259]: '#NAME?',
  [-2146826252]: '#NUM!',
  [-2146826246]: '#N/A',
};
/**
 * WPS's XlCVError values (Kingsoft's wps-jsapi: xlErrNull 2000 … xlErrNA 2042): the same numbers a
 * count could be, so taken as errors only where the cell's Text shows an error.
 */
const XL_CV_ERRORS: Readonly<Record<number, string>> = { 2000: '#NULL!', 2007: '#DIV/0!', 2015: '#VALUE!', 2023: '#REF!', 2029: '#NAME?', 2036: '#NUM!', 2042: '#N/A' };

/** A range's Value2 or Formula as rows of cells, whatever shape ET gives (a scalar for one cell); `text` says what a cell shows. */
function grid(v: unknown, text?: (row: number, col: number) => unknown): unknown[][] {
  const rows = Array.isArray(v) ? v.map((row) => (Array.isArray(row) ? row : [row])) : [[v]];
  return rows.map((row, r) =>
    row.map((c, k) => {
      if (typeof c !== 'number') return c;
      if (CV_ERRORS[c]) return { error: CV_ERRORS[c] };
      if (text && XL_CV_ERRORS[c] && String(text(r + 1, k + 1) ?? '').startsWith('#')) return { error: XL_CV_ERRORS[c] };
      return c;
    }),
  );
}

/** What failed, as a sentence the clerk can act on. */
function failure(e: unknown, doing: string): HostFailure {
  if (e instanceof HostFailure) return e;
  const detail = e instanceof Error ? e.message : String(e);
  return new HostFailure(`未能${doing}（WPS 表格报告：${detail.slice(0, 200)}）`);
}

interface Lock {
  readonly sheet: EtSheet;
  readonly protected: boolean;
  readonly drawing: boolean;
  readonly scenarios: boolean;
  readonly cells: boolean;
  readonly columns: boolean;
  readonly rows: boolean;
}

export interface WpsHostOptions {
  /** Where the template workbook of a format is (a path or URL WPS can open). */
  readonly templatePath: (format: FormatId) => string;
}

export class WpsHost implements SpreadsheetHost {
  readonly label = 'WPS 表格';
  readonly noMarks = undefined;
  /** WPS's task pane is a browser view: a download may or may not reach the user, so the text is shown too. */
  readonly downloads: DownloadSupport = 'unconfirmed';

  constructor(
    private readonly app: EtApplication,
    private readonly options: WpsHostOptions,
  ) {}

  private book(): EtWorkbook {
    const book = this.app.ActiveWorkbook;
    if (!book) throw new HostFailure('WPS 表格中没有打开的工作簿：请先新建或打开一个工作簿');
    return book;
  }

  /** Every defined name that points at a range, with where it points (`表三!$D$6:$J$30`). */
  private names(book: EtWorkbook): Map<string, string> {
    const out = new Map<string, string>();
    for (let i = 1; i <= book.Names.Count; i++) {
      const n = book.Names.Item(i);
      const ref = String(n.RefersTo ?? '').replace(/^=/, '');
      if (parseSheetAddress(ref)) out.set(n.Name, ref);
    }
    return out;
  }

  private sheetByName(book: EtWorkbook, name: string): EtSheet | undefined {
    for (let i = 1; i <= book.Worksheets.Count; i++) {
      const ws = book.Worksheets.Item(i);
      if (ws.Name === name) return ws;
    }
    return undefined;
  }

  /** A report sheet: where its anchor name points (a renamed sheet), else by the template's name. */
  private reportSheet(book: EtWorkbook, names: ReadonlyMap<string, string>, id: SheetId): EtSheet | undefined {
    const at = parseSheetAddress(names.get(ANCHORS[id]) ?? '');
    return (at && this.sheetByName(book, at.sheet)) ?? this.sheetByName(book, sheetName(id));
  }

  read(): Promise<HostReading> {
    try {
      const book = this.book();
      const names = this.names(book);
      const template = this.readTemplate(book, names);
      // A workbook not made from the template: every sheet's used cells, its tables found by their labels.
      return Promise.resolve({ source: workbookFormat(template) ? template : gridSource(this.sheets(book).map((ws) => this.readUsed(ws)), names) });
    } catch (e) {
      return Promise.reject(failure(e, '读取年报表格'));
    }
  }

  private readTemplate(book: EtWorkbook, names: ReadonlyMap<string, string>) {
    const sheets: LoadedSheet[] = [];
    for (const id of SHEET_IDS) {
      const ws = this.reportSheet(book, names, id);
      if (!ws) continue;
      // The area starts at A1: a number that may be an XlCVError is checked against what its cell shows (rare).
      const range = ws.Range(gridArea(id));
      const values = grid(range.Value2, (r, c) => ws.Range(a1(r, c)).Text);
      sheets.push({ name: ws.Name, values, formulas: grid(range.Formula) });
    }
    return gridSource(sheets, names);
  }

  /** A sheet's used cells, bounded (areas.ts FOREIGN_ROWS × FOREIGN_COLS). */
  private readUsed(ws: EtSheet): LoadedSheet {
    const used = ws.UsedRange;
    const area = foreignArea(used.Row, used.Column, used.Rows.Count, used.Columns.Count);
    const range = ws.Range(area.address);
    const values = grid(range.Value2, (r, c) => ws.Range(a1(area.top + r - 1, area.left + c - 1)).Text);
    return { name: ws.Name, values, formulas: grid(range.Formula), top: area.top, left: area.left, whole: true };
  }

  private sheets(book: EtWorkbook): EtSheet[] {
    return Array.from({ length: book.Worksheets.Count }, (_, i) => book.Worksheets.Item(i + 1));
  }

  /** The workbook holds the template: its hidden sheet carries the format marker (read as the reader reads it). */
  private isTemplate(book: EtWorkbook): boolean {
    const names = this.names(book);
    const info = this.reportSheet(book, names, 'info');
    if (!info) return false;
    const range = info.Range(gridArea('info'));
    return workbookFormat(gridSource([{ name: info.Name, values: grid(range.Value2), formulas: grid(range.Formula) }], names)) !== undefined;
  }

  /** Runs `write` on the sheets with their protection lifted, and protects them again as they were, even when it fails. */
  private unlocked<T>(sheets: readonly EtSheet[], doing: string, write: () => T): T {
    const locks: Lock[] = [];
    try {
      for (const sheet of sheets) {
        if (!sheet.ProtectContents) continue;
        const p = sheet.Protection;
        const lock = { sheet, protected: true, drawing: sheet.ProtectDrawingObjects, scenarios: sheet.ProtectScenarios, cells: p.AllowFormattingCells, columns: p.AllowFormattingColumns, rows: p.AllowFormattingRows };
        try {
          sheet.Unprotect();
        } catch {
          throw new HostFailure(`未能${doing}：工作表“${sheet.Name}”受保护，加载项无法解除（可能设置了密码）。请在“审阅”选项卡上点“撤销工作表保护”后重试。`);
        }
        locks.push(lock);
      }
      return write();
    } catch (e) {
      throw failure(e, doing);
    } finally {
      for (const l of locks) {
        try {
          l.sheet.Protect(null, l.drawing, true, l.scenarios, false, l.cells, l.columns, l.rows);
        } catch {
          // Best effort: the sheet stays as WPS left it.
        }
      }
    }
  }

  private reportSheets(): { id: SheetId; sheet: EtSheet }[] {
    const book = this.book();
    const names = this.names(book);
    return REPORT_SHEETS.flatMap((id) => {
      const sheet = this.reportSheet(book, names, id);
      return sheet ? [{ id, sheet }] : [];
    });
  }

  // Ours are told apart by their formula, so the format is not needed to spare the template's.
  async mark(marks: readonly Mark[]): Promise<void> {
    this.marking(marks, '标记问题单元格');
  }

  async clearMarks(): Promise<void> {
    this.marking([], '清除标记');
  }

  /** On the template's report sheets, or on every sheet of another workbook: ours deleted (by their formula), the new drawn. */
  private marking(marks: readonly Mark[], doing: string): void {
    const book = this.book();
    const template = this.isTemplate(book);
    const sheets = template ? this.reportSheets() : this.sheets(book).map((sheet) => ({ id: undefined, sheet }));
    const by = marksBySheet(marks);
    const whole = `A1:${a1(FOREIGN_ROWS, FOREIGN_COLS)}`;
    // Each sheet's formats looked at once: ours (indexes, from the last: deleting shifts the ones after it).
    const touched = sheets
      .map(({ id, sheet }) => {
        const conditions = sheet.Range(id ? gridArea(id) : whole).FormatConditions;
        return { sheet, conditions, mine: ours(conditions).reverse() };
      })
      .filter((s) => by.has(s.sheet.Name) || s.mine.length > 0);
    this.unlocked(
      touched.map((s) => s.sheet),
      doing,
      () => {
        for (const { sheet, conditions, mine } of touched) {
          for (const i of mine) conditions.Item(i).Delete();
          const levels = by.get(sheet.Name);
          for (const severity of MARK_LEVELS) {
            const cells = levels?.[severity] ?? [];
            for (const address of joined(cells)) {
              const c = sheet.Range(address).FormatConditions.Add(XL.expression, null, MARK_FORMULA);
              c.Interior.Color = bgr(MARK_COLORS[severity]);
            }
          }
        }
      },
    );
  }

  async select(place: Place): Promise<void> {
    try {
      const ws = this.sheetByName(this.book(), place.sheet);
      if (!ws) throw new HostFailure(`找不到工作表“${place.sheet}”（可能被改名或删除了），请重新校验`);
      ws.Activate();
      ws.Range(a1(place.row, place.col)).Select();
    } catch (e) {
      throw failure(e, '选中单元格');
    }
  }

  async write(cells: readonly CellWrite[]): Promise<void> {
    const book = this.book();
    const names = [...new Set(cells.map((c) => c.place.sheet))];
    const sheets = names.map((n) => this.sheetByName(book, n) ?? failWith(`找不到工作表“${n}”，请重新校验`));
    this.unlocked(sheets, '写入单元格', () => {
      for (const c of cells) {
        const range = sheets[names.indexOf(c.place.sheet)]!.Range(a1(c.place.row, c.place.col));
        if ('formula' in c) range.Formula = `=${c.formula}`;
        else range.Value2 = c.value ?? '';
      }
    });
  }

  async saveExplanations(list: readonly unknown[]): Promise<void> {
    const store = explanationRange(list);
    if (!store) throw new HostFailure('说明过多，无法保存：请缩短或删除一些说明');
    const book = this.book();
    const info = this.reportSheet(book, this.names(book), 'info') ?? this.addInfoSheet(book);
    this.unlocked([info], '保存说明', () => {
      info.Range(store.address).Value2 = store.values;
    });
  }

  /**
   * Our hidden sheet in a workbook not made from the template, for its 说明: added after the user's
   * sheets, very hidden, without the format marker (the workbook is still read by its labels); the
   * sheet the user was on stays active.
   */
  private addInfoSheet(book: EtWorkbook): EtSheet {
    try {
      const shown = book.ActiveSheet;
      const sheet = book.Worksheets.Add(null, book.Worksheets.Item(book.Worksheets.Count));
      sheet.Name = sheetName('info');
      sheet.Visible = XL.sheetVeryHidden;
      shown.Activate();
      return sheet;
    } catch (e) {
      throw failure(e, '添加保存说明的隐藏工作表');
    }
  }

  async hasReportSheets(): Promise<boolean> {
    const book = this.book();
    const ours = new Set(getLayout('2021').sheets.map((s) => s.name));
    if ([...this.names(book).keys()].some((n) => n.toUpperCase().startsWith(NAME_PREFIX))) return true;
    for (let i = 1; i <= book.Worksheets.Count; i++) if (ours.has(book.Worksheets.Item(i).Name)) return true;
    return false;
  }

  async removeReportSheets(): Promise<void> {
    const book = this.book();
    const ours = new Set(getLayout('2021').sheets.map((s) => s.name));
    const alerts = this.app.DisplayAlerts;
    try {
      // Deleting a sheet asks for confirmation unless alerts are off; the user already agreed in the pane.
      this.app.DisplayAlerts = false;
      for (let i = book.Names.Count; i >= 1; i--) {
        const n = book.Names.Item(i);
        if (n.Name.toUpperCase().startsWith(NAME_PREFIX)) n.Delete();
      }
      // The last visible sheet cannot be deleted: a placeholder stands in until the template is inserted.
      let others = 0;
      for (let i = 1; i <= book.Worksheets.Count; i++) if (!ours.has(book.Worksheets.Item(i).Name) && book.Worksheets.Item(i).Visible === XL.sheetVisible) others++;
      if (others === 0) book.Worksheets.Add(null, book.Worksheets.Item(book.Worksheets.Count)).Name = PLACEHOLDER_SHEET;
      for (let i = book.Worksheets.Count; i >= 1; i--) {
        const ws = book.Worksheets.Item(i);
        if (!ours.has(ws.Name)) continue;
        if (ws.Visible !== XL.sheetVisible) ws.Visible = XL.sheetVisible;
        ws.Delete();
      }
    } catch (e) {
      throw failure(e, '删除原有的年报工作表');
    } finally {
      this.app.DisplayAlerts = alerts;
    }
  }

  /** Opens the template workbook, copies its sheets to the end of this one, repairs names, hiding and protection. */
  async insertTemplate(format: FormatId, year: number): Promise<readonly string[]> {
    const book = this.book();
    const layout = getLayout(format);
    let template: EtWorkbook;
    try {
      const path = this.options.templatePath(format);
      // Served from an intranet server: Kingsoft's samples open a URL with OpenFromUrl; Open is for the offline folder.
      const workbooks = this.app.Workbooks;
      template = /^https?:/i.test(path) && workbooks.OpenFromUrl ? workbooks.OpenFromUrl(path) : workbooks.Open(path);
    } catch (e) {
      throw new HostFailure(`无法打开模板文件（${e instanceof Error ? e.message.slice(0, 100) : '未知原因'}）。请用“下载模板”得到的工作簿填写，或重新安装加载项`);
    }
    try {
      for (const s of layout.sheets) {
        const ws = this.sheetByName(template, s.name);
        if (!ws) throw new HostFailure(`模板文件中缺少工作表“${s.name}”，请重新安装加载项`);
        // A very hidden sheet cannot be copied: shown in the template (closed unsaved), hidden again here.
        if (ws.Visible !== XL.sheetVisible) ws.Visible = XL.sheetVisible;
        ws.Copy(null, book.Worksheets.Item(book.Worksheets.Count));
      }
    } catch (e) {
      throw failure(e, '插入模板');
    } finally {
      template.Close(false);
    }
    const problems = this.repair(book, format);
    const placeholder = this.sheetByName(book, PLACEHOLDER_SHEET);
    if (placeholder) {
      const alerts = this.app.DisplayAlerts;
      this.app.DisplayAlerts = false;
      try {
        placeholder.Delete();
      } finally {
        this.app.DisplayAlerts = alerts;
      }
    }
    const at = layout.meta.find((m) => m.field === 'year')!;
    const cover = this.sheetByName(book, sheetName('cover'));
    if (cover) {
      // The year is an input cell: unlocked, so it can be written on the protected sheet.
      this.unlocked([cover], '填写年度', () => (cover.Range(a1(at.row, at.col)).Value2 = year));
      cover.Activate();
    }
    return problems;
  }

  /** Every XXGK_ name where the layout puts it, the hidden sheet very hidden, the report sheets protected. */
  private repair(book: EtWorkbook, format: FormatId): string[] {
    const layout = getLayout(format);
    const problems: string[] = [];
    const names = this.names(book);
    const same = (a: string | undefined, b: string) => !!a && a.replace(/'/g, '').toUpperCase() === b.replace(/'/g, '').toUpperCase();
    const wrong = definedNames(layout).filter((n) => !same(names.get(n.name) ?? [...names].find(([k]) => k.toUpperCase() === n.name.toUpperCase())?.[1], nameReference(n)));
    for (const n of wrong) {
      try {
        for (let i = book.Names.Count; i >= 1; i--) if (book.Names.Item(i).Name.toUpperCase() === n.name.toUpperCase()) book.Names.Item(i).Delete();
        book.Names.Add(n.name, `=${nameReference(n)}`);
      } catch {
        // Counted below.
      }
    }
    const after = this.names(book);
    const still = definedNames(layout).filter((n) => !same(after.get(n.name), nameReference(n)));
    if (still.length) problems.push(`有 ${still.length} 个名称未能恢复（${still.slice(0, 5).map((n) => n.name).join('、')}${still.length > 5 ? ' 等' : ''}）。请删除年报工作表后重新插入模板，或使用“下载模板”得到的工作簿`);
    for (const s of layout.sheets) {
      const ws = this.sheetByName(book, s.name);
      if (!ws) continue;
      try {
        if (s.hidden && ws.Visible !== XL.sheetVeryHidden) ws.Visible = XL.sheetVeryHidden;
        // The template's protection (sheet/template-style.ts): no password; drawing objects, contents, scenarios.
        const p = TEMPLATE_PROTECTION;
        if (s.protected && !ws.ProtectContents) ws.Protect(null, true, true, true, false, p.formatCells, p.formatColumns, p.formatRows);
      } catch {
        problems.push(s.hidden ? `隐藏的工作表“${s.name}”未能设为隐藏，请不要改动它` : `工作表“${s.name}”未能设置保护：标签和合计公式可能被误改`);
      }
    }
    return problems;
  }
}

/** The indexes (1-based) of our marks among a range's conditional formats. */
function ours(conditions: { readonly Count: number; Item(i: number): { readonly Formula1: string } }): number[] {
  const out: number[] = [];
  for (let i = 1; i <= conditions.Count; i++) if (conditions.Item(i).Formula1 === MARK_FORMULA) out.push(i);
  return out;
}

/** Addresses joined with commas into multi-area ranges of bounded length. */
function joined(cells: readonly string[]): string[] {
  const out: string[] = [];
  let cur = '';
  for (const c of cells) {
    if (cur && cur.length + c.length + 1 > MAX_ADDRESS) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur},${c}` : c;
  }
  if (cur) out.push(cur);
  return out;
}

function failWith(message: string): never {
  throw new HostFailure(message);
}
