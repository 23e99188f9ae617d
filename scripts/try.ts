import { validate } from '../src/model';
import { consistentReport, zeroReport } from '../test/helpers/reports';
for (const f of ['2019', '2021'] as const) {
  const nums = Array.from({ length: 300 }, (_, i) => (i * 7919) % 13);
  const r = consistentReport(f, nums);
  const v = validate(r);
  console.log(f, v.counts, v.issues.slice(0, 5).map((i) => i.message));
  console.log(validate(zeroReport(f)).counts);
}
const r = consistentReport('2021', Array.from({ length: 300 }, (_, i) => (i * 7919) % 13));
console.log(JSON.stringify(r.tables.t3).slice(0, 400), JSON.stringify(r.tables.t2));
