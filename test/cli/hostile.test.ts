/**
 * Hostile and odd input, as a busy supervising office receives it: every failure an accurate
 * Chinese sentence, short whatever the input's size, never a crash; property tests for the
 * workbook reader, the published-report reader and the folder walker.
 */
import fc from 'fast-check';
import { strToU8, unzipSync, zipSync, strFromU8 } from 'fflate';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { collect } from '../../src/cli/publish';
import { toSubmission, validate, type Report } from '../../src/model';
import { importPublished } from '../../src/import/published';
import { htmlToText } from '../../src/import/html-text';
import { WorkbookReadError } from '../../src/sheet/errors';
import { readWorkbookBuffer } from '../../src/sheet/xlsx/open';
import { fillTemplate } from '../../src/workbook/fill';
import { consistentReport, sampleReport, withCells } from '../helpers/reports';
import { toBuffer } from '../helpers/workbooks';
import { runCli } from '../helpers/cli';
import { nestedTablesHtml } from '../helpers/hostile';

jest.setTimeout(120_000);

const run = runCli;

const dir = mkdtempSync(join(tmpdir(), 'xxgk-hostile-'));
const file = (name: string, data: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};
const base = consistentReport('2021', Array.from({ length: 300 }, (_, i) => (i % 5) + 1));

describe('accurate messages', () => {
  test.each([
    ['null', /JSON 文件的内容是 null，不是年度报告/],
    ['"一段话"', /JSON 文件的内容是一段文字，不是年度报告/],
    ['42', /JSON 文件的内容是一个数，不是年度报告/],
    ['[1, 2]', /JSON 文件的内容是一个数组，不是年度报告/],
  ])('a JSON file holding only %s', async (content, message) => {
    const r = await run('validate', file(`bare-${content.length}.json`, content));
    expect(r.code).toBe(2);
    expect(r.out).toMatch(message);
    expect(r.out).not.toMatch(/CSV/);
  });

  test('a report saved as UTF-16 (as Windows Notepad can) is read as the same report', async () => {
    const json = `\uFEFF${JSON.stringify(sampleReport('example-2021-corrected'))}`;
    const bytes = Buffer.from(json, 'utf16le');
    const r = await run('validate', '--json', file('utf16.json', bytes));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).valid).toBe(true);
  });

  test('an uppercase sha256 and a huge unknown key: short Chinese messages, no regular expression, no echo of the key', async () => {
    const sub = JSON.parse(JSON.stringify(toSubmission(base)));
    sub.integrity.sha256 = sub.integrity.sha256.toUpperCase();
    const upper = await run('validate', file('upper.json', JSON.stringify(sub)));
    expect(upper.out).toMatch(/完整性校验值（integrity\.sha256）：应为 64 位小写十六进制数字/);
    expect(upper.out).not.toMatch(/\^\[0-9a-f\]|\/\^/);
    const huge = await run('validate', file('huge-key.json', JSON.stringify({ ...base, ['键'.repeat(2_000_000)]: 1 })));
    expect(huge.code).toBe(2);
    expect(huge.out).toMatch(/含有本格式没有的项目：键{30}…/);
    expect(huge.out.length).toBeLessThan(1000);
  });

  test('a cell longer than Excel allows is named with its sheet and cell', async () => {
    const files = unzipSync(new Uint8Array(await toBuffer(fillTemplate(base))));
    const sheet = Object.keys(files).find((k) => /worksheets\/sheet\d+\.xml$/.test(k) && strFromU8(files[k]!).includes('<c r="D6"') && strFromU8(files[k]!).includes('r="J30"'))!;
    files[sheet] = strToU8(strFromU8(files[sheet]!).replace(/<c r="D6"[^>]*?(\/>|>[\s\S]*?<\/c>)/, `<c r="D6" t="inlineStr"><is><t>${'字'.repeat(40_000)}</t></is></c>`));
    await expect(readWorkbookBuffer(zipSync(files))).rejects.toThrow(/^表三!D6 的文字有 40000 个字符，超过 Excel 单元格的上限/);
  });

  test('the hint for a #REF! cell says #REF!, not 0', () => {
    const broken = withCells(base, { 't3.resultTotal.natural': { error: '#REF!' } });
    const hints = validate(broken).hints;
    expect(hints.map((h) => h.message).join('\n')).toMatch(/（七）总计 · 自然人 很可能填错：现为 “#REF!”，若改为/);
    expect(hints.map((h) => h.message).join('\n')).not.toMatch(/现为 0/);
  });

  test('terminal escapes and line breaks in file and agency names are printed escaped', async () => {
    const evil = { ...base, metadata: { ...base.metadata, agencyName: '某局\u001b[31m红\n伪造的一行' } } as Report;
    const name = file('a\u001b[2Jb\nforged.json', JSON.stringify(evil));
    // A second, identical file is listed as left out: with its name and the agency's.
    const r = await run('aggregate', name, file('copy\u001b[0m.json', JSON.stringify(evil)), '-o', join(dir, 'sum.json'));
    expect(r.out).toMatch(/未计入/);
    const v = await run('validate', name);
    for (const text of [r.out + r.err, v.out]) {
      expect(text).not.toMatch(/\u001b/);
      expect(text).toMatch(/\\u001b/);
      expect(text).not.toMatch(/\n伪造的一行|\nforged/);
    }
  });
});

