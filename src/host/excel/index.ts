/* global Excel, Office */
/**
 * The Excel host: the only code that calls Office.js. Reading the template for a validation is one
 * context.sync(); marking is one more (protection lifted and restored in the same batch). A
 * workbook not made from the template is read in three (read.ts) and marked in one.
 */
import { a1, sheetName, type SheetId } from '../../sheet/layout';
import type { FormatId } from '../../model';
import { HostFailure, type CellWrite, type DownloadSupport, type Mark, type Place, type SpreadsheetHost } from '../types';
import { capabilities, type Capabilities } from './capabilities';
import { failure } from './errors';
import { queueForeignMarks, queueMarks } from './marks';
import { queueLock, queueUnlocked, restoreLocks, type SheetLock } from './protection';
import { TEMPLATE_PROTECTION } from './build-sheets';
import { foreignSheets, isTemplate, queueRead, readForeign, sourceOf, type ForeignSheet } from './read';
import { REPORT_SHEETS } from '../areas';
import { explanationRange } from '../../sheet/info-sheet';
import { reportSheet } from './sheets';
import { hasReportSheets, insertTemplate, removeReportSheets } from './template';

/** Office on Mac (and on tablets) gives no download and no error for `a.download` (office-js #2700). */
function downloadSupport(): DownloadSupport {
  const p = Office.context.platform;
  if (p === Office.PlatformType.OfficeOnline) return 'yes';
  if (p === Office.PlatformType.PC) return 'unconfirmed';
  return 'no';
}

export class ExcelHost implements SpreadsheetHost {
  readonly label = 'Excel';
  readonly noMarks: string | undefined;
  readonly downloads: DownloadSupport;
  /** The report sheets' protection as the last read found it, for the marks that follow it. */
  private lastLocks: { id: SheetId; lock: () => SheetLock }[] | undefined;
  /**
   * The workbook is not made from the template (its tables are read by their labels): learnt by the
   * first read, so later reads go straight to its sheets. A pane belongs to one workbook in Excel.
   */
  private foreign = false;
  /** Its sheets as the last read found them (protection, our marks), for the marks that follow it. */
  private lastForeign: ForeignSheet[] | undefined;

  constructor(private readonly caps: Capabilities = capabilities()) {
    this.noMarks = caps.marks ? undefined : '此版本的 Excel 不能标记单元格（需要 ExcelApi 1.6），请按问题旁的地址查找';
    this.downloads = downloadSupport();
  }

  async read() {
    try {
      if (!this.foreign) {
        const template = await this.readTemplate();
        if (template) return template;
        this.foreign = true;
      }
      return await Excel.run(async (context) => {
        const read = await readForeign(context, this.caps);
        this.lastForeign = read.sheets;
        return { source: read.source };
      });
    } catch (e) {
      throw failure(e, '读取年报表格');
    }
  }

  /** The template's sheets in one sync; undefined where the workbook is not made from it (its names or sheets missing, no format marker). */
  private async readTemplate() {
    try {
      return await Excel.run(async (context) => {
        const plan = queueRead(context, this.caps);
        await context.sync();
        const source = sourceOf(plan);
        if (!isTemplate(source)) return undefined;
        this.lastLocks = plan.sheets.filter((s) => s.id !== 'info');
        return { source };
      });
    } catch (e) {
      if ((e as { code?: string })?.code === 'ItemNotFound') return undefined;
      throw e;
    }
  }

  async mark(marks: readonly Mark[], format: FormatId | undefined): Promise<void> {
    await this.marking(marks, format, '标记问题单元格');
  }

  async clearMarks(format: FormatId | undefined): Promise<void> {
    await this.marking([], format, '清除标记');
  }

  /** One batch: on each report sheet, clear the marks and add the new ones, protection lifted around it. */
  private async marking(marks: readonly Mark[], format: FormatId | undefined, doing: string): Promise<void> {
    if (this.noMarks) throw new HostFailure(this.noMarks);
    if (this.foreign || !format) return this.foreignMarking(marks, doing);
    let locks: { id: SheetId; lock: SheetLock }[] = [];
    const cached = this.lastLocks;
    this.lastLocks = undefined;
    try {
      await Excel.run(async (context) => {
        const pending = cached ?? REPORT_SHEETS.map((id) => ({ id, lock: queueLock(reportSheet(context, this.caps, id), this.caps) }));
        // Without a read just before, the sheets and their protection are loaded first.
        if (!cached) await context.sync();
        locks = pending.map((p) => ({ id: p.id, lock: rebind(context, p.lock()) }));
        queueMarks(this.caps, locks, marks, format);
        await context.sync();
      });
    } catch (e) {
      const open = await restoreLocks(locks.map((l) => l.lock), TEMPLATE_PROTECTION);
      throw failure(e, doing, locks.map((l) => l.lock), open);
    }
  }

