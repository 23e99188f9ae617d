/**
 * A strict Excel for the add-in's tests: the subset of Office.js the add-in uses, behaving as the
 * documentation and the office-js issue tracker say Excel does — stricter than office-addin-mock:
 *
 * - calls are queued and run at `context.sync()` (counted); the first failing one rejects the sync
 *   with an error carrying `code` (ItemNotFound, InvalidOperation, ApiNotFound …) and the rest of
 *   the batch is dropped; `Excel.run` syncs what is still queued when its callback ends;
 * - a property read before `load()` and a `sync()` throws PropertyNotLoaded;
 * - the host has requirement sets up to one version (1.1 … 1.17): a call above them fails with
 *   ApiNotFound;
 * - writes to locked cells, conditional formats, merges and cell formats on a protected sheet fail
 *   with InvalidOperation; `protect()` on a protected sheet fails; `unprotect()` without the
 *   password of a password-protected sheet fails;
 * - formulas recalculate (SUM and plain references; other formulas keep the saved result);
 *   `values` set with a leading apostrophe store text, with a leading `=` a formula, digits a number;
 * - `NamedItem.value` reads `=表三!$D$6:$J$30` (sheet names that need it quoted);
 * - `insertWorksheetsFromBase64` copies the file's sheets and, as configured, its names intact,
 *   as `=#REF!…`, or not at all, and can lose protection or hiding.
 */
import ExcelJS from 'exceljs';

export type Visibility = 'Visible' | 'Hidden' | 'VeryHidden';

export interface FakeCell {
  value: string | number | boolean;
  formula?: string;
  locked: boolean;
}

export interface FakeMark {
  readonly address: string;
  formula: string;
  fill: string;
  /** ConditionalFormat.type: Custom for formula rules (ours, the template's); the user's can be others (DataBar …). */
  type?: string;
  /** ConditionalFormat.id, given when it is added or loaded. */
  id?: string;
}

let markIds = 0;
/** A conditional format's id, given once (ConditionalFormat.id, ExcelApi 1.6). */
export const markId = (m: FakeMark): string => (m.id ??= `cf${++markIds}`);

export class FakeSheet {
  readonly cells = new Map<string, FakeCell>();
  protected = false;
  options: Record<string, boolean> = {};
  password: string | undefined;
  visibility: Visibility = 'Visible';
  marks: FakeMark[] = [];
  merges: string[] = [];
  validations: string[] = [];
  readonly widths = new Map<number, number>();
  constructor(public name: string) {}

  cell(row: number, col: number): FakeCell {
    const key = `${row},${col}`;
    let c = this.cells.get(key);
    if (!c) this.cells.set(key, (c = { value: '', locked: true }));
    return c;
  }
  peek(row: number, col: number): FakeCell | undefined {
    return this.cells.get(`${row},${col}`);
  }
}

export interface FakeName {
  readonly name: string;
  readonly type: 'Range' | 'Error' | 'String';
  readonly value: string;
}

export interface HostOptions {
  /** The highest ExcelApi version this host has (1.1 … 1.17). */
  readonly sets?: string;
  /** What insertWorksheetsFromBase64 does with the file's defined names. */
  readonly insertedNames?: 'copied' | 'ref' | 'dropped';
  /** insertWorksheetsFromBase64 loses the sheets' protection or the very hidden state. */
  readonly insertLoses?: readonly ('protection' | 'hiding')[];
  /** Office's platform (Office.context.platform). */
  readonly platform?: 'PC' | 'Mac' | 'OfficeOnline';
  /** NamedItem.type comes back null (office-js #5504: another window focused). */
  readonly nullNameTypes?: boolean;
}

export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  names: FakeName[] = [];
  selected: string | undefined;
  active: string | undefined;

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }
}

