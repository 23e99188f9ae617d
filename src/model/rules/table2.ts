import type { CompiledFormat } from '../formats';
import { AGENCY_KINDS } from '../metadata';
import type { RuleCheck } from './types';
import { tableName } from './where';

/** Rows of table 二 having all the given columns: [row id, row label, cell index per column]. */
function rowsWith(format: CompiledFormat, cols: readonly string[]): { row: string; label: string; ix: number[] }[] {
  const out: { row: string; label: string; ix: number[] }[] = [];
  const rows = new Set(format.cells.filter((c) => c.table === 't2').map((c) => c.row));
  for (const row of rows) {
    const ix = cols.map((col) => format.byId.get(`t2.${row}.${col}`)?.index ?? -1);
    if (ix.every((i) => i >= 0)) out.push({ row, label: format.cells[ix[0]!]!.rowTitle, ix });
  }
  return out;
}

const cache = new WeakMap<CompiledFormat, Record<string, ReturnType<typeof rowsWith>>>();
function rowsCached(format: CompiledFormat, key: string, cols: readonly string[]) {
  let m = cache.get(format);
  if (!m) cache.set(format, (m = {}));
  return (m[key] ??= rowsWith(format, cols));
}

export const table2Checks: RuleCheck = {
  rules: ['T2-2019-PUBLISHED', 'T2-2019-PROJECTS', 'T2-2021-IN-FORCE', 'T2-RULES-AUTHORITY'],
  check(ctx) {
    const { format, values, report } = ctx;
    const table = tableName(format, 't2');
    for (const r of rowsCached(format, 'published', ['published', 'totalPublished'])) {
      const [published, total] = r.ix.map((i) => values[i]!) as [number, number];
      if (published > total) ctx.emit('T2-2019-PUBLISHED', 't2', r.ix, { table, row: r.label, published, total });
    }
    for (const r of rowsCached(format, 'projects', ['prevProjects', 'change'])) {
      const [prev, change] = r.ix.map((i) => values[i]!) as [number, number];
      if (prev + change < 0) ctx.emit('T2-2019-PROJECTS', 't2', r.ix, { table, row: r.label, prev, change, result: prev + change });
    }
    for (const r of rowsCached(format, 'inForce', ['issued', 'repealed', 'inForce'])) {
      const [issued, repealed, inForce] = r.ix.map((i) => values[i]!) as [number, number, number];
      if (inForce < issued - repealed) {
        ctx.emit('T2-2021-IN-FORCE', 't2', [r.ix[2]!, r.ix[0]!, r.ix[1]!], { table, row: r.label, issued, repealed, inForce });
      }
    }
    const kind = AGENCY_KINDS.find((k) => k.id === report.metadata.agencyKind);
    if (kind && !kind.makesRules) {
      const ruleCells = format.cells.filter((c) => c.table === 't2' && c.row === 'rules' && values[c.index]! > 0);
      if (ruleCells.length > 0) {
        ctx.emit(
          'T2-RULES-AUTHORITY',
          't2',
          ruleCells.map((c) => c.index),
          {
            kind: kind.label,
            cells: ruleCells.map((c) => `${c.colLabel} ${values[c.index]}`).join('，'),
            total: Math.max(...ruleCells.map((c) => values[c.index]!)),
          },
        );
      }
    }
  },
};
