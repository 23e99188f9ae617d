/**
 * Excel's errors as sentences a clerk can act on. Office.js reports failures at context.sync()
 * with a code (ItemNotFound, InvalidOperation, ApiNotFound …) and an English message.
 */
import { WorkbookReadError } from '../../sheet/xlsx/zip';
import { HostFailure } from '../types';
import type { SheetLock } from './protection';

export const NO_TEMPLATE = '工作簿中没有年报模板（或模板的工作表、名称被删除了），请先点击“插入模板”';

const quoteNames = (names: readonly string[]) => names.map((n) => `“${n}”`).join('');

/** `doing` says what failed, as the end of a sentence: 标记问题单元格, 写入合计 … */
export function failure(e: unknown, doing: string, locks: readonly SheetLock[] = [], unprotected: readonly string[] = []): HostFailure {
  const base = failureOf(e, doing, locks);
  // Sheets the add-in unprotected and could not protect again: the clerk must know.
  return unprotected.length ? new HostFailure(`${base.message}另外，工作表${quoteNames(unprotected)}未能恢复保护：标签和合计公式可能被误改，请在“审阅”选项卡上点“保护工作表”（不设密码）。`) : base;
}

function failureOf(e: unknown, doing: string, locks: readonly SheetLock[]): HostFailure {
  if (e instanceof HostFailure) return e;
  if (e instanceof WorkbookReadError) return new HostFailure(e.message);
  const code = (e as { code?: string })?.code;
  const protectedSheets = locks.filter((l) => l.protected !== false).map((l) => l.name);
  if (code === 'ItemNotFound') return new HostFailure(NO_TEMPLATE);
  if (code === 'ApiNotFound') return new HostFailure(`此版本的 Excel 不支持${doing}所需的功能。请使用 Microsoft 365 或 Office 2021 及以后的版本，或在浏览器中用独立校验页面。`);
  if ((code === 'InvalidOperation' || code === 'InvalidArgument' || code === 'AccessDenied') && protectedSheets.length) {
    return new HostFailure(`未能${doing}：工作表${quoteNames(protectedSheets)}受保护，加载项无法解除（可能设置了密码）。请在“审阅”选项卡上点“撤消工作表保护”后重试。`);
  }
  // Excel's catch-all (a window focused elsewhere, protection options it rejects): nothing specific to act on.
  if (code === 'GeneralException') return new HostFailure(`未能${doing}：Excel 报告内部错误（GeneralException）。请点击工作表中任一单元格后重试；如仍失败，请保存、关闭并重新打开工作簿。`);
  const detail = e instanceof Error ? e.message : String(e);
  return new HostFailure(`未能${doing}（Excel 报告：${detail.slice(0, 200)}）`);
}
