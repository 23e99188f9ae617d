/* global Excel */
/**
 * Writes on protected sheets. The template protects 基本信息, 表二, 表三 and 表四 without a password;
 * marks, 填入合计 and 汇总 lift the protection, write, and protect again with the same options, all in
 * one batch (ExcelApi 1.2). Where the batch fails half-way, the protection is put back afterwards.
 */
import type { Capabilities } from './capabilities';

export interface SheetLock {
  readonly sheet: Excel.Worksheet;
  readonly name: string;
  /** Undefined where this Excel cannot tell (before ExcelApi 1.2). */
  readonly protected: boolean | undefined;
  readonly options: Excel.WorksheetProtectionOptions | undefined;
}

/** Queues loading a sheet's name and protection; read the result after the sync with `lockOf`. */
export function queueLock(sheet: Excel.Worksheet, caps: Capabilities): () => SheetLock {
  sheet.load('name');
  if (caps.sheetSetup) sheet.protection.load('protected,options');
  return () => ({
    sheet,
    name: sheet.name,
    protected: caps.sheetSetup ? sheet.protection.protected : undefined,
    options: caps.sheetSetup ? sheet.protection.options : undefined,
  });
}

/**
 * Protection options as `protect` accepts them: loaded options can carry null members, and
 * `protect` given those throws GeneralException (office-js #1931). Only the boolean fields are kept.
 */
export function protectionOptions(options: Excel.WorksheetProtectionOptions | undefined): Excel.WorksheetProtectionOptions | undefined {
  if (!options) return undefined;
  return Object.fromEntries(Object.entries(options).filter(([, v]) => typeof v === 'boolean')) as Excel.WorksheetProtectionOptions;
}

/** Queues `write` with the protected ones among `locks` unprotected before and protected again after. */
export function queueUnlocked(locks: readonly SheetLock[], write: () => void): void {
  const locked = locks.filter((l) => l.protected);
  for (const l of locked) l.sheet.protection.unprotect();
  write();
  for (const l of locked) l.sheet.protection.protect(protectionOptions(l.options));
}

/**
 * After a failed batch: protects again every sheet that was protected and is not now — with its own
 * options, else the template's, else Excel's defaults, a sheet at a time. Returns the sheets that
 * stay unprotected, for the message.
 */
export async function restoreLocks(locks: readonly SheetLock[], templateOptions: Excel.WorksheetProtectionOptions): Promise<string[]> {
  const locked = locks.filter((l) => l.protected);
  if (locked.length === 0) return [];
  const open: string[] = [];
  for (const l of locked) {
    let done = false;
    for (const options of [protectionOptions(l.options), templateOptions, undefined]) {
      try {
        await Excel.run(async (context) => {
          const ws = context.workbook.worksheets.getItem(l.name);
          ws.protection.load('protected');
          await context.sync();
          if (!ws.protection.protected) options ? ws.protection.protect(options) : ws.protection.protect();
          await context.sync();
        });
        done = true;
        break;
      } catch {
        // The next, plainer options.
      }
    }
    if (!done) open.push(l.name);
  }
  return open;
}