export class HostError extends Error {
  constructor(
    public readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

// ---- addresses -------------------------------------------------------------------------------

const MAX_ROW = 1_048_576;
const colNumber = (letters: string) => letters.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
const colLetters = (col: number): string => (col <= 0 ? '' : colLetters(Math.floor((col - 1) / 26)) + String.fromCharCode(65 + ((col - 1) % 26)));

export interface Area {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export function parseArea(address: string): Area {
  const a = address.replace(/\$/g, '').toUpperCase();
  let m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(a);
  if (m) {
    const r1 = Number(m[2]);
    const c1 = colNumber(m[1]!);
    return { r1, c1, r2: m[4] ? Number(m[4]) : r1, c2: m[3] ? colNumber(m[3]) : c1 };
  }
  m = /^([A-Z]+):([A-Z]+)$/.exec(a);
  if (m) return { r1: 1, c1: colNumber(m[1]!), r2: MAX_ROW, c2: colNumber(m[2]!) };
  throw new HostError('InvalidArgument', `bad address ${address}`);
}

export const quoted = (sheet: string) => (/^[\p{L}\p{N}_]+$/u.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`);
export const absolute = (a: Area) => `$${colLetters(a.c1)}$${a.r1}${a.r1 === a.r2 && a.c1 === a.c2 ? '' : `:$${colLetters(a.c2)}$${a.r2}`}`;

/** `=表三!$D$6:$J$30` → sheet and area; undefined for `=#REF!…` and other non-ranges. */
function refersTo(value: string): { sheet: string; area: Area } | undefined {
  const m = /^=(?:'((?:[^']|'')+)'|([^!'#]+))!(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)$/.exec(value);
  if (!m) return undefined;
  return { sheet: (m[1] ?? m[2]!).replace(/''/g, "'"), area: parseArea(m[3]!) };
}

// ---- formulas ----------------------------------------------------------------------------------

/** The value Excel shows for a cell: formulas of SUMs and references are recalculated. */
export function shown(book: FakeWorkbook, sheet: FakeSheet, cell: FakeCell | undefined, depth = 0): string | number | boolean {
  if (!cell) return '';
  if (!cell.formula || depth > 50) return cell.value;
  const f = cell.formula.slice(1);
  const sum = /^SUM\(([^()]*)\)$/i.exec(f);
  const ref = /^\$?[A-Z]+\$?\d+$/i.test(f);
  if (!sum && !ref) return cell.value;
  let total = 0;
  for (const part of (sum ? sum[1]! : f).split(',')) {
    const a = parseArea(part.trim());
    for (let r = a.r1; r <= a.r2; r++)
      for (let c = a.c1; c <= a.c2; c++) {
        const v = shown(book, sheet, sheet.peek(r, c), depth + 1);
        if (!sum) return v === '' ? 0 : v;
        if (typeof v === 'number') total += v;
      }
  }
  return total;
}

// ---- loading from a workbook file ----------------------------------------------------------------

export function fromExcelJS(wb: ExcelJS.Workbook, names: HostOptions['insertedNames'] = 'copied', loses: HostOptions['insertLoses'] = []): { sheets: FakeSheet[]; names: FakeName[] } {
  const sheets: FakeSheet[] = [];
  wb.eachSheet((ws) => {
    const s = new FakeSheet(ws.name);
    s.visibility = ws.state === 'veryHidden' && !loses.includes('hiding') ? 'VeryHidden' : ws.state === 'hidden' ? 'Hidden' : 'Visible';
    const prot = (ws as unknown as { sheetProtection?: Record<string, unknown> }).sheetProtection;
    if (prot?.sheet && !loses.includes('protection')) {
      s.protected = true;
      s.options = { allowFormatColumns: prot.formatColumns === true, allowFormatRows: prot.formatRows === true, allowFormatCells: prot.formatCells === true };
    }
    ws.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const locked = cell.protection?.locked !== false;
        const v = cell.isMerged && cell.master !== cell ? null : cell.value;
        const target = s.cell(r, c);
        target.locked = locked;
        if (v && typeof v === 'object' && 'formula' in v) {
          const result = (v as ExcelJS.CellFormulaValue).result;
          target.formula = `=${(v as ExcelJS.CellFormulaValue).formula}`;
          target.value = result === undefined || result === null ? '' : typeof result === 'object' && 'error' in result ? String(result.error) : (result as string | number | boolean);
        } else if (v && typeof v === 'object' && 'error' in v) target.value = String(v.error);
        else if (v instanceof Date) target.value = Math.round((v.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000);
        else if (v && typeof v === 'object' && 'richText' in v) target.value = v.richText.map((t) => t.text).join('');
        else if (v !== null && v !== undefined) target.value = v as string | number | boolean;
      }),
    );
    // The template's own conditional formats (“差 N” in red) are there as the file has them.
    const cfs = (ws as unknown as { conditionalFormattings?: { ref: string; rules: { formulae?: string[]; style?: { font?: { color?: { argb?: string } } } }[] }[] }).conditionalFormattings ?? [];
    for (const cf of cfs) for (const r of cf.rules) s.marks.push({ address: cf.ref, formula: `=${r.formulae?.[0] ?? ''}`, fill: `font:${r.style?.font?.color?.argb ?? ''}` });
    sheets.push(s);
  });
  const out: FakeName[] = [];
  if (names !== 'dropped') {
    wb.definedNames.model.forEach((n: { name: string; ranges: string[] }) => {
      const m = /^(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(n.ranges[0]!)!;
      const sheet = (m[1] ?? m[2]!).replace(/''/g, "'");
      out.push(names === 'ref' ? { name: n.name, type: 'Error', value: `=#REF!${m[3]}` } : { name: n.name, type: 'Range', value: `=${quoted(sheet)}!${m[3]}` });
    });
  }
  return { sheets, names: out };
}

export async function fakeWorkbookOf(source: ExcelJS.Workbook | Buffer): Promise<FakeWorkbook> {
  let wb = source as ExcelJS.Workbook;
  if (Buffer.isBuffer(source)) {
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(source as unknown as ArrayBuffer);
  }
  const book = new FakeWorkbook();
  Object.assign(book, fromExcelJS(wb));
  return book;
}

// ---- the Office.js surface ---------------------------------------------------------------------

export interface HostLog {
  syncs: number;
  /** API calls in order (method calls and property writes), for the batching assertions. */
  calls: string[];
}

type Op = () => void | Promise<void>;

class Context {
  queue: Op[] = [];
  readonly workbook: WorkbookProxy;
  constructor(
    readonly book: FakeWorkbook,
    readonly host: Required<HostOptions>,
    readonly log: HostLog,
  ) {
    this.workbook = new WorkbookProxy(this);
  }
  /** Queues an operation that needs ExcelApi `version`. */
  op(name: string, version: string, run: Op): void {
    this.log.calls.push(name);
    const has = Number(version.split('.')[1]) <= Number(this.host.sets.split('.')[1]);
    this.queue.push(
      has
        ? run
        : () => {
            throw new HostError('ApiNotFound', `${name} needs ExcelApi ${version}; this Excel has ${this.host.sets}`);
          },
    );
  }
  async sync(): Promise<void> {
    this.log.syncs++;
    this.log.calls.push('context.sync');
    const ops = this.queue;
    this.queue = [];
    for (const op of ops) await op();
  }
}

/** Properties readable only after load() and sync(), as Office.js serves them. */
abstract class Loadable {
  private loaded = new Map<string, unknown>();
  constructor(
    protected readonly ctx: Context,
    protected readonly what: string,
  ) {}
  protected abstract read(prop: string): unknown;
  protected abstract readonly scalars: readonly string[];
  load(props?: string | string[]): this {
    const list = (Array.isArray(props) ? props : (props ?? '').split(',')).map((p) => p.trim()).filter(Boolean);
    this.ctx.op(`${this.what}.load`, '1.1', () => {
      for (const p of list.length ? list : this.scalars) this.snapshot(p);
    });
    return this;
  }
  protected snapshot(prop: string): void {
    this.loaded.set(prop, this.read(prop));
  }
  protected get(prop: string): unknown {
    if (!this.loaded.has(prop)) throw new HostError('PropertyNotLoaded', `${this.what}.${prop} was read before load() and sync()`);
    return this.loaded.get(prop);
  }
}

class WorkbookProxy {
  readonly names: NamesProxy;
  readonly worksheets: WorksheetsProxy;
  constructor(private readonly ctx: Context) {
    this.names = new NamesProxy(ctx);
    this.worksheets = new WorksheetsProxy(ctx);
  }
  insertWorksheetsFromBase64(base64: string, options?: { positionType?: string }): void {
    this.ctx.op('workbook.insertWorksheetsFromBase64', '1.13', async () => {
      const wb = new ExcelJS.Workbook();
      try {
        await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
      } catch {
        throw new HostError('InvalidArgument', 'not a workbook');
      }
      const { sheets, names } = fromExcelJS(wb, this.ctx.host.insertedNames, this.ctx.host.insertLoses);
      for (const s of sheets) {
        // Excel renames an inserted sheet whose name is taken.
        let name = s.name;
        for (let k = 2; this.ctx.book.sheet(name); k++) name = `${s.name} (${k})`;
        s.name = name;
      }
      if (options?.positionType === 'Start') this.ctx.book.sheets.unshift(...sheets);
      else this.ctx.book.sheets.push(...sheets);
      for (const n of names) if (!this.ctx.book.names.some((x) => x.name.toUpperCase() === n.name.toUpperCase())) this.ctx.book.names.push(n);
    });
  }
}

/** A collection: `load('items/name,items/type')` loads its items with those properties. */
abstract class CollectionProxy extends Loadable {
  protected readonly scalars = ['items'];
  protected itemsProps: string[] = [];
  override load(props?: string | string[]): this {
    const list = (Array.isArray(props) ? props : (props ?? 'items').split(',')).map((p) => p.trim());
    this.itemsProps = list.filter((p) => p.startsWith('items/')).map((p) => p.slice(6));
    return super.load('items');
  }
}

class NamesProxy extends CollectionProxy {
  constructor(ctx: Context) {
    super(ctx, 'names');
  }
  protected read(): unknown {
    return this.ctx.book.names.map((n) => NamedItemProxy.loaded(this.ctx, n.name, this.itemsProps.length ? this.itemsProps : ['name', 'type', 'value']));
  }
  get items(): NamedItemProxy[] {
    return this.get('items') as NamedItemProxy[];
  }
  getItem(name: string): NamedItemProxy {
    this.ctx.log.calls.push('names.getItem');
    return new NamedItemProxy(this.ctx, name, false);
  }
  getItemOrNullObject(name: string): NamedItemProxy {
    this.ctx.op('names.getItemOrNullObject', '1.4', () => undefined);
    return new NamedItemProxy(this.ctx, name, true);
  }
  add(name: string, reference: RangeProxy | string): NamedItemProxy {
    this.ctx.op('names.add', '1.4', () => {
      if (this.ctx.book.names.some((n) => n.name.toUpperCase() === name.toUpperCase())) throw new HostError('InvalidArgument', `the name ${name} already exists`);
      const value = typeof reference === 'string' ? reference : reference.refersTo();
      this.ctx.book.names.push({ name, type: refersTo(value) ? 'Range' : 'String', value });
    });
    return new NamedItemProxy(this.ctx, name, false);
  }
}

class NamedItemProxy extends Loadable {
  protected readonly scalars = ['name', 'type', 'value'];
  constructor(
    ctx: Context,
    private readonly nameOf: string,
    private readonly orNull: boolean,
  ) {
    super(ctx, 'namedItem');
  }
  static loaded(ctx: Context, name: string, props: readonly string[]): NamedItemProxy {
    const item = new NamedItemProxy(ctx, name, false);
    for (const p of props) item.snapshot(p);
    return item;
  }
  private target(): FakeName | undefined {
    const n = this.ctx.book.names.find((x) => x.name.toUpperCase() === this.nameOf.toUpperCase());
    if (!n && !this.orNull) throw new HostError('ItemNotFound', `no name ${this.nameOf}`);
    return n;
  }
  protected read(prop: string): unknown {
    if (prop === 'isNullObject') return !this.target();
    const n = this.target();
    if (!n) return undefined;
    // The documented value of a range name is its address without “=” (NamedItem.value).
    if (prop === 'value') return n.type === 'Range' ? n.value.replace(/^=/, '') : n.value;
    if (prop === 'type' && this.ctx.host.nullNameTypes) return null;
    return (n as unknown as Record<string, unknown>)[prop];
  }
  get name(): string {
    return this.get('name') as string;
  }
  get type(): string {
    return this.get('type') as string;
  }
  get value(): string {
    return this.get('value') as string;
  }
  get isNullObject(): boolean {
    return this.get('isNullObject') as boolean;
  }
  getRange(): RangeProxy {
    this.ctx.log.calls.push('namedItem.getRange');
    const resolve = () => {
      const n = this.target();
      const at = n && refersTo(n.value);
      if (!at) throw new HostError('InvalidOperation', `the name ${this.nameOf} does not refer to a range`);
      const sheet = this.ctx.book.sheet(at.sheet);
      if (!sheet) throw new HostError('ItemNotFound', `no sheet ${at.sheet}`);
      return { sheet, area: at.area };
    };
    this.ctx.op('namedItem.getRange', '1.3', () => void resolve());
    return new RangeProxy(this.ctx, resolve);
  }
  delete(): void {
    this.ctx.op('namedItem.delete', '1.4', () => {
      const n = this.target();
      if (n) this.ctx.book.names = this.ctx.book.names.filter((x) => x !== n);
    });
  }
}

class WorksheetsProxy extends CollectionProxy {
  constructor(ctx: Context) {
    super(ctx, 'worksheets');
  }
  protected read(): unknown {
    return this.ctx.book.sheets.map((s) => {
      const ws = new WorksheetProxy(this.ctx, () => s);
      ws.snapshotNow(this.itemsProps.length ? this.itemsProps : ['name', 'visibility']);
      return ws;
    });
  }
  get items(): WorksheetProxy[] {
    return this.get('items') as WorksheetProxy[];
  }
  getItem(name: string): WorksheetProxy {
    this.ctx.log.calls.push('worksheets.getItem');
    return new WorksheetProxy(this.ctx, () => {
      const s = this.ctx.book.sheet(name);
      if (!s) throw new HostError('ItemNotFound', `no sheet ${name}`);
      return s;
    });
  }
  add(name: string): WorksheetProxy {
    this.ctx.op('worksheets.add', '1.1', () => {
      if (this.ctx.book.sheet(name)) throw new HostError('ItemAlreadyExists', `sheet ${name} exists`);
      this.ctx.book.sheets.push(new FakeSheet(name));
    });
    return this.getItem(name);
  }
}

class ProtectionProxy extends Loadable {
  protected readonly scalars = ['protected', 'options'];
  constructor(
    ctx: Context,
    private readonly sheet: () => FakeSheet,
  ) {
    super(ctx, 'protection');
  }
  protected read(prop: string): unknown {
    const s = this.sheet();
    // Loaded options can carry null members (office-js #1931): the stricter reading, always some.
    return prop === 'protected' ? s.protected : prop === 'options' ? { allowEditObjects: null, allowEditScenarios: null, ...s.options } : undefined;
  }
  override load(props?: string | string[]): this {
    this.ctx.op('protection.load', '1.2', () => undefined);
    return super.load(props);
  }
  get protected(): boolean {
    return this.get('protected') as boolean;
  }
  get options(): Record<string, boolean> {
    return this.get('options') as Record<string, boolean>;
  }
  protect(options?: Record<string, boolean | null>, password?: string): void {
    this.ctx.op('protection.protect', password === undefined ? '1.2' : '1.7', () => {
      // Loaded options passed back with null members: GeneralException (office-js #1931).
      if (options && Object.values(options).some((v) => v === null)) throw new HostError('GeneralException', 'protect: options with null members');
      const s = this.sheet();
      if (s.protected) throw new HostError('InvalidOperation', `sheet ${s.name} is already protected`);
      s.protected = true;
      s.options = { ...(options ?? {}) } as Record<string, boolean>;
      s.password = password;
    });
  }
  unprotect(password?: string): void {
    this.ctx.op('protection.unprotect', password === undefined ? '1.2' : '1.7', () => {
      const s = this.sheet();
      if (!s.protected) return;
      if (s.password !== undefined && s.password !== password) throw new HostError('InvalidArgument', `the password for ${s.name} is wrong`);
      s.protected = false;
    });
  }
}

class WorksheetProxy extends Loadable {
  protected readonly scalars = ['name', 'visibility', 'position'];
  readonly protection: ProtectionProxy;
  constructor(
    ctx: Context,
    readonly resolve: () => FakeSheet,
  ) {
    super(ctx, 'worksheet');
    this.protection = new ProtectionProxy(ctx, resolve);
  }
  snapshotNow(props: readonly string[]): void {
    for (const p of props) this.snapshot(p);
  }
  protected read(prop: string): unknown {
    const s = this.resolve();
    return prop === 'name' ? s.name : prop === 'visibility' ? s.visibility : prop === 'position' ? this.ctx.book.sheets.indexOf(s) : undefined;
  }
  get name(): string {
    return this.get('name') as string;
  }
  get visibility(): Visibility {
    return this.get('visibility') as Visibility;
  }
  set visibility(v: Visibility) {
    this.ctx.op('worksheet.visibility=', '1.2', () => {
      this.resolve().visibility = v;
    });
  }
  getRange(address?: string): RangeProxy {
    this.ctx.log.calls.push('worksheet.getRange');
    return new RangeProxy(this.ctx, () => ({ sheet: this.resolve(), area: parseArea(address ?? 'A1:XFD1048576') }));
  }
  /** The smallest area holding every used cell (with `valuesOnly`, every cell with a value or formula); A1 on a blank sheet, as documented. */
  getUsedRange(valuesOnly?: boolean): RangeProxy {
    this.ctx.op('worksheet.getUsedRange', valuesOnly === undefined ? '1.1' : '1.2', () => undefined);
    return new RangeProxy(this.ctx, () => {
      const s = this.resolve();
      const used = [...s.cells].filter(([, c]) => c.value !== '' || c.formula).map(([k]) => k.split(',').map(Number) as [number, number]);
      if (used.length === 0) return { sheet: s, area: { r1: 1, c1: 1, r2: 1, c2: 1 } };
      const rows = used.map((u) => u[0]);
      const cols = used.map((u) => u[1]);
      return { sheet: s, area: { r1: Math.min(...rows), c1: Math.min(...cols), r2: Math.max(...rows), c2: Math.max(...cols) } };
    });
  }
  getRanges(address: string): RangeProxy {
    this.ctx.op('worksheet.getRanges', '1.9', () => undefined);
    const parts = address.split(',');
    return new RangeProxy(this.ctx, () => ({ sheet: this.resolve(), area: parseArea(parts[0]!) }), parts);
  }
  activate(): void {
    this.ctx.op('worksheet.activate', '1.1', () => {
      const s = this.resolve();
      if (s.visibility !== 'Visible') throw new HostError('InvalidOperation', `sheet ${s.name} is hidden`);
      this.ctx.book.active = s.name;
    });
  }
  delete(): void {
    this.ctx.op('worksheet.delete', '1.1', () => {
      const s = this.resolve();
      if (s.visibility === 'VeryHidden') throw new HostError('InvalidOperation', `a very hidden sheet (${s.name}) cannot be deleted`);
      if (this.ctx.book.sheets.filter((x) => x !== s && x.visibility === 'Visible').length === 0) throw new HostError('InvalidOperation', 'the last visible sheet cannot be deleted');
      this.ctx.book.sheets = this.ctx.book.sheets.filter((x) => x !== s);
      // Names that pointed at the sheet become #REF!, as in Excel.
      this.ctx.book.names = this.ctx.book.names.map((n) => (refersTo(n.value)?.sheet.toLowerCase() === s.name.toLowerCase() ? { name: n.name, type: 'Error', value: n.value.replace(/^=.*!/, '=#REF!') } : n));
    });
  }
}

type Target = { sheet: FakeSheet; area: Area };

class RangeProxy extends Loadable {
  protected readonly scalars = ['values', 'formulas', 'address'];
  readonly format: Record<string, unknown>;
  readonly conditionalFormats: { add(type: string): unknown; clearAll(): void; load(props?: string): unknown; readonly items: unknown[]; getItem(id: string): { delete(): void } };
  readonly dataValidation: Record<string, unknown>;
  constructor(
    ctx: Context,
    private readonly target: () => Target,
    private readonly parts?: readonly string[],
  ) {
    super(ctx, 'range');
    const guard = (what: string, allow?: string) => () => {
      const { sheet } = this.target();
      if (sheet.protected && !(allow && sheet.options[allow])) throw new HostError('InvalidOperation', `${what} on the protected sheet ${sheet.name}`);
      return sheet;
    };
    const formatSetter = (name: string, version: string, allow?: string, apply?: (t: Target, v: unknown) => void) => ({
      set: (v: unknown) =>
        this.ctx.op(`range.format.${name}=`, version, () => {
          guard(`format.${name}`, allow)();
          apply?.(this.target(), v);
        }),
    });
    const fmt: Record<string, unknown> = {};
    Object.defineProperty(fmt, 'columnWidth', formatSetter('columnWidth', '1.2', 'allowFormatColumns', (t, v) => t.sheet.widths.set(t.area.c1, Number(v))));
    for (const p of ['wrapText', 'horizontalAlignment', 'verticalAlignment']) Object.defineProperty(fmt, p, formatSetter(p, '1.1', 'allowFormatCells'));
    const fill = {};
    Object.defineProperty(fill, 'color', formatSetter('fill.color', '1.1', 'allowFormatCells'));
    const font = {};
    Object.defineProperty(font, 'bold', formatSetter('font.bold', '1.1', 'allowFormatCells'));
    const protection = {};
    Object.defineProperty(
      protection,
      'locked',
      formatSetter('protection.locked', '1.2', undefined, (t, v) => this.each(t, (c) => (c.locked = Boolean(v)))),
    );
    Object.assign(fmt, { fill, font, protection });
    this.format = fmt;
    // The formats that overlap the range (ConditionalFormatCollection), loaded as a snapshot.
    const cfs = new CfCollection(ctx, () => {
      const t = this.target();
      const areas = (this.parts ?? [this.a1()]).map((a) => parseArea(a));
      return { sheet: t.sheet, marks: t.sheet.marks.filter((m) => m.address.split(',').some((a) => areas.some((b) => overlaps(parseArea(a), b)))) };
    });
    this.conditionalFormats = {
      load: (props?: string) => cfs.load(props),
      get items() {
        return cfs.items;
      },
      getItem: (id: string) => cfs.getItem(id),
      add: (type: string) => {
        const mark: FakeMark = { address: '', formula: '', fill: '' };
        this.ctx.op('conditionalFormats.add', '1.6', () => {
          if (type !== 'Custom') throw new HostError('InvalidArgument', `type ${type}`);
          const { sheet } = this.target();
          guard('conditionalFormats.add')();
          (mark as { address: string }).address = (this.parts ?? [this.a1()]).join(',');
          mark.type = 'Custom';
          markId(mark);
          sheet.marks.push(mark);
        });
        const rule = {};
        Object.defineProperty(rule, 'formula', { set: (v: string) => this.ctx.op('cf.rule.formula=', '1.6', () => void (mark.formula = v)) });
        const cfFill = {};
        Object.defineProperty(cfFill, 'color', { set: (v: string) => this.ctx.op('cf.fill.color=', '1.6', () => void (mark.fill = v)) });
        const cfFont = {};
        Object.defineProperty(cfFont, 'color', { set: (v: string) => this.ctx.op('cf.font.color=', '1.6', () => void (mark.fill = `font:${v}`)) });
        return { custom: { rule, format: { fill: cfFill, font: cfFont } } };
      },
      clearAll: () =>
        this.ctx.op('conditionalFormats.clearAll', '1.6', () => {
          const t = guard('conditionalFormats.clearAll')();
          // Every area of the range (RangeAreas have several); a format partly outside them is cleared where it is inside.
          const areas = (this.parts ?? [this.a1()]).map((a) => parseArea(a));
          t.marks = t.marks.flatMap((m) => {
            const kept = m.address.split(',').filter((a) => !areas.some((area) => inside(parseArea(a), area)));
            return kept.length === 0 ? [] : [{ ...m, address: kept.join(',') }];
          });
        }),
    };
    const dv = {};
    Object.defineProperty(dv, 'rule', {
      set: (v: unknown) =>
        this.ctx.op('range.dataValidation.rule=', '1.8', () => {
          guard('dataValidation')();
          this.target().sheet.validations.push(`${this.a1()} ${JSON.stringify(v)}`);
        }),
    });
    this.dataValidation = dv;
  }
  private a1(): string {
    const a = this.target().area;
    return absolute(a).replace(/\$/g, '');
  }
  refersTo(): string {
    const t = this.target();
    return `=${quoted(t.sheet.name)}!${absolute(t.area)}`;
  }
  private each(t: Target, f: (c: FakeCell, r: number, col: number) => void): void {
    for (let r = t.area.r1; r <= Math.min(t.area.r2, 10_000); r++) for (let c = t.area.c1; c <= t.area.c2; c++) f(t.sheet.cell(r, c), r, c);
  }
  protected read(prop: string): unknown {
    const t = this.target();
    if (prop === 'address') return `${quoted(t.sheet.name)}!${this.a1()}`;
    if (prop === 'rowIndex') return t.area.r1 - 1;
    if (prop === 'columnIndex') return t.area.c1 - 1;
    if (prop === 'rowCount') return t.area.r2 - t.area.r1 + 1;
    if (prop === 'columnCount') return t.area.c2 - t.area.c1 + 1;
    const out: unknown[][] = [];
    for (let r = t.area.r1; r <= t.area.r2; r++) {
      const row: unknown[] = [];
      for (let c = t.area.c1; c <= t.area.c2; c++) {
        const cell = t.sheet.peek(r, c);
        row.push(prop === 'formulas' && cell?.formula ? cell.formula : shown(this.ctx.book, t.sheet, cell));
      }
      out.push(row);
    }
    return out;
  }
  get values(): unknown[][] {
    return this.get('values') as unknown[][];
  }
  get rowIndex(): number {
    return this.get('rowIndex') as number;
  }
  get columnIndex(): number {
    return this.get('columnIndex') as number;
  }
  get rowCount(): number {
    return this.get('rowCount') as number;
  }
  get columnCount(): number {
    return this.get('columnCount') as number;
  }
  set values(v: unknown[][]) {
    this.write('values', v);
  }
  get formulas(): unknown[][] {
    return this.get('formulas') as unknown[][];
  }
  set formulas(v: unknown[][]) {
    this.write('formulas', v);
  }
  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.target().sheet);
  }
  private write(what: 'values' | 'formulas', v: unknown[][]): void {
    this.ctx.op(`range.${what}=`, '1.1', () => {
      const t = this.target();
      const rows = t.area.r2 - t.area.r1 + 1;
      const cols = t.area.c2 - t.area.c1 + 1;
      if (!Array.isArray(v) || v.length !== rows || v.some((r) => !Array.isArray(r) || r.length !== cols)) throw new HostError('InvalidArgument', `${what} do not match the range's ${rows}×${cols} size`);
      this.each(t, (c) => {
        if (t.sheet.protected && c.locked) throw new HostError('InvalidOperation', `the cell is on the protected sheet ${t.sheet.name}`);
      });
      this.each(t, (c, r, col) => {
        const x = v[r - t.area.r1]![col - t.area.c1];
        delete c.formula;
        if (typeof x === 'string' && x.startsWith('=')) c.formula = x;
        else if (typeof x === 'string' && x.startsWith("'")) c.value = x.slice(1);
        else if (typeof x === 'string' && /^-?\d+(\.\d+)?$/.test(x.trim())) c.value = Number(x);
        else c.value = (x ?? '') as string | number | boolean;
      });
    });
  }
  select(): void {
    this.ctx.op('range.select', '1.1', () => {
      const t = this.target();
      if (t.sheet.visibility !== 'Visible') throw new HostError('InvalidOperation', `sheet ${t.sheet.name} is hidden`);
      this.ctx.book.selected = `${t.sheet.name}!${this.a1()}`;
    });
  }
  merge(across = false): void {
    this.ctx.op('range.merge', '1.2', () => {
      const { sheet } = this.target();
      if (sheet.protected) throw new HostError('InvalidOperation', `merge on the protected sheet ${sheet.name}`);
      sheet.merges.push(`${this.a1()}${across ? ' across' : ''}`);
    });
  }
}

