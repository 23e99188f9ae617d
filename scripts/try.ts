import { readFileSync } from 'fs';
import { importPublished } from '../src/model';
const text = readFileSync('test/fixtures/published/county-2021-variants.txt', 'utf8');
const cut = text.slice(0, text.indexOf('| | （四）无法提供'));
const r = importPublished(cut);
console.log(Object.keys(r.report.tables.t3), JSON.stringify(r.report.tables.t4), cut.slice(-200));
