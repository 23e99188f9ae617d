/* global Excel */
/**
 * 插入模板. insertWorksheetsFromBase64 (ExcelApi 1.13) copies the template's sheets, but the
 * defined names it copies can come out as `=#REF!…` or be left out (office-js #3583, #4772), and
 * nothing promises the hidden sheet stays very hidden or the sheets protected. So every XXGK_*
 * name is checked against the address it must have and re-added where it is not; the hidden sheet
 * and the protection are checked and restored; whatever still is not right is said in Chinese.
 */
import type { FormatId } from '../../model';
import { a1, definedNames, getLayout, NAME_PREFIX, nameReference, sheetName } from '../../sheet/layout';
import { queueBuildTemplate, TEMPLATE_PROTECTION } from './build-sheets';
import type { Capabilities } from './capabilities';
import { PLACEHOLDER_SHEET } from '../areas';

/** A name's value as Excel shows it, compared loosely: `='表三'!$D$6:$J$30` and `=表三!$D$6:$J$30` are the same place. */
const sameRef = (a: string, b: string) => a.replace(/^=/, '').replace(/'/g, '').toUpperCase() === b.replace(/^=/, '').replace(/'/g, '').toUpperCase();

/** The workbook's sheets and names, loaded. */
async function loadSheetsAndNames(context: Excel.RequestContext, caps: Capabilities) {
  const sheets = context.workbook.worksheets;
  sheets.load(caps.sheetSetup ? 'items/name,items/visibility' : 'items/name');
  const names = context.workbook.names;
  names.load('items/name,items/type,items/value');
  await context.sync();
  return { sheets: sheets.items, names: names.items };
}

export async function hasReportSheets(caps: Capabilities): Promise<boolean> {
  const ours = new Set(getLayout('2021').sheets.map((s) => s.name));
  return Excel.run(async (context) => {
    const { sheets, names } = await loadSheetsAndNames(context, caps);
    return names.some((n) => n.name.toUpperCase().startsWith(NAME_PREFIX)) || sheets.some((ws) => ours.has(ws.name));
  });
}

/** Removes the report sheets and names (after the user agreed). Deleting names needs ExcelApi 1.4, showing a very hidden sheet 1.2. */
export async function removeReportSheets(caps: Capabilities): Promise<void> {
  const ours = new Set(getLayout('2021').sheets.map((s) => s.name));
  await Excel.run(async (context) => {
    const { sheets, names } = await loadSheetsAndNames(context, caps);
    if (caps.editNames) for (const n of names) if (n.name.toUpperCase().startsWith(NAME_PREFIX)) n.delete();
    // Excel refuses to delete the last visible sheet: a placeholder stands in until the template is inserted.
    if (!sheets.some((ws) => !ours.has(ws.name) && (!caps.sheetSetup || ws.visibility === Excel.SheetVisibility.visible))) context.workbook.worksheets.add(PLACEHOLDER_SHEET);
    for (const ws of sheets) {
      if (!ours.has(ws.name)) continue;
      // A very hidden sheet must be visible before it can be deleted.
      if (caps.sheetSetup && ws.visibility !== Excel.SheetVisibility.visible) ws.visibility = Excel.SheetVisibility.visible;
      ws.delete();
    }
    await context.sync();
  });
}

