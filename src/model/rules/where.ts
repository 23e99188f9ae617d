import type { CellDef, CompiledFormat } from '../formats';

/** A cell in words, as messages name it: 表三 （三）不予公开 1.属于国家秘密 · 自然人 */
export function cellWhere(format: CompiledFormat, cell: CellDef): string {
  const table = format.tables.find((t) => t.id === cell.table)!;
  return `${table.name} ${cell.rowTitle} · ${cell.colLabel}`;
}

export function tableName(format: CompiledFormat, id: CellDef['table']): string {
  return format.tables.find((t) => t.id === id)!.name;
}
