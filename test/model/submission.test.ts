import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync } from 'fs';
import { join } from 'path';
import { fromSubmission, getFormat, parseReport, reportHash, toSubmission, validate, type Report } from '../../src/model';
import { generatedAssets } from '../../scripts/generated-assets';
import { consistentReport, withCells } from '../helpers/reports';

const root = join(__dirname, '../..');
const sample = (): Report => {
  const p = parseReport(JSON.parse(readFileSync(join(__dirname, '../../assets/samples/xiangshan-hrss-2020.json'), 'utf8')));
  if (!p.ok) throw new Error('fixture');
  return p.value;
};

/** A report with something of everything: text in cells, an error value, a narrative, an explanation. */
function messy(): Report {
  const r = withCells(consistentReport('2021', [3, 1, 4, 1, 5, 9, 2, 6]), {
    't3.disclosed.natural': '１２',
    't2.fees.feeAmount': 12.75,
    't4.review.pending': { error: '#REF!' },
    't3.partial.research': null,
  });
  return {
    ...r,
    metadata: { ...r.metadata, creditCode: '91350100M000100Y43', preparer: '张三', phone: '0551-12345678', date: '2025-01-20' },
    narrative: { overview: '全年共收到政府信息公开申请99件。', problems: '无', other: '本年度未收取信息处理费。' },
    explanations: [{ ruleId: 'NARRATIVE-FIGURES', cell: 't3.new.total', text: '正文含咨询类来件。' }],
  } as Report;
}

describe('submission JSON', () => {
  test('export → import is lossless, for a clean report and a messy one', () => {
    for (const report of [sample(), messy()]) {
      const doc = toSubmission(report, { exportedAt: '2025-01-20T08:00:00Z', generator: { name: 'xxgk', version: '0.1.0' } });
      const back = fromSubmission(JSON.parse(JSON.stringify(doc)));
      expect(back.ok).toBe(true);
      if (!back.ok) return;
      expect(back.value.report).toEqual(report);
      expect(toSubmission(back.value.report, { exportedAt: '2025-01-20T08:00:00Z', generator: { name: 'xxgk', version: '0.1.0' } })).toEqual(doc);
    }
  });

  test('the document carries format, versions, metadata, tables by id, the validation and its explanations', () => {
    const report = messy();
    const doc = toSubmission(report);
    const result = validate(report);
    expect(doc).toMatchObject({
      kind: 'xxgk-annual-report',
      schemaVersion: '1.0',
      format: '2021',
      rulesVersion: result.rulesVersion,
      metadata: report.metadata,
      tables: { t3: { disclosed: { natural: '１２' } }, t4: { review: { pending: { error: '#REF!' } } } },
      validation: { valid: false, counts: result.counts },
      integrity: { algorithm: 'SHA-256', canonicalization: 'RFC8785', sha256: reportHash(report) },
    });
    expect(doc.validation.issues.map((i) => i.ruleId)).toEqual(result.issues.map((i) => i.ruleId));
    const explained = doc.validation.issues.find((i) => i.ruleId === 'NARRATIVE-FIGURES');
    expect(explained?.explanation).toBe('正文含咨询类来件。');
    // Every table cell id in the export is a cell of the format, so its label can be looked up.
    const f = getFormat('2021');
    for (const [t, rows] of Object.entries(doc.tables)) {
      for (const [row, cols] of Object.entries(rows as Record<string, Record<string, unknown>>)) {
        for (const col of Object.keys(cols)) expect(f.byId.get(`${t}.${row}.${col}`)).toBeDefined();
      }
    }
  });

  test('the checksum covers the data: a changed number is refused on import, with a Chinese message', () => {
    const doc = JSON.parse(JSON.stringify(toSubmission(sample())));
    doc.tables.t3.new.natural = 1;
    const back = fromSubmission(doc);
    expect(back.ok).toBe(false);
    if (back.ok) return;
    expect(back.problems[0]!.message).toContain('SHA-256');
  });

  test('the hash is independent of key order and of the envelope', () => {
    const r = sample();
    const reordered = { tables: r.tables, metadata: { year: r.metadata.year, agencyKind: r.metadata.agencyKind, agencyName: r.metadata.agencyName }, narrative: r.narrative, format: r.format } as Report;
    expect(reportHash(reordered)).toBe(reportHash(r));
    expect(reportHash(withCells(r, { 't3.new.natural': 1 }))).not.toBe(reportHash(r));
  });

  test('wrongly shaped input gets Chinese problems naming the place', () => {
    const doc = JSON.parse(JSON.stringify(toSubmission(sample())));
    doc.tables.t3.new.natural = [1];
    delete doc.metadata.agencyName;
    const back = fromSubmission(doc);
    expect(back.ok).toBe(false);
    if (back.ok) return;
    expect(back.problems.map((p) => p.message).sort()).toEqual(['基本信息 机关名称：缺少此项', '表三 一、本年新收政府信息公开申请数量 · 自然人：应为数字、文字或留空'].sort());
    expect(fromSubmission('not json').ok).toBe(false);
    expect(fromSubmission(null).ok).toBe(false);
  });
});

describe('published JSON Schema and format catalogue', () => {
  test('the files under assets/ are what the model generates (run `npm run gen:assets` after a change)', () => {
    for (const [file, content] of Object.entries(generatedAssets())) {
      expect([file, readFileSync(join(root, file), 'utf8')]).toEqual([file, content]);
    }
  });

  test('exports validate against the published JSON Schema; a broken one does not', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const check = ajv.compile(JSON.parse(readFileSync(join(root, 'assets/submission.schema.json'), 'utf8')));
    for (const report of [sample(), messy(), consistentReport('2019', [7, 7, 7])]) {
      const doc = toSubmission(report);
      expect([check(doc), check.errors ?? []]).toEqual([true, []]);
    }
    const bad = JSON.parse(JSON.stringify(toSubmission(sample())));
    bad.tables.t3.new.unknownColumn = 1;
    expect(check(bad)).toBe(false);
    const wrongFormat = JSON.parse(JSON.stringify(toSubmission(sample())));
    wrongFormat.format = '2021';
    expect(check(wrongFormat)).toBe(false);
  });
});
