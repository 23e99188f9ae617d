import { templateBuffer } from '../src/workbook/template';
(async () => { const a = await templateBuffer('2021'); await new Promise(r => setTimeout(r, 1500)); const b = await templateBuffer('2021'); console.log(a.equals(b), a.length, b.length); })();
