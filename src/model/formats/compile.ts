import { enumerationMark, SECTIONS } from '../sections';
import type { RuleId } from '../rules/ids';
import type { BlockTableDef, CellKind, ColumnDef, FormatDef, FormatId, GroupTableDef, MatrixTableDef, RowDef, TableDef, TableId } from './types';

/** One numeric cell of a format, flattened from the definition in printed order. */
export interface CellDef {
  /** Position in `CompiledFormat.cells` (printed order: table, row, column). */
  readonly index: number;
  /** Stable id: `<table>.<row>.<column>`. */
  readonly id: string;
  readonly table: TableId;
  readonly row: string;
  readonly col: string;
  readonly kind: CellKind;
  /** Row label as printed, with its group (（三）不予公开 1.属于国家秘密). */
  readonly rowTitle: string;
  /** Short reference used in messages (一, 三（七）总计, 三（三）1, 规章, 行政复议). */
  readonly rowRef: string;
  readonly colLabel: string;
  /** 表二: the block heading (第二十条第（一）项); 表三: the column group (法人或其他组织); 表四: 行政诉讼. */
  readonly group?: string;
  readonly unit?: string;
  /** Set for cells that are totals of other cells (filled by formula in the template). */
  readonly derived?: { readonly rule: RuleId; readonly of: readonly number[] };
}

/** A linear check: sum(lhs) = sum(rhs). Arithmetic rules are lists of these. */
export interface Equation {
  readonly rule: RuleId;
  readonly table: TableId;
  readonly lhs: readonly number[];
  readonly rhs: readonly number[];
  /** The row or column the check runs along, for the message. */
  readonly along: { readonly kind: 'row' | 'col'; readonly label: string };
}

export interface TableInfo {
  readonly id: TableId;
  /** 表二, 表三, 表四 */
  readonly name: string;
  /** Section heading (二、主动公开政府信息情况). */
  readonly title: string;
  readonly def: TableDef;
  /** Cell indices of this table, in printed order. */
  readonly cells: readonly number[];
}

export interface CompiledFormat {
  readonly id: FormatId;
  readonly def: FormatDef;
  readonly cells: readonly CellDef[];
  readonly byId: ReadonlyMap<string, CellDef>;
  readonly tables: readonly TableInfo[];
  readonly equations: readonly Equation[];
  /** Derived cells in an order where every cell comes after the cells it sums. */
  readonly derivedOrder: readonly number[];
  /** For reading values fast: the cells grouped by table row, in cell order. */
  readonly rowGroups: readonly { readonly table: TableId; readonly row: string; readonly cols: readonly string[]; readonly first: number }[];
}

interface LeafRow {
  readonly id: string;
  readonly title: string;
  readonly ref: string;
  readonly def: RowDef;
}

/** Flatten a row tree into rows with cells; heading rows give their mark to children but not their id. */
function leafRows(rows: readonly RowDef[], parent?: { id: string; title: string; mark: string }): LeafRow[] {
  const out: LeafRow[] = [];
  for (const row of rows) {
    const mark = (parent?.mark ?? '') + enumerationMark(row.label);
    if (row.children) {
      out.push(
        ...leafRows(row.children, {
          id: row.heading ? (parent?.id ?? '') : `${parent?.id ? `${parent.id}.` : ''}${row.id}`,
          title: row.heading ? '' : row.label,
          mark,
        }),
      );
      continue;
    }
    const id = parent?.id ? `${parent.id}.${row.id}` : row.id;
    const rest = row.label.slice(enumerationMark(row.label).length).replace(/^[、.]/, '');
    // References are enumeration marks (一, 三（三）1); a total row keeps its name (三（七）总计).
    const ref = mark === '' ? row.label : row.sumOfLeavesOf ? mark + rest : mark;
    out.push({ id, title: parent?.title ? `${parent.title} ${row.label}` : row.label, ref, def: row });
  }
  return out;
}

/** All leaf rows below the named heading (for 三（七）总计). */
function leavesBelow(rows: readonly RowDef[], headingId: string): string[] {
  const heading = rows.find((r) => r.id === headingId);
  if (!heading?.children) throw new Error(`format definition: no heading row ${headingId}`);
  return leafRows(heading.children)
    .filter((r) => !r.def.sumOfLeavesOf)
    .map((r) => r.id);
}

/** What a table's builder adds to: cells, the totals they are, and the equations they satisfy. */
interface Builder {
  add(table: TableId, row: string, rowTitle: string, rowRef: string, col: ColumnDef, group?: string): CellDef;
  ix(id: string): number;
  /** A derived cell: `cell` is the sum of `of`. */
  total(cell: string, rule: RuleId, of: string[]): void;
  equation(eq: Equation): void;
}

/** 表二: blocks of rows, each with its own columns; no sums. */
function compileBlocks(b: Builder, t: BlockTableDef): void {
  for (const block of t.blocks) {
    for (const row of block.rows) {
      for (const col of block.columns) b.add(t.id, row.id, row.label, row.label, col, block.label);
    }
  }
}