describe('property tests with hostile input', () => {
  test('the workbook reader: any damage to a workbook gives a Chinese WorkbookReadError or a report, never another exception', async () => {
    const good = new Uint8Array(await toBuffer(fillTemplate(base)));
    const parts = unzipSync(good);
    const names = Object.keys(parts).filter((n) => n.endsWith('.xml') || n.endsWith('.rels'));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names),
        fc.nat(),
        fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('<', '&', '<c r="ZZZZ9999999">', '<row r="-5">', '<v>1e400</v>', '<si>', '</sheetData>', '\u0000', '"')),
        fc.boolean(),
        async (part, at, junk, truncateZip) => {
          const copy = { ...parts };
          const xml = strFromU8(copy[part]!);
          const cut = at % (xml.length + 1);
          copy[part] = strToU8(xml.slice(0, cut) + junk + xml.slice(cut));
          let bytes = zipSync(copy);
          if (truncateZip) bytes = bytes.subarray(0, Math.max(4, at % bytes.length));
          try {
            const r = await readWorkbookBuffer(bytes);
            expect(r.report.format).toMatch(/^20(19|21)$/);
          } catch (e) {
            expect(e).toBeInstanceOf(WorkbookReadError);
            expect((e as Error).message).toMatch(/[\u4e00-\u9fff]/);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  test('the published-report reader: any text or HTML is read or refused in Chinese; a number read is one that was printed', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('<table>', '<tr>', '<td>', '</td>', '</tr>', '</table>', '|', '一、总体情况', '行政许可', '123', '-', '\n')), { maxLength: 120 }), (pieces) => {
        const text = pieces.join('');
        try {
          const r = importPublished(htmlToText(text), { agencyKind: 'county' });
          for (const t of ['t2', 't3', 't4'] as const) {
            for (const row of Object.values(r.report.tables[t] ?? {})) {
              for (const v of Object.values(row as Record<string, unknown>)) if (typeof v === 'number' && v !== 0) expect(text).toContain(String(v));
            }
          }
        } catch (e) {
          expect(e).toBeInstanceOf(WorkbookReadError);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('the folder walker: any tree of files, folders and links is walked once, inside the folder, each file once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ kind: fc.constantFrom('file', 'dir', 'link-up', 'link-self', 'link-file', 'link-out'), depth: fc.nat(3) }), { minLength: 1, maxLength: 25 }),
        (entries) => {
          const root = mkdtempSync(join(tmpdir(), 'xxgk-walk-'));
          const dirs = [root];
          const files: string[] = [];
          entries.forEach((e, i) => {
            const parent = dirs[Math.min(e.depth, dirs.length - 1)]!;
            const p = join(parent, `e${i}${e.kind === 'file' || e.kind === 'link-file' ? '.json' : ''}`);
            if (e.kind === 'file') writeFileSync(p, '{}'), files.push(p);
            else if (e.kind === 'dir') mkdirSync(p), dirs.push(p);
            else if (e.kind === 'link-up') symlinkSync(root, p);
            else if (e.kind === 'link-self') symlinkSync('.', p);
            else if (e.kind === 'link-out') symlinkSync('/usr/share', p);
            else if (files[0]) symlinkSync(files[0], p);
          });
          const found = collect([root]);
          const reals = found.map((f) => realpathSync(f));
          expect(new Set(reals).size).toBe(reals.length);
          for (const r of reals) expect(relative(realpathSync(root), r).startsWith('..')).toBe(false);
          expect(new Set(reals)).toEqual(new Set(files.map((f) => realpathSync(f))));
        },
      ),
      { numRuns: 60 },
    );
  });
});

test('fixtures are not modified by these tests', () => {
  expect(readFileSync(join(__dirname, '../../assets/samples/example-2021-corrected.json'), 'utf8')).toContain('示例县自然资源局');
});

test('a page past 2 MB is refused before it is parsed (the parser holds the whole tree), saying what to do', () => {
  const big = `<table>${'<tr><td>行政许可</td><td>0</td></tr>'.repeat(80_000)}</table>`;
  expect(big.length).toBeGreaterThan(2 * 1024 * 1024);
  expect(() => htmlToText(big)).toThrow(/网页过大（.* MB，上限 2 MB）.*把正文复制为文本文件后导入/);
});

test('1.3 MB of deeply nested HTML tables is read in linear time and bounded depth', () => {
  const text = htmlToText(nestedTablesHtml(1_300_000));
  // Every table's rows once: no row is repeated inside its enclosing table's text.
  expect(text.split('\n').every((l) => l.length < 2000)).toBe(true);
  // Unclosed nesting, on which the HTML parser is slow, is refused before parsing.
  expect(() => htmlToText('<div>'.repeat(100_000) + 'x')).toThrow(/嵌套超过 500 层/);
  expect(htmlToText(`${'<div>'.repeat(490)}行政许可${'</div>'.repeat(490)}`)).toBe('行政许可');
});
