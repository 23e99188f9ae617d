/**
 * Positions travel structured ({ sheet, row, col }); A1 text is made only to be shown. The A1
 * parser reads only what comes from outside — a defined name's reference in a file or a host —
 * never a position the product wrote itself.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

const SRC = join(__dirname, '../../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');

/** Where a defined name's reference (`=表三!$D$6:$J$30`, read from a file or a host) is parsed. */
const READERS_OF_NAMES = ['sheet/a1.ts', 'sheet/layout.ts', 'sheet/xlsx/xlsx-source.ts', 'sheet/xls/xls-source.ts', 'host/grid-source.ts', 'host/wps/index.ts'];

describe('positions', () => {
  const sources = files(SRC).map((f) => ({ file: relative(SRC, f), text: code(readFileSync(f, 'utf8')) }));

  test('the A1 parser only reads defined names from files and hosts', () => {
    const users = sources.filter((s) => /\bparseSheetAddress\b/.test(s.text)).map((s) => s.file);
    expect(users.filter((f) => !READERS_OF_NAMES.includes(f))).toEqual([]);
    // The check is live: the readers do use it.
    expect(users.length).toBeGreaterThanOrEqual(4);
  });

  test('no map of cell ids to A1 text (the old `addresses`) and no issue position kept as text', () => {
    const offenders = sources.flatMap((s) =>
      s.text.split('\n').flatMap((line, i) => (/\baddresses\s*[:=]\s*(Readonly<)?Record<string,\s*string>|\.addresses\[|issue\.at\b.*parse|(?<!function )sheetAddress\(/.test(line) ? [`${s.file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });

  test('one export flow: only src/flows/export.ts makes a submission for a file (the custom function JSON aside)', () => {
    const makers = sources.filter((s) => /\btoSubmission\(/.test(s.text)).map((s) => s.file);
    expect(makers.filter((f) => !['flows/export.ts', 'functions/functions.ts'].includes(f) && !f.startsWith('model/'))).toEqual([]);
  });
});
