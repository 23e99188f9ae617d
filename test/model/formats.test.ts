import { readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve, sep } from 'path';
import { FORMAT_IDS, formatForYear, getFormat, SECTIONS } from '../../src/model';

const src = join(__dirname, '../../src');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('format definitions', () => {
  test('cell counts and exact labels of both formats (spec: report-format.md)', () => {
    const f19 = getFormat('2019');
    const f21 = getFormat('2021');
    const count = (f: typeof f19, t: string) => f.cells.filter((c) => c.table === t).length;
    expect([count(f19, 't2'), count(f19, 't3'), count(f19, 't4')]).toEqual([22, 23 * 7, 15]);
    expect([count(f21, 't2'), count(f21, 't3'), count(f21, 't4')]).toEqual([10, 25 * 7, 15]);
    expect(f21.byId.get('t2.fees.feeAmount')).toMatchObject({ kind: 'amount', colLabel: '本年收费金额（单位：万元）', group: '第二十条第（八）项' });
    expect(f19.byId.get('t2.penalty.change')).toMatchObject({ kind: 'signedCount', colLabel: '本年增/减', group: '第二十条第（六）项' });
    expect(f19.byId.get('t2.procurement.procurementAmount')).toMatchObject({ kind: 'amount', unit: '万元' });
    expect(f21.byId.get('t3.withheld.threeSafety.natural')).toMatchObject({ rowTitle: '（三）不予公开 3.危及“三安全一稳定”', rowRef: '三（三）3' });
    expect(f21.byId.get('t3.other.unpaidFee.total')!.rowTitle).toBe('（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请');
    expect(f19.byId.get('t3.other.total')!.rowTitle).toBe('（六）其他处理');
    expect(f19.byId.get('t3.other.unpaidFee.total')).toBeUndefined();
    expect(f21.byId.get('t4.litigationDirect.pending')).toMatchObject({ rowTitle: '行政诉讼·未经复议直接起诉', colLabel: '尚未审结' });
    expect(f21.tables.map((t) => [t.name, t.title])).toEqual(SECTIONS.filter((s) => 'table' in s).map((s) => [`表${s.heading[0]}`, s.heading]));
  });

  test('cell ids are unique and follow <table>.<row>.<column>', () => {
    for (const id of FORMAT_IDS) {
      const cells = getFormat(id).cells;
      expect(new Set(cells.map((c) => c.id)).size).toBe(cells.length);
      for (const c of cells) expect(c.id).toBe(`${c.table}.${c.row}.${c.col}`);
    }
  });

  test('the year decides the format', () => {
    expect([2019, 2020, 2021, 2024, 2030].map(formatForYear)).toEqual(['2019', '2019', '2021', '2021', '2021']);
  });

  test('no printed label is typed twice anywhere in src/', () => {
    const sources = files(src).map((p) => [p, readFileSync(p, 'utf8')] as const);
    const labels = new Set<string>();
    for (const id of FORMAT_IDS) {
      const f = getFormat(id);
      for (const c of f.cells) {
        labels.add(c.colLabel);
        for (const part of c.rowTitle.split(/ |·/)) labels.add(part);
      }
    }
    for (const s of SECTIONS) labels.add(s.heading);
    const repeated: string[] = [];
    for (const label of labels) {
      const literal = new RegExp(`['\`]${label.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}['\`]`, 'g');
      const hits = sources.flatMap(([p, text]) => (text.match(literal) ?? []).map(() => p));
      if (hits.length > 1) repeated.push(`${label}: ${hits.join(', ')}`);
    }
    expect(repeated).toEqual([]);
  });

  /** Code without comments and string contents: a word in prose or in a part name is not a use. */
  const code = (p: string) =>
    readFileSync(p, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '')
      .replace(/'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, "''");
  const HOST_WORDS = /\b(?:Office|Excel|document|window|process|require)\b\s*[.(]/;

  /** Each import of a folder's files: a package name, or the folder a relative import lands in. */
  const imports = (folder: string) =>
    files(join(src, folder)).flatMap((p) =>
      [...readFileSync(p, 'utf8').matchAll(/from '([^']+)'|import\('([^']+)'\)/g)].map((m) => {
        const spec = (m[1] ?? m[2])!;
        return { p, spec, target: spec.startsWith('.') ? relative(src, resolve(dirname(p), spec)).split(sep)[0]! : spec };
      }),
    );

  test('src/model imports nothing of Office, the DOM or Node, and nothing outside itself', () => {
    const allowed = /^(model|zod(\/locales)?|@noble\/hashes\/.*|canonicalize)$/;
    for (const { p, spec, target } of imports('model')) expect([p, spec, allowed.test(target)]).toEqual([p, spec, true]);
    for (const p of files(join(src, 'model'))) expect([p, HOST_WORDS.test(code(p))]).toEqual([p, false]);
  });

  test('src/sheet (layout, reader, xlsx, xls) is host-neutral: the model, the published-report reader, fflate, saxes and SheetJS only', () => {
    // version: the one constant an export records; import: a workbook not from the template is read by its labels.
    const allowed = /^(model|sheet|import|fflate|saxes|@e965\/xlsx|version)$/;
    for (const { p, spec, target } of imports('sheet')) expect([p, spec, allowed.test(target)]).toEqual([p, spec, true]);
    for (const p of files(join(src, 'sheet'))) expect([p, HOST_WORDS.test(code(p))]).toEqual([p, false]);
  });
});