const overlaps = (a: Area, b: Area) => a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;

/**
 * A range's conditional formats (ExcelApi 1.6). Loaded items carry id, type and, through
 * customOrNullObject, a custom rule's formula; reading the formula of a format that is not custom
 * (a null object) throws — the documentation is silent, so the stricter choice. getItem(id).delete()
 * deletes the whole format; an id that is gone fails with ItemNotFound.
 */
class CfCollection extends CollectionProxy {
  constructor(
    ctx: Context,
    private readonly of: () => { sheet: FakeSheet; marks: FakeMark[] },
  ) {
    super(ctx, 'conditionalFormats');
  }
  override load(props?: string | string[]): this {
    this.ctx.op('conditionalFormats.load', '1.6', () => undefined);
    return super.load(props);
  }
  protected read(): unknown {
    return this.of().marks.map((m) => {
      const custom = (m.type ?? 'Custom') === 'Custom';
      const formula = m.formula;
      return {
        id: markId(m),
        type: m.type ?? 'Custom',
        customOrNullObject: {
          isNullObject: !custom,
          rule: {
            get formula() {
              if (!custom) throw new HostError('PropertyNotLoaded', 'the rule of a conditional format that is not custom (a null object)');
              return formula;
            },
          },
        },
      };
    });
  }
  get items(): { id: string; type: string; customOrNullObject: { isNullObject: boolean; rule: { formula: string } } }[] {
    return this.get('items') as never;
  }
  getItem(id: string): { delete(): void } {
    return {
      delete: () =>
        this.ctx.op('conditionalFormat.delete', '1.6', () => {
          const { sheet } = this.of();
          const m = sheet.marks.find((x) => x.id === id);
          if (!m) throw new HostError('ItemNotFound', `no conditional format ${id}`);
          if (sheet.protected) throw new HostError('InvalidOperation', `conditionalFormat.delete on the protected sheet ${sheet.name}`);
          sheet.marks = sheet.marks.filter((x) => x !== m);
        }),
    };
  }
}