/** 表三: rows (with sub-rows) by applicant columns; row totals, the results' total and the balance of every column. */
function compileMatrix(b: Builder, t: MatrixTableDef): void {
  const rows = leafRows(t.rows);
  for (const row of rows) {
    for (const col of t.columns) b.add(t.id, row.id, row.title, row.ref, col, col.group);
  }
  for (const row of rows) {
    for (const col of t.columns) {
      if (!col.sumOf) continue;
      const of = col.sumOf.map((c) => `${t.id}.${row.id}.${c}`);
      b.total(`${t.id}.${row.id}.${col.id}`, 'T3-ROW-TOTAL', of);
      b.equation({ rule: 'T3-ROW-TOTAL', table: t.id, lhs: [b.ix(`${t.id}.${row.id}.${col.id}`)], rhs: of.map(b.ix), along: { kind: 'row', label: row.ref } });
    }
  }
  for (const tr of rows.filter((r) => r.def.sumOfLeavesOf)) {
    const leaves = leavesBelow(t.rows, tr.def.sumOfLeavesOf!);
    for (const col of t.columns) {
      const of = leaves.map((r) => `${t.id}.${r}.${col.id}`);
      // The total column of the total row is defined once, as a row total.
      if (!col.sumOf) b.total(`${t.id}.${tr.id}.${col.id}`, 'T3-RESULT-TOTAL', of);
      b.equation({ rule: 'T3-RESULT-TOTAL', table: t.id, lhs: [b.ix(`${t.id}.${tr.id}.${col.id}`)], rhs: of.map(b.ix), along: { kind: 'col', label: col.label } });
    }
  }
  for (const col of t.columns) {
    b.equation({
      rule: 'T3-BALANCE',
      table: t.id,
      lhs: t.balance.lhs.map((r) => b.ix(`${t.id}.${r}.${col.id}`)),
      rhs: t.balance.rhs.map((r) => b.ix(`${t.id}.${r}.${col.id}`)),
      along: { kind: 'col', label: col.label },
    });
  }
}

/** 表四: groups (行政复议, 行政诉讼 …) of result columns, each with its 总计. */
function compileGroups(b: Builder, t: GroupTableDef): void {
  for (const g of t.groups) {
    const title = g.parent ? `${g.parent}·${g.label}` : g.label;
    for (const col of t.columns) b.add(t.id, g.id, title, g.label, col, g.parent);
    for (const col of t.columns) {
      if (!col.sumOf) continue;
      const of = col.sumOf.map((c) => `${t.id}.${g.id}.${c}`);
      b.total(`${t.id}.${g.id}.${col.id}`, 'T4-GROUP-TOTAL', of);
      b.equation({ rule: 'T4-GROUP-TOTAL', table: t.id, lhs: [b.ix(`${t.id}.${g.id}.${col.id}`)], rhs: of.map(b.ix), along: { kind: 'row', label: title } });
    }
  }
}

export function compileFormat(def: FormatDef): CompiledFormat {
  const cells: CellDef[] = [];
  const byId = new Map<string, CellDef>();
  const tables: TableInfo[] = [];
  const equations: Equation[] = [];
  const pending: { cell: string; rule: RuleId; of: string[] }[] = [];

  const add = (table: TableId, row: string, rowTitle: string, rowRef: string, col: ColumnDef, group?: string): CellDef => {
    const cell: CellDef = {
      index: cells.length,
      id: `${table}.${row}.${col.id}`,
      table,
      row,
      col: col.id,
      kind: col.kind ?? 'count',
      rowTitle,
      rowRef,
      colLabel: col.label,
      ...(group ? { group } : {}),
      ...(col.unit ? { unit: col.unit } : {}),
    };
    if (byId.has(cell.id)) throw new Error(`format definition: duplicate cell id ${cell.id}`);
    cells.push(cell);
    byId.set(cell.id, cell);
    return cell;
  };
  const ix = (id: string): number => {
    const c = byId.get(id);
    if (!c) throw new Error(`format definition: unknown cell ${id}`);
    return c.index;
  };

  const builder: Builder = { add, ix, total: (cell, rule, of) => pending.push({ cell, rule, of }), equation: (eq) => equations.push(eq) };
  for (const t of def.tables) {
    const first = cells.length;
    const section = SECTIONS.find((s) => 'table' in s && s.table === t.id)!;
    if (t.kind === 'blocks') compileBlocks(builder, t);
    else if (t.kind === 'matrix') compileMatrix(builder, t);
    else compileGroups(builder, t);
    const name = `表${section.heading.slice(0, section.heading.indexOf('、'))}`;
    tables.push({ id: t.id, name, title: section.heading, def: t, cells: cells.slice(first).map((c) => c.index) });
  }

  // Attach derivations and order them so that sums of sums come last.
  for (const p of pending) {
    const cell = cells[ix(p.cell)]!;
    (cell as { derived?: CellDef['derived'] }).derived = { rule: p.rule, of: p.of.map(ix) };
  }
  const derivedOrder: number[] = [];
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (i: number): void => {
    const d = cells[i]!.derived;
    if (!d || state.get(i) === 'done') return;
    if (state.get(i) === 'visiting') throw new Error(`format definition: circular total at ${cells[i]!.id}`);
    state.set(i, 'visiting');
    d.of.forEach(visit);
    state.set(i, 'done');
    derivedOrder.push(i);
  };
  cells.forEach((c) => visit(c.index));

  return {
    id: def.id,
    def,
    cells,
    byId,
    tables,
    equations,
    derivedOrder,
    rowGroups: groupRows(cells),
  };
}

/** Consecutive cells of one table row, as one group (cells of a row are contiguous by construction). */
function groupRows(cells: readonly CellDef[]): CompiledFormat['rowGroups'] {
  const groups: { table: TableId; row: string; cols: string[]; first: number }[] = [];
  for (const c of cells) {
    const last = groups[groups.length - 1];
    if (last && last.table === c.table && last.row === c.row) last.cols.push(c.col);
    else groups.push({ table: c.table, row: c.row, cols: [c.col], first: c.index });
  }
  return groups;
}
