import { validate } from '../src/model';
import { generateReports } from '../bench/validate';
const reports = generateReports(3000);
const t0 = Date.now();
for (let k = 0; k < 30; k++) for (const r of reports) validate(r);
console.log((Date.now() - t0) / 90000 * 1000, 'us/report');