export const inside = (a: Area, b: Area) => a.r1 >= b.r1 && a.r2 <= b.r2 && a.c1 >= b.c1 && a.c2 <= b.c2;

/** The globals `Excel` and `Office` of a host holding `book`, with its log. */
export function fakeExcel(book: FakeWorkbook, options: HostOptions = {}): { Excel: unknown; Office: unknown; log: HostLog; book: FakeWorkbook } {
  const host: Required<HostOptions> = { sets: '1.13', insertedNames: 'copied', insertLoses: [], platform: 'PC', nullNameTypes: false, ...options };
  const log: HostLog = { syncs: 0, calls: [] };
  const Excel = {
    async run<T>(callback: (context: Context) => Promise<T>): Promise<T> {
      const context = new Context(book, host, log);
      const result = await callback(context);
      // Excel.run sends what is still queued when the callback ends.
      if (context.queue.length) await context.sync();
      return result;
    },
    ConditionalFormatType: { custom: 'Custom' },
    SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
    WorksheetPositionType: { end: 'End', start: 'Start' },
    DataValidationOperator: { greaterThanOrEqualTo: 'GreaterThanOrEqualTo', between: 'Between' },
  };
  const minor = (v: string) => Number(v.split('.')[1]);
  const Office = {
    context: {
      platform: host.platform,
      requirements: { isSetSupported: (set: string, v: string) => (set === 'ExcelApi' ? minor(v) <= minor(host.sets) : set === 'SharedRuntime') },
    },
    PlatformType: { PC: 'PC', Mac: 'Mac', OfficeOnline: 'OfficeOnline', iOS: 'iOS', Android: 'Android', Universal: 'Universal' },
    HostType: { Excel: 'Excel' },
    onReady: (cb?: (info: { host: string; platform: string }) => void) => {
      const info = { host: 'Excel', platform: host.platform };
      cb?.(info);
      return Promise.resolve(info);
    },
  };
  return { Excel, Office, log, book };
}
