import ExcelJS from 'exceljs';
import { readFileSync } from 'fs';
(async () => { const wb = new ExcelJS.Workbook(); await wb.xlsx.load(readFileSync('/tmp/lo/out/in.xlsx') as any);
const t3 = wb.getWorksheet('表三')!; for (const a of ['J6', 'D29', 'J29', 'K6', 'D31', 'D32']) console.log(a, JSON.stringify(t3.getCell(a).value));
console.log(wb.definedNames.getRanges('XXGK_T3'), wb.worksheets.map(w => [w.name, w.state]));
})();
