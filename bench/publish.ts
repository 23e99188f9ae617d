/** 汇总 of 10,000 JSON reports and import of 1,000 published texts. */
import { readFileSync } from 'fs';
import { dirname, join } from 'path';
import { existsSync } from 'fs';
import { aggregate, getFormat, parseReport, type Report } from '../src/model';
import { importPublished } from '../src/import/published';
import { renderHtml } from '../src/publish/render-html';
import { htmlToText } from '../src/import/html-text';
import { generateReports } from './validate';
import { oneLine } from '../test/helpers/published-shapes';
import { prng } from '../test/helpers/random';

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

  digitRuns();
  oneLines(root);
}

/** Share of 表三/表四 cells an import of `text` gets right, with the count of cells wrong (never acceptable). */
function recovery(original: Report, text: string): { right: number; total: number; wrong: number } {
  const r = importPublished(text);
  const cell = (rep: Report, c: { table: string; row: string; col: string }) => (rep.tables as Record<string, Record<string, Record<string, unknown>>>)[c.table]?.[c.row]?.[c.col];
  let right = 0;
  let total = 0;
  let wrong = 0;
  for (const c of getFormat(original.format).cells) {
    if (c.table === 't2' || typeof cell(original, c) !== 'number') continue;
    total++;
    if (cell(r.report, c) === cell(original, c)) right++;
    else if (!r.missing.includes(c.id)) wrong++;
  }
  return { right, total, wrong };
}

/** Whole bodies on one line behind an archive header (as ../shared/samples/flattened): generated, and the two samples. */
function oneLines(root: string): void {
  const reports = [...generateReports(40, 31, '2021'), ...generateReports(40, 32, '2019')];
  const rnd = prng(33);
  const sum = { right: 0, total: 0, wrong: 0 };
  const t0 = process.hrtime.bigint();
  for (const report of reports) {
    const r = recovery(report, oneLine(report, rnd));
    sum.right += r.right;
    sum.total += r.total;
    sum.wrong += r.wrong;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const samples = [
    ['xiangshan-hrss-2020-oneline.txt', 'xiangshan-hrss-2020.json'],
    ['example-2021-corrected-oneline.txt', 'example-2021-corrected.json'],
  ].flatMap(([file, known]) => {
    const path = join(root, '..', 'shared', 'samples', 'flattened', file!);
    if (!existsSync(path)) return [];
    const r = recovery(JSON.parse(readFileSync(join(root, 'assets', 'samples', known!), 'utf8')) as Report, readFileSync(path, 'utf8'));
    return [`${file}: ${((100 * r.right) / r.total).toFixed(1)}%, ${r.wrong} wrong`];
  });
  console.log(
    `import — ${reports.length} generated reports with the body on one line: ${((100 * sum.right) / sum.total).toFixed(1)}% of 表三/表四 cells recovered, ${sum.wrong} wrong (${(ms / reports.length).toFixed(0)} ms each; aim ≥ 90%, 0 wrong) · the samples: ${samples.join(' · ') || 'not beside the repository'}`,
  );
}

/** Reports whose table rows all lost their separators (one run of digits a row): how many 表三/表四 cells the arithmetic recovers, and how many come out wrong. */
function digitRuns(): void {
  let recovered = 0;
  let missing = 0;
  let wrong = 0;
  const reports = [...generateReports(30, 21, '2021'), ...generateReports(30, 22, '2019')];
  for (const report of reports) {
    const printed = htmlToText(renderHtml(report))
      .split('\n')
      .map((line) => {
        if (!line.startsWith('| ')) return line;
        const parts = line.slice(1, -1).split('|').map((c) => c.trim());
        const first = parts.findIndex((c) => /^\d+$/.test(c));
        if (first < 1 || !parts.slice(first).every((c) => /^\d+$/.test(c))) return line;
        return `${parts.slice(0, first).join('\n')}\n${parts.slice(first).join('')}`;
      })
      .join('\n');
    const r = importPublished(printed);
    const cell = (rep: Report, table: string, row: string, col: string) => (rep.tables as Record<string, Record<string, Record<string, unknown>>>)[table]?.[row]?.[col];
    for (const c of getFormat(report.format).cells) {
      if (c.table === 't2') continue;
      if (r.missing.includes(c.id)) missing++;
      else if (cell(r.report, c.table, c.row, c.col) === cell(report, c.table, c.row, c.col)) recovered++;
      else wrong++;
    }
  }
  const total = recovered + missing + wrong;
  console.log(`import — ${reports.length} reports with every row's digits run together: ${((100 * recovered) / total).toFixed(1)}% of 表三/表四 cells recovered, ${missing} listed missing, ${wrong} wrong (aim ≥ 90%, 0 wrong)`);
}
