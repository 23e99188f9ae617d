/** Why a workbook cannot be read, in Chinese: shown to the user as it is, naming the sheet or cell where it can. */
export class WorkbookReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkbookReadError';
  }
}
