/** 汇总 of 10,000 JSON reports and import of 1,000 published texts. */
import { readFileSync } from 'fs';
import { dirname, join } from 'path';
import { existsSync } from 'fs';
import { aggregate, importPublished, parseReport, type Report } from '../src/model';
import { renderHtml } from '../src/publish/render-html';
import { htmlToText } from '../src/publish/html-text';
import { generateReports } from './validate';

export function benchPublish(): void {
  const N = 10_000;
  // As the command line gets them: JSON text, parsed and checked, then summed.
  const texts = generateReports(N, 11).map((r, i) => JSON.stringify({ ...r, metadata: { ...r.metadata, agencyName: `单位${i}` } }));
  const t0 = process.hrtime.bigint();
  const units = texts.map((t, i) => {
    const p = parseReport(JSON.parse(t));
    if (!p.ok) throw new Error('generated report does not parse');
    return { source: `${i}.json`, report: p.value as Report };
  });
  const agg = aggregate(units);
  const s1 = Number(process.hrtime.bigint() - t0) / 1e9;
  if (!agg.ok) throw new Error('aggregate failed');
  console.log(`\naggregate — ${N} JSON reports (parse, validate each, sum): ${(s1 * 1000).toFixed(0)} ms → ${Math.round(N / s1).toLocaleString('en')} reports/s`);

  let root = __dirname;
  while (!existsSync(join(root, 'package.json'))) root = dirname(root);
  const sample = readFileSync(join(root, 'test', 'fixtures', 'published', 'xiangshan-hrss-2020-report.txt'), 'utf8');
  const html = htmlToText(renderHtml(generateReports(1, 5)[0]!));
  const M = 1_000;
  for (const [label, text] of [
    ['the sample report (Word text, one value per line)', sample],
    ['a 2021 report rendered to HTML (tables as rows)', html],
  ] as const) {
    const t1 = process.hrtime.bigint();
    for (let i = 0; i < M; i++) if (importPublished(text).missing.length) throw new Error('import lost cells');
    const s2 = Number(process.hrtime.bigint() - t1) / 1e9;
    console.log(`import — ${M} × ${label}: ${(s2 * 1000).toFixed(0)} ms → ${Math.round(M / s2).toLocaleString('en')} reports/s`);
  }
}
