/**
 * A strict WPS 表格 (ET object model) for the WPS host's tests, over the same workbook data as the
 * fake Excel: synchronous, as Kingsoft documents it and as Excel's COM model behaves —
 *
 * - collections are 1-based: `Item(0)` and an index past `Count` throw; `Item(name)` throws for a
 *   missing name;
 * - `Range(a1).Value2` is a scalar for one cell and a 2-D array (rows of columns) for several;
 *   `Formula` likewise, the formula where there is one; formulas recalculate (SUM, references);
 * - names' `RefersTo` read `=表三!$D$6:$J$30`, or `=#REF!$D$6` where the insertion broke them;
 * - on a protected sheet, writing a locked cell, adding or deleting a conditional format (unless
 *   formatting cells is allowed) throws; `Protect` on a protected sheet throws, `Unprotect()` without
 *   the password of a password-protected sheet throws;
 * - `Copy` of a hidden or very hidden sheet throws (as in Excel); `Workbooks.Open` opens only the
 *   files it was given; `Delete` of a sheet while `DisplayAlerts` is true counts as a dialog shown;
 * - the last visible sheet can be neither hidden nor deleted (Excel's COM model, which ET follows;
 *   Kingsoft's documentation is silent: the stricter behaviour);
 * - a skipped argument followed by others must be `null`, as Kingsoft's samples pass it
 *   (`FormatConditions.Add(2, null, formula)`, `Copy(null, after)`); `undefined` there is not
 *   documented to work, so it is refused;
 * - an error value reads from `Value2` as its XlCVError number (wps-jsapi: #REF! 2023, #VALUE! 2015,
 *   #DIV/0! 2007, #N/A 2042 …), and as its text (“#REF!”) from a single cell's `Text`.
 */
import { absolute, fromExcelJS, HostError, inside, parseArea, quoted, shown, type Area, type FakeCell, type FakeMark, FakeSheet, FakeWorkbook, type HostOptions } from './fake-excel';
import type ExcelJS from 'exceljs';

export interface EtLog {
  /** Calls made, by name (Range.Value2=, FormatConditions.Add …). */
  calls: string[];
  /** Dialogs WPS would have shown (a sheet deleted with DisplayAlerts on). */
  dialogs: number;
}

const VISIBLE = { Visible: -1, Hidden: 0, VeryHidden: 2 } as const;
const fromVisible = (v: number) => (v === -1 ? 'Visible' : v === 2 ? 'VeryHidden' : 'Hidden');
const a1 = (a: Area) => absolute(a).replace(/\$/g, '');
const hex = (bgr: number) => `#${[bgr & 0xff, (bgr >> 8) & 0xff, (bgr >> 16) & 0xff].map((x) => x.toString(16).padStart(2, '0')).join('').toUpperCase()}`;

function item<T>(list: readonly T[], index: number | string, byName: (t: T) => string, what: string): T {
  if (typeof index === 'number') {
    if (!Number.isInteger(index) || index < 1 || index > list.length) throw new HostError('Subscript', `${what}.Item(${index}): out of range 1…${list.length}`);
    return list[index - 1]!;
  }
  const found = list.find((t) => byName(t).toLowerCase() === index.toLowerCase());
  if (!found) throw new HostError('Subscript', `${what}.Item("${index}"): not found`);
  return found;
}

/** A skipped argument in a position followed by given ones: `null` as Kingsoft passes it, never `undefined`. */
function skipped(what: string, value: unknown): void {
  if (value === undefined) throw new HostError('InvalidArgument', `${what}: a skipped argument must be null (Kingsoft's samples), not undefined`);
}

/** XlCVError numbers (wps-jsapi) of the error values a cell can show. */
const XL_CV: Readonly<Record<string, number>> = { '#NULL!': 2000, '#DIV/0!': 2007, '#VALUE!': 2015, '#REF!': 2023, '#NAME?': 2029, '#NUM!': 2036, '#N/A': 2042 };

/** Sheet protection details ET keeps beside the Excel-style options. */
const extra = new WeakMap<FakeSheet, { drawing: boolean; scenarios: boolean }>();

