/* global CustomFunctions */
/**
 * Custom functions (namespace XXGK). Thin wrappers over the model: blanks and text are treated
 * exactly as the rules treat them. Metadata (functions.json) is generated from these JSDoc tags.
 */
import { getFormat, readCell, toSubmission, validate } from '../model/core';
import { getLayout } from '../sheet/layout';
import { cellValue, formatOfTable3, reportFromRanges, ShapeError, tableArea, type Matrix } from './ranges';

// Where office.js could not load (the page opened outside Office, or offline) there is no function
// registry: an inert one keeps the registrations the build appends from failing, so the page can say where it belongs.
if (typeof CustomFunctions === 'undefined') {
  class FunctionError extends Error {
    constructor(
      readonly code: string,
      message?: string,
    ) {
      super(message ?? code);
    }
  }
  Object.assign(globalThis, { CustomFunctions: { associate: () => undefined, Error: FunctionError, ErrorCode: { invalidValue: '#VALUE!' } } });
}

/** Model findings become Excel errors here and nowhere else (#VALUE! carries a message). */
function valueError(message: string): CustomFunctions.Error {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, message.slice(0, 255));
}

function guard<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof ShapeError) throw valueError(e.message);
    throw e;
  }
}

/**
 * 一行（或一列）数字之和；空白、文字按 0 计，与年报校验规则一致。
 * @customfunction ROWTOTAL
 * @param row 一行或一列单元格
 * @returns 合计
 */
export function rowTotal(row: any[][]): number {
  return guard(() => {
    if (row.length !== 1 && row.some((r) => r.length !== 1)) throw new ShapeError('ROWTOTAL 只接受一行或一列单元格');
    return row.flat().reduce<number>((s, v) => s + readCell(cellValue(v)).value, 0);
  });
}

/**
 * 表三勾稽关系每一列的差：（一+二）−（三（七）总计+四），成立时为 0。
 * @customfunction BALANCE
 * @param table3 表三的全部数字单元格（如 表三!D6:J30）
 * @returns 每列一个差值
 */
export function balance(table3: any[][]): number[][] {
  return guard(() => {
    const format = formatOfTable3(table3);
    const f = getFormat(format);
    const layout = getLayout(format);
    const area = tableArea(layout, 't3');
    const value = (id: string) => {
      const p = layout.cells.get(id)!;
      return readCell(cellValue(table3[p.row - area.top]![p.col - area.left])).value;
    };
    const balances = f.equations.filter((e) => e.rule === 'T3-BALANCE');
    const side = (cells: readonly number[]) => cells.reduce((s, i) => s + value(f.cells[i]!.id), 0);
    return [balances.map((e) => side(e.lhs) - side(e.rhs))];
  });
}

/**
 * 校验三张表：“通过”，或“N 个错误：”加前几条错误。
 * @customfunction CHECK
 * @param table2 表二的数字区域（如 表二!B4:D15）
 * @param table3 表三的数字区域（如 表三!D6:J30）
 * @param table4 表四的数字区域（如 表四!A5:O5）
 * @returns 校验结论
 */
export function check(table2: any[][], table3: any[][], table4: any[][]): string {
  return guard(() => {
    const result = validate(reportFromRanges(table2 as Matrix, table3 as Matrix, table4 as Matrix));
    // The cover sheet is not among the arguments: its rules are left to the task pane.
    const errors = result.issues.filter((i) => i.severity === 'error' && i.area !== 'meta');
    if (errors.length === 0) return '通过';
    return `${errors.length} 个错误：${errors.slice(0, 3).map((i) => i.message).join('；')}${errors.length > 3 ? '；…' : ''}`;
  });
}

/**
 * 提交用的 JSON 文本（含校验结果和 SHA-256 校验值）。
 * @customfunction JSON
 * @param info 基本信息的填写区域（如 基本信息!B3:B9）
 * @param table2 表二的数字区域
 * @param table3 表三的数字区域
 * @param table4 表四的数字区域
 * @returns JSON 文本
 */
export function json(info: any[][], table2: any[][], table3: any[][], table4: any[][]): string {
  return guard(() => {
    const text = JSON.stringify(toSubmission(reportFromRanges(table2 as Matrix, table3 as Matrix, table4 as Matrix, info as Matrix)));
    // A cell holds at most 32,767 characters.
    if (text.length > 32_767) throw new ShapeError('JSON 超过单元格的长度上限（32767 个字符），请用任务窗格的“导出 JSON”');
    return text;
  });
}

/** Every custom function by its spreadsheet name: what the WPS add-in registers (Excel's registrations the build appends). */
export const FUNCTIONS = { ROWTOTAL: rowTotal, BALANCE: balance, CHECK: check, JSON: json } as const;