  /** Marks in a workbook not made from the template: ours found by the last read (else looked up first), one batch to clear and draw. */
  private async foreignMarking(marks: readonly Mark[], doing: string): Promise<void> {
    let locks: SheetLock[] = [];
    const cached = this.lastForeign;
    this.lastForeign = undefined;
    try {
      await Excel.run(async (context) => {
        const sheets = (cached ?? (await foreignSheets(context, this.caps))).map((s) => ({ ...s, lock: rebind(context, s.lock) }));
        locks = sheets.map((s) => s.lock);
        queueForeignMarks(this.caps, sheets, marks);
        await context.sync();
      });
    } catch (e) {
      const open = await restoreLocks(locks, TEMPLATE_PROTECTION);
      throw failure(e, doing, locks, open);
    }
  }

  async select(place: Place): Promise<void> {
    try {
      await Excel.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(place.sheet);
        ws.activate();
        ws.getRange(a1(place.row, place.col)).select();
        await context.sync();
      });
    } catch (e) {
      throw failure(e, '选中单元格');
    }
  }

  async write(cells: readonly CellWrite[]): Promise<void> {
    const sheets = [...new Set(cells.map((c) => c.place.sheet))];
    let locks: SheetLock[] = [];
    try {
      await Excel.run(async (context) => {
        const pending = sheets.map((name) => queueLock(context.workbook.worksheets.getItem(name), this.caps));
        await context.sync();
        locks = pending.map((l) => l());
        for (const lock of locks) {
          queueUnlocked([lock], () => {
            for (const c of cells) {
              if (c.place.sheet !== lock.name) continue;
              const range = lock.sheet.getRange(a1(c.place.row, c.place.col));
              if ('formula' in c) range.formulas = [[`=${c.formula}`]];
              else range.values = [[c.value ?? '']];
            }
          });
        }
        await context.sync();
      });
    } catch (e) {
      const open = await restoreLocks(locks, TEMPLATE_PROTECTION);
      throw failure(e, '写入单元格', locks, open);
    }
  }

  async saveExplanations(list: readonly unknown[]): Promise<void> {
    const store = explanationRange(list);
    if (!store) throw new HostFailure('说明过多，无法保存：请缩短或删除一些说明');
    try {
      await Excel.run(async (context) => {
        // The hidden sheet is never protected by the template; in another workbook it is ours, added once.
        const sheet = this.foreign ? await infoSheet(context, this.caps) : reportSheet(context, this.caps, 'info');
        sheet.getRange(store.address).values = store.values;
        await context.sync();
      });
    } catch (e) {
      throw failure(e, '保存说明');
    }
  }

  async hasReportSheets(): Promise<boolean> {
    try {
      return await hasReportSheets(this.caps);
    } catch (e) {
      throw failure(e, '检查工作簿');
    }
  }

  async removeReportSheets(): Promise<void> {
    try {
      await removeReportSheets(this.caps);
    } catch (e) {
      throw failure(e, '删除原有的年报工作表');
    }
  }

  async insertTemplate(format: FormatId, year: number, templateBase64: (format: FormatId) => Promise<string>): Promise<readonly string[]> {
    try {
      // From now on the workbook holds the template: read it by its names again.
      this.foreign = false;
      return await insertTemplate(this.caps, format, year, templateBase64);
    } catch (e) {
      throw failure(e, '插入模板');
    }
  }
}

/** The hidden sheet in a workbook not made from the template: found by its name, or added very hidden (with the 说明 only; no format marker, so the workbook is still read by its labels). */
async function infoSheet(context: Excel.RequestContext, caps: Capabilities): Promise<Excel.Worksheet> {
  const name = sheetName('info');
  const list = context.workbook.worksheets;
  list.load('items/name');
  await context.sync();
  const existing = list.items.find((ws) => ws.name === name);
  if (existing) return context.workbook.worksheets.getItem(name);
  const added = context.workbook.worksheets.add(name);
  if (caps.sheetSetup) added.visibility = Excel.SheetVisibility.veryHidden;
  return added;
}

/** A lock loaded in an earlier batch, its worksheet looked up again in this one (proxies belong to their context). */
function rebind(context: Excel.RequestContext, lock: SheetLock): SheetLock {
  return { ...lock, sheet: context.workbook.worksheets.getItem(lock.name) };
}

/** Starts `inExcel` once Office is ready inside Excel; `elsewhere` inside another Office host. */
export function whenExcelReady(inExcel: (host: SpreadsheetHost) => void, elsewhere: () => void): void {
  // office.js did not load (no network, or blocked): this is not a working Office host.
  if (typeof Office === 'undefined') return elsewhere();
  void Office.onReady((info) => (info.host === Office.HostType.Excel ? inExcel(new ExcelHost()) : elsewhere()));
}
