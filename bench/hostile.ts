/**
 * Bounded work on hostile files: a workbook whose sheet has two million empty rows, and 1.3 MB of
 * HTML of deeply nested tables. Each runs in a child process so its time and peak memory are its own.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { htmlToText } from '../src/import/html-text';
import { importPublished } from '../src/import/published';
import { readWorkbookBuffer } from '../src/sheet/xlsx/open';
import { fillTemplate } from '../src/workbook/fill';
import { nestedTablesHtml, withEmptyRows } from '../test/helpers/hostile';
import { consistentReport } from '../test/helpers/reports';

/** Run in the child: reads the file and prints milliseconds and peak memory. */
export async function hostileChild(kind: string, file: string): Promise<void> {
  const t0 = process.hrtime.bigint();
  if (kind === 'rows') await readWorkbookBuffer(readFileSync(file));
  else importPublished(htmlToText(readFileSync(file, 'utf8')));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

export async function benchHostile(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-hostile-bench-'));
  const rowsFile = join(dir, 'rows.xlsx');
  writeFileSync(rowsFile, await withEmptyRows(new Uint8Array(Buffer.from(await fillTemplate(consistentReport('2021', [1, 2, 3])).xlsx.writeBuffer())), 2_000_000));
  const htmlFile = join(dir, 'nested.html');
  writeFileSync(htmlFile, nestedTablesHtml(1_300_000));

  console.log('\nhostile files — each in its own process: time and peak memory');
  const script = `require(${JSON.stringify(__filename)}).hostileChild(process.argv[1], process.argv[2])`;
  for (const [label, kind, file] of [
    ['a sheet of 2,000,000 empty rows', 'rows', rowsFile],
    ['1.3 MB of nested HTML tables (import)', 'html', htmlFile],
  ] as const) {
    const size = (readFileSync(file).length / 1048576).toFixed(1);
    const r = JSON.parse(execFileSync(process.execPath, ['-e', script, kind, file], { encoding: 'utf8' })) as { ms: number; maxRssMb: number };
    console.log(`${label.padEnd(40)} ${size} MB file: ${r.ms.toFixed(0)} ms · peak memory ${r.maxRssMb.toFixed(0)} MB (aim: a few seconds, < 1 GB)`);
  }
}
