/// <reference types="wps-jsapi" />
/**
 * The part of WPS 表格's ET object model this add-in calls, as Kingsoft documents it (the same
 * shape as Excel's COM model): synchronous, collections 1-based through `Item`, `Value2` a 2-D
 * array for a range of several cells, names whose `RefersTo` reads `=表三!$D$6:$J$30`.
 * wps-jsapi's declarations type `Item`/`Add` as returning void and `RefersTo` as a number, so the
 * calls are typed here; its enums give the constants (checked against it in the tests).
 */

export interface EtName {
  readonly Name: string;
  readonly RefersTo: string;
  Delete(): void;
}

export interface EtNames {
  readonly Count: number;
  Item(index: number | string): EtName;
  Add(name: string, refersTo: string): EtName;
}

export interface EtFormatCondition {
  readonly Formula1: string;
  readonly Interior: { Color: number };
  Delete(): void;
}

export interface EtFormatConditions {
  readonly Count: number;
  Item(index: number): EtFormatCondition;
  Add(type: number, operator: number | null, formula1?: string): EtFormatCondition;
}

export interface EtRange {
  /** A single cell's value, or a 2-D array (rows of columns) for several cells. */
  Value2: unknown;
  Formula: unknown;
  /** What a single cell shows (an error value reads “#REF!”). */
  readonly Text: unknown;
  readonly FormatConditions: EtFormatConditions;
  /** The first cell's row and column (1-based), and the range's size: where a sheet's used range stands. */
  readonly Row: number;
  readonly Column: number;
  readonly Rows: { readonly Count: number };
  readonly Columns: { readonly Count: number };
  Select(): void;
}

export interface EtProtection {
  readonly AllowFormattingCells: boolean;
  readonly AllowFormattingColumns: boolean;
  readonly AllowFormattingRows: boolean;
}

export interface EtSheet {
  Name: string;
  /** xlSheetVisible −1, xlSheetHidden 0, xlSheetVeryHidden 2. */
  Visible: number;
  readonly ProtectContents: boolean;
  readonly ProtectDrawingObjects: boolean;
  readonly ProtectScenarios: boolean;
  readonly Protection: EtProtection;
  Range(address: string): EtRange;
  /** The cells in use (typed as a number by wps-jsapi; a Range in ET, as in Excel's COM model). */
  readonly UsedRange: EtRange;
  Protect(
    password?: string | null,
    drawingObjects?: boolean,
    contents?: boolean,
    scenarios?: boolean,
    userInterfaceOnly?: boolean,
    allowFormattingCells?: boolean,
    allowFormattingColumns?: boolean,
    allowFormattingRows?: boolean,
  ): void;
  Unprotect(password?: string): void;
  Activate(): void;
  Delete(): void;
  /** Kingsoft's samples pass null for a skipped argument (`Copy(null, after)`). */
  Copy(before: EtSheet | null, after?: EtSheet | null): void;
}

export interface EtSheets {
  readonly Count: number;
  Item(index: number | string): EtSheet;
  /** Before, After (null when skipped), Count, Type. */
  Add(before: EtSheet | null, after?: EtSheet | null, count?: number, type?: number | null): EtSheet;
}

export interface EtWorkbook {
  readonly Name: string;
  /** The sheet shown; `Worksheets.Add` makes the new sheet active, as in Excel's COM model. */
  readonly ActiveSheet: EtSheet;
  readonly Names: EtNames;
  readonly Worksheets: EtSheets;
  Close(saveChanges?: boolean): void;
}

export interface EtApplication {
  readonly ActiveWorkbook: EtWorkbook | null;
  /** Open for a path; OpenFromUrl for an http(s) address (Kingsoft's samples for online add-ins). */
  readonly Workbooks: { Open(fileName: string): EtWorkbook; OpenFromUrl?(url: string): EtWorkbook };
  DisplayAlerts: boolean;
}

/** Constants of the ET model (the same numbers as Excel's). */
export const XL = {
  /** EtXlFormatConditionType.xlExpression */
  expression: 2,
  /** EtXlSheetVisibility */
  sheetVisible: -1,
  sheetVeryHidden: 2,
} as const;

/** ET colours are BGR numbers: #RRGGBB → 0xBBGGRR. */
export function bgr(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
}

/** WPS 表格's Application, found by what it can do (not by the page's address); undefined elsewhere (Excel, a browser, WPS 文字). */
export function etApplication(scope: unknown = globalThis): EtApplication | undefined {
  const app = (scope as { Application?: unknown }).Application as Partial<EtApplication> & { Worksheets?: unknown; Documents?: unknown } | undefined;
  if (!app || typeof app !== 'object') return undefined;
  // ET has Workbooks and sheets; WPS 文字 has Documents instead.
  return 'Workbooks' in app && 'ActiveWorkbook' in app ? (app as EtApplication) : undefined;
}