class EtRange {
  constructor(
    private readonly app: FakeEt,
    private readonly sheet: FakeSheet,
    private readonly areas: Area[],
  ) {}
  private get area(): Area {
    if (this.areas.length !== 1) throw new HostError('InvalidOperation', 'a multi-area range has no single value');
    return this.areas[0]!;
  }
  private read(formula: boolean): unknown {
    const a = this.area;
    const at = (r: number, c: number) => {
      const cell = this.sheet.peek(r, c);
      if (formula && cell?.formula) return cell.formula;
      const v = shown(this.app.book, this.sheet, cell);
      return typeof v === 'string' && XL_CV[v] !== undefined ? XL_CV[v] : v;
    };
    if (a.r1 === a.r2 && a.c1 === a.c2) return at(a.r1, a.c1);
    const out: unknown[][] = [];
    for (let r = a.r1; r <= a.r2; r++) {
      const row: unknown[] = [];
      for (let c = a.c1; c <= a.c2; c++) row.push(at(r, c));
      out.push(row);
    }
    return out;
  }
  private write(v: unknown, as: 'Value2' | 'Formula'): void {
    this.app.log.calls.push(`Range.${as}=`);
    const a = this.area;
    const rows = a.r2 - a.r1 + 1;
    const cols = a.c2 - a.c1 + 1;
    const one = rows === 1 && cols === 1;
    if (!one && (!Array.isArray(v) || v.length !== rows || v.some((r) => !Array.isArray(r) || r.length !== cols))) throw new HostError('InvalidArgument', `${as} does not match the range's ${rows}×${cols} size`);
    const cells: [FakeCell, unknown][] = [];
    for (let r = a.r1; r <= a.r2; r++) for (let c = a.c1; c <= a.c2; c++) cells.push([this.sheet.cell(r, c), one ? v : (v as unknown[][])[r - a.r1]![c - a.c1]]);
    for (const [c] of cells) if (this.sheet.protected && c.locked) throw new HostError('Protected', `the cell is on the protected sheet ${this.sheet.name}`);
    for (const [c, x] of cells) {
      delete c.formula;
      if (typeof x === 'string' && x.startsWith('=')) c.formula = x;
      else if (typeof x === 'string' && x.startsWith("'")) c.value = x.slice(1);
      else if (typeof x === 'string' && /^-?\d+(\.\d+)?$/.test(x.trim())) c.value = Number(x);
      else c.value = (x ?? '') as string | number | boolean;
    }
  }
  get Value2(): unknown {
    return this.read(false);
  }
  get Row(): number {
    return this.areas[0]!.r1;
  }
  get Column(): number {
    return this.areas[0]!.c1;
  }
  get Rows() {
    const a = this.area;
    return { Count: a.r2 - a.r1 + 1 };
  }
  get Columns() {
    const a = this.area;
    return { Count: a.c2 - a.c1 + 1 };
  }
  get Text(): unknown {
    const a = this.area;
    if (a.r1 !== a.r2 || a.c1 !== a.c2) return null;
    return String(shown(this.app.book, this.sheet, this.sheet.peek(a.r1, a.c1)));
  }
  set Value2(v: unknown) {
    this.write(v, 'Value2');
  }
  get Formula(): unknown {
    return this.read(true);
  }
  set Formula(v: unknown) {
    this.write(v, 'Formula');
  }
  Select(): void {
    if (this.sheet.visibility !== 'Visible') throw new HostError('InvalidOperation', `sheet ${this.sheet.name} is hidden`);
    if (this.app.book.active !== this.sheet.name) throw new HostError('InvalidOperation', 'Select on a sheet that is not active');
    this.app.book.selected = `${this.sheet.name}!${this.areas.map(a1).join(',')}`;
  }
  get FormatConditions() {
    const sheet = this.sheet;
    const app = this.app;
    const areas = this.areas;
    const guard = (what: string) => {
      if (sheet.protected && !sheet.options.allowFormatCells) throw new HostError('Protected', `${what} on the protected sheet ${sheet.name}`);
    };
    const mine = () => sheet.marks.filter((m) => m.address.split(',').every((a) => areas.some((b) => inside(parseArea(a), b))));
    const condition = (m: FakeMark) => ({
      get Formula1() {
        return m.formula;
      },
      Interior: {
        get Color() {
          return parseInt(m.fill.slice(1), 16);
        },
        set Color(v: number) {
          guard('Interior.Color');
          m.fill = hex(v);
        },
      },
      Delete() {
        app.log.calls.push('FormatCondition.Delete');
        guard('FormatCondition.Delete');
        sheet.marks = sheet.marks.filter((x) => x !== m);
      },
    });
    return {
      get Count() {
        return mine().length;
      },
      Item: (i: number) => condition(item(mine(), i, () => '', 'FormatConditions')),
      Add: (type: number, operator?: number | null, formula1?: string) => {
        app.log.calls.push('FormatConditions.Add');
        if (formula1 !== undefined) skipped('FormatConditions.Add operator', operator);
        if (type !== 2) throw new HostError('InvalidArgument', `FormatConditions.Add type ${type}: only xlExpression (2) is used`);
        guard('FormatConditions.Add');
        const m: FakeMark = { address: areas.map(a1).join(','), formula: formula1 ?? '', fill: '' };
        sheet.marks.push(m);
        return condition(m);
      },
    };
  }
}

