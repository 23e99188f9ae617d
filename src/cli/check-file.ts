/** One file validated and printed: the task validate runs for each file, in this thread or on a worker (files.ts). */
import { basename } from 'path';
import { validateRead, type Report } from '../model/core';
import { placeText } from '../sheet/a1';
import { issueAddress } from '../sheet/places';
import { loadReport } from './load';
import { describeResult, type SummaryRow } from './print';
import { printable } from './stdio';

/** One file validated and printed: what crosses back from a worker. */
export interface Checked {
  readonly printed: string;
  readonly row: SummaryRow;
  /** 0 valid, 1 errors found, 2 unreadable. */
  readonly code: 0 | 1 | 2;
}

export async function checkFile(file: string, json: boolean, previous: Report | undefined): Promise<Checked> {
  const loaded = await loadReport(file);
  if (!loaded.ok) {
    const row: SummaryRow = { file: printable(basename(file)), agency: '—', errors: '—', warnings: '—', verdict: '无法读取' };
    const printed = json ? `${JSON.stringify({ file, readable: false, problems: loaded.problems })}\n` : `${printable(file)}\n  无法读取：\n${loaded.problems.map((p) => `    ${printable(p)}`).join('\n')}\n\n`;
    return { printed, row, code: 2 };
  }
  const result = validateRead(loaded, previous);
  const row = {
    file: printable(basename(file)),
    agency: printable(loaded.report.metadata.agencyName) || '（未填）',
    errors: result.counts.error,
    warnings: result.counts.warning,
    verdict: result.valid ? '通过' : '未通过',
  };
  let printed: string;
  if (json) {
    const { counts, valid, format, rulesVersion, hints } = result;
    const issues = result.issues.map((i) => ({
      ...i,
      address: issueAddress(i, loaded.places),
      addresses: i.cells.flatMap((c) => (loaded.places[c] ? [placeText(loaded.places[c])] : [])),
    }));
    printed = `${JSON.stringify({ file, readable: true, agencyName: loaded.report.metadata.agencyName, year: loaded.report.metadata.year, valid, format, rulesVersion, counts, issues, hints })}\n`;
  } else printed = `${describeResult(printable(file), loaded.report, result, loaded.places)}\n\n`;
  return { printed, row, code: result.valid ? 0 : 1 };
}
