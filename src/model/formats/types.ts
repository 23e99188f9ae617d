/**
 * The shape of a report format definition. A format is data: the template,
 * the workbook reader, the rules, the export and the UI all derive from it.
 *
 * Cell id scheme (stable, used in the export, the rules and the workbook names):
 *   `<table>.<row>.<column>` — e.g. `t3.new.natural`, `t3.withheld.stateSecret.total`,
 *   `t2.rules.issued`, `t4.review.upheld`.
 * `<table>` is t2/t3/t4 (the section number of the table), `<row>` may itself
 * contain dots for sub-rows (`withheld.stateSecret`), `<column>` never does.
 */

export type FormatId = '2019' | '2021';
export type TableId = 't2' | 't3' | 't4';

/** count: whole number ≥ 0; signedCount: whole number (本年增/减); amount: ≥ 0 in 万元, decimals allowed. */
export type CellKind = 'count' | 'signedCount' | 'amount';

export interface ColumnDef {
  readonly id: string;
  /** Exact printed label. */
  readonly label: string;
  readonly kind?: CellKind;
  /** Printed header above this column (e.g. 法人或其他组织). */
  readonly group?: string;
  /** The column is the total of these columns in the same row. */
  readonly sumOf?: readonly string[];
  /** Unit the template and the messages state, e.g. 万元. */
  readonly unit?: string;
}

export interface RowDef {
  /** Local id; sub-rows get `<parent>.<id>` as their row id. */
  readonly id: string;
  /** Exact printed label. */
  readonly label: string;
  readonly children?: readonly RowDef[];
  /** A heading without numeric cells (三、本年度办理结果); unlike a group row (（三）不予公开) it does not prefix its children's ids. */
  readonly heading?: boolean;
  /** The row is the total of all leaf rows below the named heading row. */
  readonly sumOfLeavesOf?: string;
}

/** Table 二: blocks, each with its own columns (第二十条第（一）项 …). */
export interface BlockTableDef {
  readonly kind: 'blocks';
  readonly id: 't2';
  readonly rowHeader: string;
  readonly blocks: readonly {
    readonly id: string;
    readonly label: string;
    readonly columns: readonly ColumnDef[];
    readonly rows: readonly RowDef[];
  }[];
}

/** Table 三: one matrix of rows × applicant columns with the printed 勾稽关系. */
export interface MatrixTableDef {
  readonly kind: 'matrix';
  readonly id: 't3';
  readonly note: string;
  readonly header: string;
  readonly columns: readonly ColumnDef[];
  readonly rows: readonly RowDef[];
  /** Printed balance: sum of `lhs` rows = sum of `rhs` rows, in every column. */
  readonly balance: { readonly lhs: readonly string[]; readonly rhs: readonly string[] };
}

/** Table 四: groups of the same columns laid side by side (行政复议 | 行政诉讼 › …). */
export interface GroupTableDef {
  readonly kind: 'groups';
  readonly id: 't4';
  readonly groups: readonly { readonly id: string; readonly label: string; readonly parent?: string }[];
  readonly columns: readonly ColumnDef[];
}

export type TableDef = BlockTableDef | MatrixTableDef | GroupTableDef;

export interface FormatDef {
  readonly id: FormatId;
  /** The notice that fixes the format. */
  readonly notice: string;
  /** First and last report year the format is used for (last undefined: still in force). */
  readonly years: readonly [number, number | undefined];
  readonly tables: readonly [BlockTableDef, MatrixTableDef, GroupTableDef];
}