class EtSheet {
  constructor(
    private readonly app: FakeEt,
    readonly data: FakeSheet,
  ) {}
  get Name(): string {
    return this.data.name;
  }
  set Name(v: string) {
    this.data.name = v;
  }
  get Visible(): number {
    return VISIBLE[this.data.visibility];
  }
  set Visible(v: number) {
    if (v !== -1 && this.app.book.sheets.filter((s) => s.visibility === 'Visible' && s !== this.data).length === 0) throw new HostError('InvalidOperation', 'the last visible sheet cannot be hidden');
    this.data.visibility = fromVisible(v);
  }
  get ProtectContents(): boolean {
    return this.data.protected;
  }
  get ProtectDrawingObjects(): boolean {
    return this.data.protected && (extra.get(this.data)?.drawing ?? true);
  }
  get ProtectScenarios(): boolean {
    return this.data.protected && (extra.get(this.data)?.scenarios ?? true);
  }
  get Protection() {
    const o = this.data.options;
    return { AllowFormattingCells: !!o.allowFormatCells, AllowFormattingColumns: !!o.allowFormatColumns, AllowFormattingRows: !!o.allowFormatRows };
  }
  Range(address: string): EtRange {
    return new EtRange(this.app, this.data, address.split(',').map((a) => parseArea(a.trim())));
  }
  /** The smallest area holding every cell with a value or formula; A1 on a blank sheet (Excel's COM model). */
  get UsedRange(): EtRange {
    const used = [...this.data.cells].filter(([, c]) => c.value !== '' || c.formula).map(([k]) => k.split(',').map(Number) as [number, number]);
    if (used.length === 0) return this.Range('A1');
    const rows = used.map((u) => u[0]);
    const cols = used.map((u) => u[1]);
    return new EtRange(this.app, this.data, [{ r1: Math.min(...rows), c1: Math.min(...cols), r2: Math.max(...rows), c2: Math.max(...cols) }]);
  }
  Protect(password?: string | null, drawing = true, contents = true, scenarios = true, _ui = false, cells = false, columns = false, rows = false): void {
    this.app.log.calls.push('Worksheet.Protect');
    if (arguments.length > 1) skipped('Worksheet.Protect password', password);
    if (this.data.protected) throw new HostError('InvalidOperation', `${this.data.name} is already protected`);
    if (!contents) return;
    this.data.protected = true;
    this.data.password = password ?? undefined;
    this.data.options = { allowFormatColumns: columns, allowFormatRows: rows, allowFormatCells: cells };
    extra.set(this.data, { drawing, scenarios });
  }
  Unprotect(password?: string): void {
    this.app.log.calls.push('Worksheet.Unprotect');
    if (this.data.password && password !== this.data.password) throw new HostError('Protected', `${this.data.name}: wrong password`);
    this.data.protected = false;
    this.data.password = undefined;
  }
  Activate(): void {
    if (this.data.visibility !== 'Visible') throw new HostError('InvalidOperation', `sheet ${this.data.name} is hidden`);
    this.app.book.active = this.data.name;
  }
  Delete(): void {
    const book = this.app.bookOf(this.data);
    if (book.sheets.filter((s) => s.visibility === 'Visible' && s !== this.data).length === 0) throw new HostError('InvalidOperation', 'the last visible sheet cannot be deleted');
    if (this.app.DisplayAlerts) this.app.log.dialogs++;
    book.sheets = book.sheets.filter((s) => s !== this.data);
  }
  Copy(before?: EtSheet | null, after?: EtSheet | null): void {
    if (after !== undefined) skipped('Worksheet.Copy before', before);
    if (this.data.visibility !== 'Visible') throw new HostError('InvalidOperation', `hidden sheet ${this.data.name} cannot be copied`);
    const target = this.app.bookOf((after ?? before)!.data);
    const copy = new FakeSheet(this.data.name);
    for (const [k, c] of this.data.cells) copy.cells.set(k, { ...c });
    Object.assign(copy, { protected: this.data.protected, options: { ...this.data.options }, visibility: this.data.visibility, merges: [...this.data.merges] });
    const at = target.sheets.indexOf((after ?? before)!.data) + (after ? 1 : 0);
    target.sheets.splice(at, 0, copy);
    // The names of the copied sheet come with it, as the host was configured.
    const source = this.app.bookOf(this.data);
    for (const n of source.names) {
      if (!n.value.includes(`${quoted(this.data.name)}!`) && !n.value.includes(`${this.data.name}!`)) continue;
      if (this.app.options.insertedNames === 'dropped') continue;
      const value = this.app.options.insertedNames === 'ref' ? n.value.replace(/^=.*!/, '=#REF!') : n.value;
      target.names = [...target.names.filter((x) => x.name.toLowerCase() !== n.name.toLowerCase()), { name: n.name, type: value.includes('#REF!') ? 'Error' : 'Range', value }];
    }
  }
}

