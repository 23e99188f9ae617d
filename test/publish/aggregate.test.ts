import { aggregate, getFormat, validate, type Report } from '../../src/model';
import { aggregateWorkbook, SUMMARY_SHEET } from '../../src/workbook/aggregate-workbook';
import { readWorkbookBuffer } from '../../src/sheet/xlsx/open';
import { consistentReport, withCells } from '../helpers/reports';
import { toBuffer } from '../helpers/workbooks';

const unit = (name: string, seed: number, year = 2024): Report => {
  const r = consistentReport('2021', Array.from({ length: 300 }, (_, i) => ((i * seed) % 7) + (i % 3)), year);
  // Departments make no 规章.
  const noRules = withCells(r, { 't2.rules.issued': 0, 't2.rules.repealed': 0, 't2.rules.inForce': 0 });
  return { ...noRules, metadata: { ...r.metadata, agencyName: name, agencyKind: 'department' } } as Report;
};

describe('汇总 (aggregate)', () => {
  const a = unit('示例县教育局', 3);
  const b = unit('示例县卫生健康委员会', 5);
  const c = unit('示例县交通运输局', 11);

  test('three consistent reports: the cell-wise sum, which itself validates', () => {
    const agg = aggregate([
      { source: 'a.xlsx', report: a },
      { source: 'b.xlsx', report: b },
      { source: 'c.xlsx', report: c },
    ]);
    if (!agg.ok) throw new Error(agg.problems.join());
    for (const cell of getFormat('2021').cells) {
      const get = (r: Report) => (r.tables as unknown as Record<string, Record<string, Record<string, number>>>)[cell.table]![cell.row]![cell.col]!;
      expect([cell.id, get(agg.report)]).toEqual([cell.id, Math.round((get(a) + get(b) + get(c)) * 1e6) / 1e6]);
    }
    expect(agg.result.valid).toBe(true);
    expect(validate(agg.report).counts.error).toBe(0);
    expect(agg.report.metadata).toEqual({ agencyName: '汇总（3 个单位）', agencyKind: 'department', year: 2024 });
  });

  test('a unit with errors appears in the unit × rule matrix, left out of the sum unless asked', () => {
    const bad = withCells(b, { 't4.review.total': 99, 't2.license.decisions': '无' });
    const units = [
      { source: 'a.xlsx', report: a },
      { source: 'b.xlsx', report: bad },
    ];
    const out = aggregate(units);
    if (!out.ok) throw new Error('');
    expect(out.units.map((u) => [u.source, u.included, u.excluded, u.rules])).toEqual([
      ['a.xlsx', true, undefined, {}],
      ['b.xlsx', false, 'errors', { 'T4-GROUP-TOTAL': 1, 'CELL-TEXT': 1 }],
    ]);
    expect(out.rules).toEqual(['CELL-TEXT', 'T4-GROUP-TOTAL']);
    expect(out.report.tables.t3.new!.total).toBe(a.tables.t3.new!.total);
    const withErrors = aggregate(units, { includeErrors: true });
    if (!withErrors.ok) throw new Error('');
    expect(withErrors.units[1]!.included).toBe(true);
    expect(withErrors.report.tables.t3.new!.total).toBe((a.tables.t3.new!.total as number) + (b.tables.t3.new!.total as number));
  });

  test('one report per unit (统一社会信用代码 or 机关名称): two valid files that differ are refused, naming both', () => {
    const sameName = { ...c, metadata: { ...c.metadata, agencyName: ' 示例县教育局' } } as Report;
    const withCode = (r: Report, code: string) => ({ ...r, metadata: { ...r.metadata, creditCode: code } }) as Report;
    const units = [
      { source: 'a.xlsx', report: withCode(a, '91350100M000100Y43'), modified: Date.UTC(2025, 0, 10) },
      { source: 'a-again.json', report: sameName, modified: Date.UTC(2025, 0, 12) },
      { source: 'b.xlsx', report: withCode(b, '91350100M000100Y43'), modified: Date.UTC(2025, 0, 11) },
    ];
    const refused = aggregate(units);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.problems.join('\n')).toMatch(/示例县教育局.*3 份都通过校验但内容不同.*a-again\.json（修改于 2025-01-12 00:00）.*b\.xlsx.*a\.xlsx.*--prefer newest/);
    // With --prefer newest: the newest is summed, the others listed as replaced by it.
    const newest = aggregate(units, { prefer: 'newest' });
    if (!newest.ok) throw new Error(newest.problems.join());
    expect(newest.units.map((u) => [u.source, u.included, u.excluded, u.duplicateOf])).toEqual([
      ['a.xlsx', false, 'replaced', 'a-again.json'],
      ['a-again.json', true, undefined, undefined],
      ['b.xlsx', false, 'replaced', 'a-again.json'],
    ]);
    expect(newest.report.tables.t3.new!.total).toBe(c.tables.t3.new!.total);
    expect(newest.report.metadata.agencyName).toBe('汇总（1 个单位）');
  });

  test('a corrected resubmission replaces the unit’s failed file, whichever comes first; identical files count once', () => {
    const failed = withCells(a, { 't3.new.natural': (a.tables.t3.new!.natural as number) + 1 });
    for (const order of [0, 1]) {
      const files = [
        { source: 'a-v1.xlsx', report: failed, modified: Date.UTC(2025, 0, 5) },
        { source: 'a-v2.xlsx', report: a, modified: Date.UTC(2025, 0, 9) },
      ];
      const out = aggregate(order ? [...files].reverse() : files);
      if (!out.ok) throw new Error(out.problems.join());
      expect(out.units.find((u) => u.source === 'a-v2.xlsx')!.included).toBe(true);
      expect(out.units.find((u) => u.source === 'a-v1.xlsx')).toMatchObject({ included: false, excluded: 'replaced', duplicateOf: 'a-v2.xlsx' });
      expect(out.result.valid).toBe(true);
      expect(out.report.tables.t3.new!.total).toBe(a.tables.t3.new!.total);
    }
    const twice = aggregate([
      { source: 'a.xlsx', report: a },
      { source: 'copy of a.xlsx', report: a },
      { source: 'b.xlsx', report: b },
    ]);
    if (!twice.ok) throw new Error(twice.problems.join());
    expect(twice.units.map((u) => [u.source, u.excluded])).toEqual([
      ['a.xlsx', 'duplicate'],
      ['copy of a.xlsx', undefined],
      ['b.xlsx', undefined],
    ]);
    expect(twice.report.tables.t3.new!.total).toBe((a.tables.t3.new!.total as number) + (b.tables.t3.new!.total as number));
  });

  test('a file that is itself a 汇总 is not summed as a unit unless asked', () => {
    const sum = aggregate([
      { source: 'a.xlsx', report: a },
      { source: 'b.xlsx', report: b },
    ]);
    if (!sum.ok) throw new Error('');
    const again = aggregate([
      { source: 'a.xlsx', report: a },
      { source: 'b.xlsx', report: b },
      { source: '汇总.xlsx', report: sum.report, aggregate: true },
    ]);
    if (!again.ok) throw new Error(again.problems.join());
    expect(again.report.tables).toEqual(sum.report.tables);
    expect(again.units.find((u) => u.source === '汇总.xlsx')).toMatchObject({ included: false, excluded: 'aggregate' });
    const counted = aggregate(
      [
        { source: 'a.xlsx', report: a },
        { source: '汇总.xlsx', report: sum.report, aggregate: true },
      ],
      { includeAggregates: true },
    );
    if (!counted.ok) throw new Error(counted.problems.join());
    expect(counted.units.every((u) => u.included)).toBe(true);
  });

  test('mixed years or formats are refused with a message listing the files', () => {
    const old = { ...consistentReport('2019', [1, 2, 3]), metadata: { agencyName: '示例县水利局', year: 2020 } } as Report;
    const out = aggregate([
      { source: 'a.xlsx', report: a },
      { source: 'old.xlsx', report: old },
      { source: 'b.xlsx', report: unit('示例县民政局', 7, 2023) },
    ]);
    expect(out).toEqual({
      ok: false,
      problems: ['这些报告的年度或格式不一致，不能汇总：', '  2024 年度 · 2021 版格式：a.xlsx', '  2020 年度 · 2019 版格式：old.xlsx', '  2023 年度 · 2021 版格式：b.xlsx'],
    });
  });

  test('the aggregate workbook: the template with the sums (readable like any report) and the matrix sheet', async () => {
    const out = aggregate([
      { source: 'a.xlsx', report: a },
      { source: 'b.xlsx', report: withCells(b, { 't4.review.total': 99 }) },
    ]);
    if (!out.ok) throw new Error('');
    const buf = await toBuffer(aggregateWorkbook(out));
    const read = await readWorkbookBuffer(buf);
    expect(read.report.tables).toEqual(out.report.tables);
    const wb = new (await import('exceljs')).default.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(SUMMARY_SHEET)!;
    expect(String(ws.getCell('A1').value)).toContain('含有错误的报告未计入');
    expect(ws.getRow(3).values).toEqual([undefined, '文件', '机关名称', '错误', '警告', '是否计入', '原因', 'T4-GROUP-TOTAL']);
    expect(ws.getRow(6).values).toEqual([undefined, 'b.xlsx', '示例县卫生健康委员会', 1, 0, '否', '有错误', 1]);
  });
});

describe('汇总 files are recognised when read back', () => {
  test('the aggregate workbook says so in its hidden sheet; a unit’s workbook does not', async () => {
    const a = consistentReport('2021', [1, 2, 3]);
    const sum = aggregate([{ source: 'a.xlsx', report: { ...a, metadata: { ...a.metadata, agencyName: '甲' } } as Report }]);
    if (!sum.ok) throw new Error(sum.problems.join());
    const back = await readWorkbookBuffer(await toBuffer(aggregateWorkbook(sum)));
    expect(back.aggregate).toBe(true);
    expect(back.report.tables).toEqual(sum.report.tables);
    const { fillTemplate } = await import('../../src/workbook/fill');
    expect((await readWorkbookBuffer(await toBuffer(fillTemplate(a)))).aggregate).toBe(false);
  });
});
