/** Why a workbook cannot be read, in Chinese: shown to the user as it is, naming the sheet or cell where it can. */
export class WorkbookReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkbookReadError';
  }
}

/** A workbook without the template's marker: readable only by its labels (foreign.ts, loaded when needed). */
export class NotTemplateError extends WorkbookReadError {
  constructor() {
    super('这不是用本系统模板填写的工作簿：按表格标签读取');
    this.name = 'NotTemplateError';
  }
}
