/* global Office */
/** What this Excel can do, by requirement set: every call above ExcelApi 1.1 is feature-detected where it is used. */
export interface Capabilities {
  /** Range.merge, column widths, cell locking, sheet protection and visibility (ExcelApi 1.2). */
  readonly sheetSetup: boolean;
  /** NamedItem.getRange (ExcelApi 1.3): sheets are found by defined names, so renamed sheets still work. */
  readonly namedRanges: boolean;
  /** names.add and NamedItem.delete (ExcelApi 1.4). */
  readonly editNames: boolean;
  /** Conditional formats (ExcelApi 1.6): problem cells are marked without touching the user's formats. */
  readonly marks: boolean;
  /** Range.dataValidation (ExcelApi 1.8). */
  readonly dataValidation: boolean;
  /** Workbook.getRanges / RangeAreas (ExcelApi 1.9): one mark per sheet and colour. */
  readonly rangeAreas: boolean;
  /** Workbook.insertWorksheetsFromBase64 (ExcelApi 1.13). */
  readonly insertTemplate: boolean;
}

export function capabilities(): Capabilities {
  const has = (v: string) => {
    try {
      return Office.context.requirements.isSetSupported('ExcelApi', v);
    } catch {
      return false;
    }
  };
  return {
    sheetSetup: has('1.2'),
    namedRanges: has('1.3'),
    editNames: has('1.4'),
    marks: has('1.6'),
    dataValidation: has('1.8'),
    rangeAreas: has('1.9'),
    insertTemplate: has('1.13'),
  };
}
