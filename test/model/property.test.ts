import fc from 'fast-check';
import { getFormat, validate, type FormatId } from '../../src/model';
import { consistentReport, freeCellCount, withCells } from '../helpers/reports';

const ARITHMETIC = ['T3-ROW-TOTAL', 'T3-RESULT-TOTAL', 'T3-BALANCE', 'T4-GROUP-TOTAL'];
const format = fc.constantFrom<FormatId>('2019', '2021');
const report = format.chain((f) =>
  fc.array(fc.oneof(fc.constant(0), fc.nat(30), fc.nat(100_000)), { minLength: freeCellCount(f), maxLength: freeCellCount(f) }).map((nums) => consistentReport(f, nums)),
);

describe('properties', () => {
  test('a randomly generated consistent report passes every arithmetic rule (and every other rule)', () => {
    fc.assert(
      fc.property(report, (r) => {
        const result = validate(r);
        expect(result.issues.filter((i) => ARITHMETIC.includes(i.ruleId))).toEqual([]);
        expect(result.valid).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('changing any single numeric cell of 表三 or 表四 yields an error naming that cell', () => {
    const changed = report.chain((r) => {
      const cells = getFormat(r.format).cells.filter((c) => c.table !== 't2');
      return fc.record({
        r: fc.constant(r),
        cell: fc.constantFrom(...cells.map((c) => c.id)),
        delta: fc.integer({ min: -1000, max: 1000 }).filter((d) => d !== 0),
      });
    });
    fc.assert(
      fc.property(changed, ({ r, cell, delta }) => {
        const f = getFormat(r.format);
        const c = f.byId.get(cell)!;
        const old = (r.tables as unknown as Record<string, Record<string, Record<string, number>>>)[c.table]![c.row]![c.col]!;
        const result = validate(withCells(r, { [cell]: old + delta }));
        const naming = result.issues.filter((i) => i.severity === 'error' && i.cells.includes(cell));
        expect(naming.length).toBeGreaterThan(0);
        expect(result.valid).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  test('validation never throws, whatever the cells hold', () => {
    const junk = fc.oneof(
      fc.constant(null),
      fc.string(),
      fc.double(),
      fc.integer(),
      fc.constantFrom('无', '-', '/', '—', '１２', ' 3 ', '#REF!', '1e3', '0x10', ''),
      fc.record({ error: fc.string() }),
    );
    const input = report.chain((r) =>
      fc.record({ r: fc.constant(r), changes: fc.dictionary(fc.constantFrom(...getFormat(r.format).cells.map((c) => c.id)), junk, { maxKeys: 20 }) }),
    );
    fc.assert(
      fc.property(input, ({ r, changes }) => {
        const result = validate(withCells(r, changes));
        expect(result.counts.error + result.counts.warning + result.counts.info).toBe(result.issues.length);
        for (const i of result.issues) expect(i.message).toMatch(/[\u4e00-\u9fff]/);
      }),
      { numRuns: 300 },
    );
  });
});
