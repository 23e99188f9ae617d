/** Workbook throughput: 500 filled workbooks through the `validate` code path, against the floor of unzipping and parsing their sheet XML. */
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { SaxesParser } from 'saxes';
import { loadReport } from '../src/cli/load';
import { validate } from '../src/model';
import { unzipWorkbook } from '../src/sheet/xlsx/zip';
import { filledBuffer } from '../src/workbook/fill';
import { generateReports } from './validate';

async function timed(label: string, files: readonly string[], run: (file: string) => Promise<unknown>): Promise<number> {
  for (const f of files.slice(0, 20)) await run(f); // warm up
  const t0 = process.hrtime.bigint();
  for (const f of files) await run(f);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`${label.padEnd(52)} ${files.length} files in ${(seconds * 1000).toFixed(0)} ms  →  ${(files.length / seconds).toFixed(1)} files/s (${((seconds / files.length) * 1000).toFixed(2)} ms each)`);
  return seconds;
}

/** The floor: read the file, inflate every part (the same bounded unzip), SAX-parse the worksheets and shared strings. */
async function floor(file: string): Promise<number> {
  const parts = unzipWorkbook(readFileSync(file));
  let cells = 0;
  const decoder = new TextDecoder();
  for (const [name, xml] of Object.entries(parts)) {
    if (!/^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/.test(name)) continue;
    const parser = new SaxesParser();
    parser.on('opentag', (t) => {
      if (t.name === 'c') cells++;
    });
    parser.write(decoder.decode(xml)).close();
  }
  return cells;
}

export async function benchWorkbooks(): Promise<void> {
  const N = 500;
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-bench-'));
  const files: string[] = [];
  for (const [i, report] of generateReports(N, 7).entries()) {
    const file = join(dir, `r${i}.xlsx`);
    writeFileSync(file, await filledBuffer(report));
    files.push(file);
  }
  console.log(`\nworkbooks — ${N} filled format-2021 workbooks, one core`);
  const ours = await timed('validate path (read, bounded unzip, SAX, rules)', files, async (f) => {
    const loaded = await loadReport(f);
    if (!loaded.ok) throw new Error(loaded.problems.join());
    return validate(loaded.report, { reading: loaded.reading });
  });
  const base = await timed('floor: unzip every part + SAX-parse the sheet XML', files, floor);
  console.log(`ratio to the floor: ${(ours / base).toFixed(2)}× (aim: within 1.5×)`);
}
