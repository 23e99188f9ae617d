/**
 * Published reports as real sites print them: blanks, titles behind page headers, headings run
 * into one line, values split only by spaces, lone “|” cells — and the reading issues kept with the
 * imported report, in its JSON and in its workbook.
 */
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { validate, type Report } from '../../src/model';
import { importPublished } from '../../src/import/published';
import { renderHtml } from '../../src/publish/render-html';
import { htmlToText } from '../../src/import/html-text';
import { readWorkbookBuffer } from '../../src/sheet/xlsx/open';
import { sampleReport, withCells } from '../helpers/reports';
import { runCli } from '../helpers/cli';

const corrected = sampleReport('example-2021-corrected');
const text = (r: Report) => htmlToText(renderHtml(r));
const kind = { agencyKind: 'department' as const };

const run = runCli;

describe('importing published reports faithfully', () => {
  test('a blank cell stays blank (CELL-BLANK when validated); only “-”, “/”, “无” are read as 0, each noted', () => {
    const printed = text(withCells(corrected, { 't3.new.research': null }))
      .replace(/^(\| 二、上年结转政府信息公开申请数量 \|)( \d+ \|)/m, '$1 - |');
    const r = importPublished(printed, kind);
    expect(r.report.tables.t3.new!.research).toBeNull();
    expect(r.report.tables.t3.carriedOver!.natural).toBe(0);
    expect(r.issues.filter((i) => i.ruleId === 'FORM-ZERO-VARIANT').map((i) => i.cells[0])).toEqual(['t3.carriedOver.natural']);
    const result = validate(r.report, { reading: r.issues });
    expect(result.issues.filter((i) => i.ruleId === 'CELL-BLANK').map((i) => i.cells[0])).toEqual(['t3.new.research']);
  });

  test('the agency name: from the title after page headers and “#”; left blank with a warning when the title is a sentence', () => {
    const body = text(corrected).split('\n').slice(1).join('\n');
    for (const header of ['# 示例县自然资源局2024年政府信息公开工作年度报告', '索引号：11340000-2025-0001 示例县自然资源局2024年政府信息公开工作年度报告', '1/12 示例县自然资源局2024年政府信息公开工作年度报告']) {
      const r = importPublished(`${header}\n${body}`, kind);
      expect([header, r.report.metadata.agencyName, r.report.metadata.year]).toEqual([header, '示例县自然资源局', 2024]);
    }
    const sentence = importPublished(`根据《条例》规定，现公布本机关2024年政府信息公开工作年度报告\n${body}`, kind);
    expect(sentence.report.metadata.agencyName).toBe('');
    expect(sentence.report.metadata.year).toBe(2024);
    expect(sentence.issues.find((i) => i.ruleId === 'FORM-VALUE')!.message).toMatch(/机关名称“根据《条例》规定，现公布本机关”无法识别/);
  });

  test('a page whose text is one long line: the narrative is found; a text without headings says so', () => {
    const lines = text(corrected).split('\n');
    const narrativeOnly = lines.filter((l) => !l.startsWith('|'));
    const oneLine = importPublished(narrativeOnly.join(' '), kind);
    expect(oneLine.report.narrative!.problems).toContain(corrected.narrative!.problems!.split('\n')[0]!.trim().slice(0, 10));
    expect(oneLine.issues.map((i) => i.ruleId)).not.toContain('FORM-NO-NARRATIVE');
    const none = importPublished(lines.filter((l) => l.startsWith('|')).join('\n'), kind);
    expect(none.issues.find((i) => i.ruleId === 'FORM-NO-NARRATIVE')!.message).toMatch(/一、总体情况.*五、存在的主要问题及改进情况/);
  });

  test('headings with words added or dropped, and the older wording of the 表四 heading', () => {
    const printed = text(corrected)
      .replace('五、存在的主要问题及改进情况', '五、政府信息公开工作存在的主要问题和改进措施')
      .replace('四、政府信息公开行政复议、行政诉讼情况', '四、因政府信息公开工作被申请行政复议、提起行政诉讼的情况');
    const r = importPublished(printed, kind);
    expect(r.missing).toEqual([]);
    expect(r.report.tables.t4).toEqual(corrected.tables.t4);
    expect(r.report.narrative!.problems).toBe(importPublished(text(corrected), kind).report.narrative!.problems);
  });

  test('labels converted by mirror sites, words included (文件 → 檔案, 信息 → 資訊), are recognised and noted', () => {
    const printed = text(corrected).replace('| 行政规范性文件 |', '| 行政規範性檔案 |').replace('五、存在的主要问题及改进情况', '五、存在的主要問題及改進情況');
    const r = importPublished(printed, kind);
    expect(r.missing).toEqual([]);
    expect(r.report.tables.t2.normative).toEqual(corrected.tables.t2.normative);
    expect(r.issues.map((i) => [i.ruleId, 'found' in i.params ? i.params.found : ''])).toContainEqual(['FORM-LABEL-VARIANT', '行政規範性檔案']);
  });

  test('OCR and Markdown copies: labels without their enumeration mark, “,” for “、”, “#” before headings', () => {
    const printed = text(corrected)
      .replace('| （一）予以公开 |', '| 予以公开 |')
      .replace('| 1.属于国家秘密 |', '| 1,属于国家秘密 |')
      .replace('一、总体情况', '## 一、总体情况')
      .replace('四、政府信息公开行政复议、行政诉讼情况', '# 四,政府信息公开行政复议、行政诉讼情况');
    const r = importPublished(printed, kind);
    expect(r.missing).toEqual([]);
    expect(r.report.tables).toEqual(corrected.tables);
    expect(r.report.narrative!.overview).toBe(importPublished(text(corrected), kind).report.narrative!.overview);
    expect(r.issues.map((i) => 'found' in i.params && i.params.found)).toContain('予以公开');
  });

  test('values separated only by spaces, a lone “|” for a blank cell, blank cells before the next row’s label', () => {
    const printed = text(corrected);
    const row = /^\| 二、上年结转政府信息公开申请数量 \|(.*)\|$/m.exec(printed)!;
    const values = row[1]!.split('|').map((v) => v.trim());
    const spaced = printed.replace(row[0], `二、上年结转政府信息公开申请数量\n${values.join(' ')}`);
    expect(importPublished(spaced, kind).report.tables.t3.carriedOver).toEqual(corrected.tables.t3.carriedOver);
    // 表二's 行政许可 row printed one cell a line, its value cell a lone “|”: blank, and nothing shifts.
    const t2 = /^\| 行政许可 \| (\d+) \|$/m.exec(printed)!;
    const lone = printed.replace(t2[0], '行政许可\n|');
    const r = importPublished(lone, kind);
    expect(r.report.tables.t2.license!.decisions).toBeNull();
    expect(r.report.tables.t2.penalty).toEqual(corrected.tables.t2.penalty);
  });

  test('the import’s reading issues are kept: validating its JSON or its workbook later shows them, and the workbook’s totals are the printed ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-import-'));
    // A printed total that does not add up, and a zero written “/”.
    const printed = text(withCells(corrected, { 't3.resultTotal.natural': (corrected.tables.t3.resultTotal!.natural as number) + 1 })).replace(/^(\| 二、上年结转政府信息公开申请数量 \|)( \d+ \|)/m, '$1 / |');
    const src = join(dir, 'page.txt');
    require('fs').writeFileSync(src, printed);
    expect((await run('import', src, '-o', join(dir, 'r.json'), '--kind', 'department')).code).toBe(0);
    expect((await run('import', src, '-o', join(dir, 'r.xlsx'), '--kind', 'department')).code).toBe(0);
    const fromJson = JSON.parse((await run('validate', '--json', join(dir, 'r.json'))).out);
    const fromXlsx = JSON.parse((await run('validate', '--json', join(dir, 'r.xlsx'))).out);
    const rules = (v: { issues: { ruleId: string; cells: string[] }[] }) => v.issues.map((i) => `${i.ruleId} ${i.cells[0] ?? ''}`).sort();
    expect(rules(fromJson)).toContain('FORM-ZERO-VARIANT t3.carriedOver.natural');
    expect(rules(fromXlsx)).toEqual(rules(fromJson));
    // The printed (wrong) total, as printed, in both: a reviewer sees the mistake.
    expect(rules(fromXlsx)).toContain('T3-RESULT-TOTAL t3.resultTotal.natural');
    expect(rules(fromXlsx).some((r) => r.startsWith('FORM-FORMULA-REPLACED'))).toBe(false);
    const wb = await readWorkbookBuffer(readFileSync(join(dir, 'r.xlsx')));
    expect(wb.report.tables.t3.resultTotal!.natural).toBe((corrected.tables.t3.resultTotal!.natural as number) + 1);
  });
});