function wrapBook(app: FakeEt, book: FakeWorkbook) {
  return {
    get Name() {
      return app.fileOf(book) ?? '工作簿1';
    },
    get ActiveSheet() {
      return new EtSheet(app, book.sheet(book.active ?? '') ?? book.sheets.find((s) => s.visibility === 'Visible')!);
    },
    Names: {
      get Count() {
        return book.names.length;
      },
      Item: (i: number | string) => {
        const n = item(book.names, i, (x) => x.name, 'Names');
        return {
          Name: n.name,
          RefersTo: n.value,
          Delete: () => void (book.names = book.names.filter((x) => x !== n)),
        };
      },
      Add: (name: string, refersTo: string) => {
        const m = /^=(?:'((?:[^']|'')+)'|([^!'#]+))!(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)$/.exec(refersTo);
        if (!m) throw new HostError('InvalidArgument', `Names.Add ${name}: bad reference ${refersTo}`);
        const sheet = (m[1] ?? m[2]!).replace(/''/g, "'");
        if (!book.sheet(sheet)) throw new HostError('InvalidArgument', `Names.Add ${name}: no sheet ${sheet}`);
        if (book.names.some((x) => x.name.toLowerCase() === name.toLowerCase())) throw new HostError('InvalidArgument', `Names.Add: ${name} exists`);
        book.names.push({ name, type: 'Range', value: `=${quoted(sheet)}!${absolute(parseArea(m[3]!))}` });
      },
    },
    Worksheets: {
      get Count() {
        return book.sheets.length;
      },
      Item: (i: number | string) => new EtSheet(app, item(book.sheets, i, (s) => s.name, 'Worksheets')),
      Add: (before?: EtSheet | null, after?: EtSheet | null) => {
        if (after !== undefined) skipped('Worksheets.Add before', before);
        let n = book.sheets.length + 1;
        while (book.sheet(`Sheet${n}`)) n++;
        const sheet = new FakeSheet(`Sheet${n}`);
        const anchor = (after ?? before)?.data;
        book.sheets.splice(anchor ? book.sheets.indexOf(anchor) + (after ? 1 : 0) : book.sheets.length, 0, sheet);
        // The new sheet becomes the active one (Excel's COM model, which ET follows).
        book.active = sheet.name;
        return new EtSheet(app, sheet);
      },
    },
    Close: () => {
      app.opened = app.opened.filter((o) => o.book !== book);
    },
  };
}

export interface EtOptions {
  /** What copying a sheet does with the names that point at it. */
  readonly insertedNames?: HostOptions['insertedNames'];
}

/** window.Application of a WPS 表格 holding `book`, with template files it can open by path. */
export class FakeEt {
  readonly log: EtLog = { calls: [], dialogs: 0 };
  DisplayAlerts = true;
  opened: { path: string; book: FakeWorkbook }[] = [];
  constructor(
    readonly book: FakeWorkbook,
    private readonly files: ReadonlyMap<string, ExcelJS.Workbook> = new Map(),
    readonly options: Required<EtOptions> = { insertedNames: 'copied' },
  ) {}
  /** The workbook last opened and not closed is the active one, as in Excel's and WPS's COM model. */
  get ActiveWorkbook() {
    return wrapBook(this, this.opened[this.opened.length - 1]?.book ?? this.book);
  }
  get Workbooks() {
    return {
      Open: (path: string) => {
        const wb = this.files.get(path);
        if (!wb) throw new HostError('FileNotFound', `${path} not found`);
        const book = new FakeWorkbook();
        Object.assign(book, fromExcelJS(wb));
        this.opened.push({ path, book });
        return wrapBook(this, book);
      },
    };
  }
  bookOf(sheet: FakeSheet): FakeWorkbook {
    if (this.book.sheets.includes(sheet)) return this.book;
    return this.opened.find((o) => o.book.sheets.includes(sheet))?.book ?? this.book;
  }
  fileOf(book: FakeWorkbook): string | undefined {
    return this.opened.find((o) => o.book === book)?.path;
  }
}

