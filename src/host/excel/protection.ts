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

/** Queues `write` with the protected ones among `locks` unprotected before and protected again after. */
export function queueUnlocked(locks: readonly SheetLock[], write: () => void): void {
  const locked = locks.filter((l) => l.protected);
  for (const l of locked) l.sheet.protection.unprotect();
  write();
  for (const l of locked) l.sheet.protection.protect(l.options);
}

/** After a failed batch: protects again, in a new batch, every sheet that was protected and is not now. Best effort. */
export async function restoreLocks(locks: readonly SheetLock[]): Promise<void> {
  const locked = locks.filter((l) => l.protected);
  if (locked.length === 0) return;
  try {
    await Excel.run(async (context) => {
      const now = locked.map((l) => {
        const ws = context.workbook.worksheets.getItem(l.name);
        ws.protection.load('protected');
        return { l, ws };
      });
      await context.sync();
      for (const { l, ws } of now) if (!ws.protection.protected) ws.protection.protect(l.options);
      await context.sync();
    });
  } catch {
    // Nothing more can be done from here; the sheet stays as Excel left it.
  }
}
