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

  test('a duplicate unit (same 机关名称 or 统一社会信用代码) is reported and not summed twice', () => {
    const sameName = { ...c, metadata: { ...c.metadata, agencyName: ' 示例县教育局' } } as Report;
    const withCode = (r: Report, code: string) => ({ ...r, metadata: { ...r.metadata, creditCode: code } }) as Report;
    const out = aggregate([
      { source: 'a.xlsx', report: withCode(a, '91350100M000100Y43') },
      { source: 'a-again.json', report: sameName },
      { source: 'b.xlsx', report: withCode(b, '91350100M000100Y43') },
    ]);
    if (!out.ok) throw new Error('');
    expect(out.units.map((u) => [u.source, u.included, u.duplicateOf])).toEqual([
      ['a.xlsx', true, undefined],
      ['a-again.json', false, 'a.xlsx'],
      ['b.xlsx', false, 'a.xlsx'],
    ]);
    // Only the first is summed.
    expect(out.report.tables.t3.new!.total).toBe(a.tables.t3.new!.total);
    expect(out.report.metadata.agencyName).toBe('汇总（1 个单位）');
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
