/**
 * How the template looks and is guarded, as data: the ExcelJS template (workbook/template.ts),
 * Excel's basic API where a host cannot insert the file (host/excel/build-sheets.ts) and WPS's
 * repair after copying sheets (host/wps) all take it from here. Which sheets are protected is the
 * layout's (SheetInfo.protected).
 */

/** The font of every label and cell. */
export const TEMPLATE_FONT = '宋体';

/** Fills, as #RRGGBB: input cells a light tint to fill in, totals grey (formulas, locked). */
export const TEMPLATE_FILLS = { input: '#FFF8E1', total: '#EFEFEF' } as const;

/**
 * The report sheets' protection: no password (it guards labels and formulas from slips, users may
 * lift it); locked and unlocked cells can be selected, columns and rows resized, cells not formatted.
 */
export const TEMPLATE_PROTECTION = { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, formatCells: false } as const;
