import ExcelJS from 'exceljs';
import { readFileSync } from 'fs';
(async () => { const wb = new ExcelJS.Workbook(); await wb.xlsx.load(readFileSync('assets/template-2021.xlsx') as any);
for (const n of ['XXGK_T3', 'XXGK_META_AGENCYKIND', 'XXGK_T2_ART20_1', 'XXGK_FORMAT']) console.log(n, wb.definedNames.getRanges(n)); })();