/** Inserts the template and repairs what the insertion broke; returns what could not be restored. */
export async function insertTemplate(caps: Capabilities, format: FormatId, year: number, templateBase64: (format: FormatId) => Promise<string>): Promise<string[]> {
  const base64 = caps.insertTemplate ? await templateBase64(format) : '';
  const layout = getLayout(format);
  return Excel.run(async (context) => {
    let lacks: string[] = [];
    if (caps.insertTemplate) {
      context.workbook.insertWorksheetsFromBase64(base64, { positionType: Excel.WorksheetPositionType.end });
      await context.sync();
    } else {
      // Older Excel: the same sheets, built cell by cell from the layout.
      lacks = queueBuildTemplate(context, format, caps);
      await context.sync();
    }
    const problems = [...lacks, ...(await repair(context, caps, format))];
    const { sheets } = await loadSheetsAndNames(context, caps);
    if (sheets.some((ws) => ws.name === PLACEHOLDER_SHEET)) context.workbook.worksheets.getItem(PLACEHOLDER_SHEET).delete();
    const yearCell = layout.meta.find((m) => m.field === 'year')!;
    const cover = context.workbook.worksheets.getItem(sheetName('cover'));
    // The year is an input cell: unlocked, so it can be written on the protected sheet.
    cover.getRange(a1(yearCell.row, yearCell.col)).values = [[year]];
    cover.activate();
    await context.sync();
    return problems;
  });
}

/** Checks names, the hidden sheet and protection; re-adds and restores what it can (one sync), then checks again. */
async function repair(context: Excel.RequestContext, caps: Capabilities, format: FormatId): Promise<string[]> {
  const layout = getLayout(format);
  const expected = definedNames(layout);
  const check = async () => {
    const { sheets, names } = await loadSheetsAndNames(context, caps);
    const byName = new Map(names.map((n) => [n.name.toUpperCase(), n]));
    const wrongNames = expected.filter((e) => {
      const n = byName.get(e.name.toUpperCase());
      // A null type (office-js #5504) is judged by the address alone.
      return !n || (n.type !== 'Range' && n.type !== null) || !sameRef(String(n.value), nameReference(e));
    });
    const hidden = layout.sheets.filter((s) => s.hidden && sheets.find((ws) => ws.name === s.name)?.visibility !== Excel.SheetVisibility.veryHidden);
    const guarded = layout.sheets.filter((s) => s.protected);
    const prot = caps.sheetSetup
      ? guarded.map((s) => {
          const p = context.workbook.worksheets.getItem(s.name).protection;
          p.load('protected');
          return { s, p };
        })
      : [];
    if (prot.length) await context.sync();
    const unprotected = prot.filter((x) => !x.p.protected).map((x) => x.s);
    return { byName, wrongNames, hidden, unprotected };
  };

  const before = await check();
  if (before.wrongNames.length + before.hidden.length + before.unprotected.length === 0) return [];
  try {
    if (caps.editNames) {
      for (const e of before.wrongNames) {
        if (before.byName.has(e.name.toUpperCase())) context.workbook.names.getItem(e.name).delete();
        context.workbook.names.add(e.name, `=${nameReference(e)}`);
      }
    }
    if (caps.sheetSetup) {
      for (const s of before.hidden) context.workbook.worksheets.getItem(s.name).visibility = Excel.SheetVisibility.veryHidden;
      for (const s of before.unprotected) context.workbook.worksheets.getItem(s.name).protection.protect(TEMPLATE_PROTECTION);
    }
    await context.sync();
  } catch {
    // Said below, from what the workbook holds now.
  }
  const after = await check();
  const problems: string[] = [];
  if (after.wrongNames.length) {
    problems.push(`有 ${after.wrongNames.length} 个名称未能恢复（${after.wrongNames.slice(0, 5).map((n) => n.name).join('、')}${after.wrongNames.length > 5 ? ' 等' : ''}）${caps.editNames ? '' : '：此版本的 Excel 不能添加或删除名称（需要 ExcelApi 1.4）'}。请删除年报工作表后重新插入模板，或使用“下载模板”得到的工作簿`);
  }
  if (after.hidden.length) problems.push(`隐藏的工作表“${after.hidden.map((s) => s.name).join('、')}”未能设为隐藏，请不要改动它`);
  if (after.unprotected.length) problems.push(`工作表${after.unprotected.map((s) => `“${s.name}”`).join('')}未能设置保护：标签和合计公式可能被误改`);
  return problems;
}