describe('rows whose digits ran together', () => {
  const fc = require('fast-check') as typeof import('fast-check');
  const { consistentReport } = require('../helpers/reports') as typeof import('../helpers/reports');
  const { getFormat } = require('../../src/model') as typeof import('../../src/model');

  /** The printed text with some table rows' cells run together (`label` then digits) or spaced. */
  function flatten(printed: string, pick: (k: number) => 'digits' | 'spaces' | 'labelDigits' | 'keep'): string {
    let k = 0;
    return printed
      .split('\n')
      .map((line) => {
        if (!line.startsWith('| ')) return line;
        const parts = line.slice(1, -1).split('|').map((c) => c.trim());
        const first = parts.findIndex((c) => /^\d+$/.test(c));
        // A row with a blank cell keeps its cells: a run of digits cannot show where a blank was.
        if (first < 1 || !parts.slice(first).every((c) => /^\d+$/.test(c)) || parts.slice(0, first).some((c) => c === '')) return line;
        const labels = parts.slice(0, first);
        const cells = parts.slice(first);
        const head = labels.slice(0, -1).map((l) => `| ${l} |\n`).join('');
        const label = labels[labels.length - 1]!;
        const how = pick(k++);
        if (how === 'digits') return `${head}${label}\n${cells.join('')}`;
        if (how === 'labelDigits') return `${head}${label}${cells.join('')}`;
        if (how === 'spaces') return `${head}${label}\n${cells.join(' ')}`;
        return line;
      })
      .join('\n');
  }

  test('a number beside an unreadable cell is not a run of digits (found by the round-trip property test)', () => {
    const report = withCells(consistentReport('2019', Array(300).fill(0)), { 't2.fees.prevProjects': 10, 't2.fees.change': { error: '#REF!' } });
    const r = importPublished(text(report), kind);
    expect(r.report.tables.t2.fees).toEqual({ prevProjects: 10, change: null });
    expect(r.missing).toEqual(['t2.fees.change']);
  });

  test('a 表三 row printed as one run of digits is split by its arithmetic, and flagged', () => {
    const report = consistentReport('2021', Array.from({ length: 300 }, (_, i) => (i * 37) % 23));
    const printed = text(report);
    const row = /^\| 三、本年度办理结果 \| （一）予以公开 \|((?: \d+ \|)+)$/m.exec(printed)!;
    const digits = row[1]!.split('|').map((c) => c.trim()).filter(Boolean).join('');
    const r = importPublished(printed.replace(row[0], `三、本年度办理结果\n（一）予以公开${digits}`), kind);
    expect(r.report.tables.t3.disclosed).toEqual(report.tables.t3.disclosed);
    const flag = r.issues.find((i) => i.ruleId === 'FORM-DIGITS-SPLIT')!;
    expect(flag.cells).toHaveLength(7);
    expect(flag.message).toContain(`“${digits}”`);
  });

  test('property: rows run together, spaced or kept — every cell imports as printed or is listed missing, never a different number', () => {
    let runs = 0;
    let recovered = 0;
    let total = 0;
    fc.assert(
      fc.property(
        fc.constantFrom('2019', '2021'),
        fc.array(fc.nat(60), { minLength: 300, maxLength: 300 }),
        fc.array(fc.constantFrom('digits', 'spaces', 'labelDigits', 'keep'), { minLength: 60, maxLength: 60 }),
        fc.array(fc.nat(299), { maxLength: 6 }),
        fc.boolean(),
        (format, nums, hows, blanks, oneLineNarrative) => {
          runs++;
          const consistent = consistentReport(format as '2019' | '2021', nums);
          // Some cells left blank in the published table.
          const f0 = getFormat(consistent.format);
          const report = withCells(consistent, Object.fromEntries(blanks.map((i) => [f0.cells[i % f0.cells.length]!.id, null])));
          let printed = flatten(text(report), (k) => hows[k % hows.length]!);
          // A blank cell printed as a line holding only “|”, and the narrative run into one line.
          printed = printed.replace(/^\| ([^|]+) \|  \|$/m, '$1\n|');
          if (oneLineNarrative) printed = printed.split('\n').map((l, i, a) => (l.startsWith('|') || i === a.length - 1 ? `${l}\n` : `${l} `)).join('');
          const r = importPublished(printed, kind);
          const f = getFormat(report.format);
          for (const c of f.cells) {
            const got = (r.report.tables as Record<string, Record<string, Record<string, unknown>>>)[c.table]?.[c.row]?.[c.col];
            const want = (report.tables as Record<string, Record<string, Record<string, unknown>>>)[c.table]?.[c.row]?.[c.col];
            if (r.missing.includes(c.id)) expect([c.id, got]).toEqual([c.id, null]);
            else expect([c.id, got]).toEqual([c.id, want]);
          }
          // Every recovered cell is flagged.
          const flagged = new Set(r.issues.filter((i) => i.ruleId === 'FORM-DIGITS-SPLIT').flatMap((i) => i.cells));
          if (hows.some((h) => h === 'digits' || h === 'labelDigits')) expect(flagged.size + r.missing.length).toBeGreaterThan(0);
          recovered += flagged.size;
          total += f.cells.length;
        },
      ),
      { numRuns: 60 },
    );
    // The search does recover cells (not only list them as missing).
    expect(runs).toBe(60);
    expect(recovered).toBeGreaterThan(total * 0.05);
  });
});
