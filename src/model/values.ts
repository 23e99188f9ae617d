import type { CellValue } from './schema/report';

/** How a cell's content reads as a number. Arithmetic counts everything but numbers as 0. */
export enum CellState {
  Number = 0,
  Blank = 1,
  Text = 2,
  /** A number typed as text (“０”, “ 3 ”, “1,200”): used as the number, but spreadsheet SUMs skip it. */
  NumberText = 3,
  FormulaError = 4,
}

export interface CellReading {
  readonly state: CellState;
  /** The number used by the arithmetic rules. */
  readonly value: number;
  /** The text as found, for messages. */
  readonly text?: string;
}

/** Error values a spreadsheet can leave in a cell. */
const FORMULA_ERRORS = /^#(?:REF!|VALUE!|DIV\/0!|N\/A|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/i;

const FULLWIDTH = /[\uFF10-\uFF19\uFF0E\uFF0D\uFF0B\uFF0C]/g;
const SPACES = /^[\s\u3000\u00A0]+|[\s\u3000\u00A0]+$/g;
const NUMERIC = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/** Full-width digits and signs to ASCII: “１２” → “12”. */
export function toHalfWidth(s: string): string {
  return s.replace(FULLWIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/** Reads a number written as text, or undefined when the text is not a plain number. */
export function parseNumberText(text: string): number | undefined {
  const t = toHalfWidth(text.replace(SPACES, ''));
  if (!NUMERIC.test(t)) return undefined;
  const n = Number(t.replace(/,/g, ''));
  return Number.isFinite(n) ? n : undefined;
}

export function isFormulaErrorText(text: string): boolean {
  return FORMULA_ERRORS.test(text.trim());
}

/** Counts and amounts above this are almost certainly typed in the wrong unit or with extra digits. */
export const PLAUSIBLE_MAX = 100_000_000;

const BLANK: CellReading = { state: CellState.Blank, value: 0 };

/** Interprets a cell value; never throws. */
export function readCell(v: CellValue | undefined): CellReading {
  if (typeof v === 'number') return Number.isFinite(v) ? { state: CellState.Number, value: v } : { state: CellState.Text, value: 0, text: String(v) };
  if (v === null || v === undefined) return BLANK;
  if (typeof v === 'string') {
    if (v.replace(SPACES, '') === '') return BLANK;
    if (isFormulaErrorText(v)) return { state: CellState.FormulaError, value: 0, text: v.trim() };
    const n = parseNumberText(v);
    return n === undefined ? { state: CellState.Text, value: 0, text: v } : { state: CellState.NumberText, value: n, text: v };
  }
  return { state: CellState.FormulaError, value: 0, text: v.error };
}

/** Numbers in messages: integers as they are, decimals to at most 4 places. */
export function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 10000) / 10000);
}
