/**
 * What the task pane needs from a spreadsheet host (Excel today, WPS next): read the report's
 * cells, mark and select cells, write values and formulas, keep 说明, insert the template. Every
 * host call lives behind this interface, in one folder per host; everything else is host-neutral.
 */
import type { MarkLevel } from '../sheet/places';
import type { FormatId } from '../model';
import type { WorkbookSource } from '../sheet/reader';

/** A cell of the open workbook. */
export interface Place {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
}

export interface Mark {
  readonly place: Place;
  /** error, warning: the cell an issue is about; related: another cell of its sum, drawn lighter. */
  readonly severity: MarkLevel;
}

export type CellWrite = { readonly place: Place; readonly value: number | string | null } | { readonly place: Place; readonly formula: string };

/** The workbook as loaded; its hidden sheet (说明 among it) is read by the shared reader. */
export interface HostReading {
  readonly source: WorkbookSource;
}

/** Whether a file the pane offers for download reaches the user: 'no' on hosts that drop it silently. */
export type DownloadSupport = 'yes' | 'unconfirmed' | 'no';

/** A failure the user can act on: its message is Chinese and says what to do. */
export class HostFailure extends Error {
  override readonly name = 'HostFailure';
}

export interface SpreadsheetHost {
  /** The host's name as users know it (Excel, WPS 表格). */
  readonly label: string;
  /** Why problem cells cannot be marked in this host, or undefined where they can. */
  readonly noMarks: string | undefined;
  readonly downloads: DownloadSupport;
  /** Every cell a validation needs and the stored 说明: one round trip to the host. */
  read(): Promise<HostReading>;
  /**
   * Replaces the previous marks by these (never the template's own formats, never a user's); protected
   * sheets are unprotected and protected again. `format`: the template's, or undefined in a workbook
   * not made from it.
   */
  mark(marks: readonly Mark[], format: FormatId | undefined): Promise<void>;
  clearMarks(format: FormatId | undefined): Promise<void>;
  select(place: Place): Promise<void>;
  /** Values or formulas into cells, locked ones included (protection is lifted and restored). */
  write(cells: readonly CellWrite[]): Promise<void>;
  saveExplanations(list: readonly unknown[]): Promise<void>;
  hasReportSheets(): Promise<boolean>;
  removeReportSheets(): Promise<void>;
  /** Inserts the template's sheets and names, with the year filled in; returns what could not be restored. */
  insertTemplate(format: FormatId, year: number, templateBase64: (format: FormatId) => Promise<string>): Promise<readonly string[]>;
}
