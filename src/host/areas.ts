/** Where the report lives in a host's workbook: the sheets' anchor names and the areas a validation reads. Host-neutral. */
import { FORMAT_IDS, type FormatId } from '../model/core';
import { a1, colLetter, getLayout, NAME_PREFIX, type SheetId } from '../sheet/layout';
import type { MarkLevel } from '../sheet/places';
import { INFO_ROWS } from '../sheet/info-sheet';

/** A name present on each sheet of the template in both formats: where the sheet is, even renamed. */
export const ANCHORS: Readonly<Record<SheetId, string>> = {
  cover: `${NAME_PREFIX}META_AGENCYNAME`,
  t2: `${NAME_PREFIX}T2_ART20_1`,
  t3: `${NAME_PREFIX}T3`,
  t4: `${NAME_PREFIX}T4`,
  text: `${NAME_PREFIX}TEXT_OVERVIEW`,
  info: `${NAME_PREFIX}FORMAT`,
};

export const SHEET_IDS = Object.keys(ANCHORS) as SheetId[];
/** The sheets a user sees and marks go on. */
export const REPORT_SHEETS = SHEET_IDS.filter((id) => id !== 'info');

/**
 * A sheet added for the moment of 替换 where the workbook holds only the report sheets: Excel and WPS
 * refuse to delete the last visible sheet. Removed once the template's sheets are in.
 */
export const PLACEHOLDER_SHEET = '年报临时工作表';

/** Rows below the template's last row still read: rows users insert inside tables. */
const SLACK_ROWS = 40;

/** The area of a sheet read for a validation: every template cell of either format, plus slack. */
export function gridArea(id: SheetId): string {
  let rows = 1;
  let cols = 1;
  for (const f of FORMAT_IDS) {
    const l = getLayout(f);
    const spans: { sheet: SheetId; row: number; col: number; rows?: number; cols?: number }[] = [...l.labels, ...l.cells.values(), ...l.checks, ...l.meta, ...l.text];
    for (const p of spans) {
      if (p.sheet !== id) continue;
      rows = Math.max(rows, p.row + (p.rows ?? 1) - 1);
      cols = Math.max(cols, p.col + (p.cols ?? 1) - 1);
    }
  }
  if (id === 'info') rows = INFO_ROWS;
  return `A1:${colLetter(cols + 1)}${rows + SLACK_ROWS}`;
}

/**
 * Where marks can be and may be cleared on a sheet: its read area without the template's check
 * cells, whose own conditional format (“差 N” in red) must survive 清除标记. Rectangles, A1.
 */
export function markAreas(id: SheetId, format: FormatId): string[] {
  const m = /^A1:([A-Z]+)(\d+)$/.exec(gridArea(id))!;
  const cols = colNumber(m[1]!);
  const rows = Number(m[2]);
  const checks = new Set<string>();
  // The check cells of this workbook's format: the other format has report cells there.
  for (const c of getLayout(format).checks) if (c.sheet === id) checks.add(`${c.row},${c.col}`);
  // Runs of columns per row without a check cell; equal runs on consecutive rows become one rectangle.
  const runs = (r: number) => {
    const out: [number, number][] = [];
    for (let c = 1; c <= cols; c++) {
      if (checks.has(`${r},${c}`)) continue;
      const last = out[out.length - 1];
      if (last && last[1] === c - 1) last[1] = c;
      else out.push([c, c]);
    }
    return JSON.stringify(out);
  };
  const areas: string[] = [];
  let from = 1;
  for (let r = 2; r <= rows + 1; r++) {
    if (r <= rows && runs(r) === runs(from)) continue;
    for (const [c1, c2] of JSON.parse(runs(from)) as [number, number][]) areas.push(`${colLetter(c1)}${from}:${colLetter(c2)}${r - 1}`);
    from = r;
  }
  return areas;
}

const colNumber = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/**
 * Our marks' condition formula in every host: always true, and no user writes it, so clearing
 * finds exactly ours — in a workbook not made from the template, the user's own conditional
 * formats stay.
 */
export const MARK_FORMULA = '=N("xxgk")=0';

/**
 * How much of a sheet is read when the workbook is not made from the template (every sheet's used
 * cells are read to find the tables by their labels): the report's tables fit many times over, and
 * a large data sheet of the user's cannot make the read unbounded. Tables beyond it are not found
 * and listed missing.
 */
export const FOREIGN_ROWS = 2000;
export const FOREIGN_COLS = 64;

/** A sheet's used range (1-based first cell, size) cut to the bound above, as an A1 area. */
export function foreignArea(row: number, col: number, rows: number, cols: number): { address: string; top: number; left: number } {
  const lastRow = Math.min(row + Math.max(rows, 1) - 1, FOREIGN_ROWS);
  const lastCol = Math.min(col + Math.max(cols, 1) - 1, FOREIGN_COLS);
  const top = Math.min(row, lastRow);
  const left = Math.min(col, lastCol);
  return { address: `${a1(top, left)}:${a1(lastRow, lastCol)}`, top, left };
}

/** How marks look in every host: the suspect red, a warning yellow, the other cells of a broken sum light orange. */
export const MARK_COLORS: Readonly<Record<MarkLevel, string>> = { error: '#FFC7CE', warning: '#FFEB9C', related: '#FCE4D6' };

/** The order hosts draw the levels in. */
export const MARK_LEVELS = Object.keys(MARK_COLORS) as MarkLevel[];

/**
 * Marks as a host draws them: per sheet name, the A1 addresses of each level. The marks come
 * resolved (one per place, its strongest level: sheet/places.ts markLevels, via actions.marksOf);
 * hosts only group them, never rank them again.
 */
export function marksBySheet(marks: readonly { readonly place: { readonly sheet: string; readonly row: number; readonly col: number }; readonly severity: MarkLevel }[]): Map<string, Record<MarkLevel, string[]>> {
  const by = new Map<string, Record<MarkLevel, string[]>>();
  for (const m of marks) {
    const s = by.get(m.place.sheet) ?? { error: [], warning: [], related: [] };
    by.set(m.place.sheet, s);
    s[m.severity].push(a1(m.place.row, m.place.col));
  }
  return by;
}
