import { readFileSync, writeFileSync } from 'fs';
import { filledBuffer } from '../src/workbook/fill';
import { readWorkbookBuffer } from '../src/workbook/load';
import { validate, parseReport } from '../src/model';
(async () => {
  for (const name of ['xiangshan-hrss-2020', 'example-2021-mistakes']) {
    const p = parseReport(JSON.parse(readFileSync(`assets/samples/${name}.json`, 'utf8')));
    if (!p.ok) throw new Error();
    const buf = await filledBuffer(p.value);
    writeFileSync(`/tmp/${name}.xlsx`, buf);
    const r = await readWorkbookBuffer(buf);
    console.log(name, JSON.stringify(r.report) === JSON.stringify(p.value) ? 'same' : 'DIFF');
    const v = validate(r.report, { reading: r.reading });
    console.log(v.counts, v.issues.map(i => `${i.ruleId} ${i.at ?? r.addresses[i.cells[0] ?? ''] ?? ''}`));
    if (JSON.stringify(r.report) !== JSON.stringify(p.value)) { console.log(JSON.stringify(r.report.metadata), JSON.stringify(p.value.metadata)); }
  }
})();
