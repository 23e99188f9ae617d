/**
 * A streaming .xlsx reader: the bounded parts of the package (see zip.ts) parsed with a SAX parser,
 * only what the report reader asks for — the workbook part, its defined names, the shared strings
 * and the sheets it opens, each up to a bounded row and column. Cached formula results are kept
 * exactly as saved (0 included) and formulas without one are known. Works in Node and browsers.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { a1, parseSheetAddress } from '../a1';
import { EMPTY_CELL, type Grid, type GridCell, type WorkbookSource } from '../reader';
import { WorkbookReadError } from '../errors';
import { unzipWorkbook } from './zip';
import { shiftFormula } from '../formula-refs';

/** Rows and columns read from a sheet: the template needs fewer than 100 × 20; the rest is never looked at. */
export const SHEET_BOUNDS = { rows: 2000, cols: 100 } as const;

/** The package parts this reader uses; nothing else is inflated. */
const WANTED = /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|sharedStrings\.xml|styles\.xml|worksheets\/[^/]+\.xml)$/i;

const STOP = Symbol('stop');
const CHUNK = 1 << 18;

/** The local name of a tag (`x:c` → `c`): some producers write prefixed SpreadsheetML. */
const local = (name: string) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/** The local name of a sheet's tag: the common unprefixed names of the cell loop are taken as they are. */
const cellTag = (name: string) => (name === 'c' || name === 'v' || name === 'row' || name === 'f' ? name : local(name));

const decoder = new TextDecoder('utf-8');

/** Feeds XML bytes to a SAX parser (in chunks when large, so a handler that throws STOP ends the work early). */
function parse(bytes: Uint8Array, part: string, wire: (p: SaxesParser) => void): void {
  const parser = new SaxesParser();
  wire(parser);
  try {
    if (bytes.length <= CHUNK) parser.write(decoder.decode(bytes)).close();
    else {
      const stream = new TextDecoder('utf-8');
      for (let i = 0; i < bytes.length; i += CHUNK) parser.write(stream.decode(bytes.subarray(i, i + CHUNK), { stream: true }));
      parser.write(stream.decode()).close();
    }
  } catch (e) {
    if (e === STOP) return;
    if (e instanceof WorkbookReadError) throw e;
    throw new WorkbookReadError(`工作簿内容损坏（${part} 无法解析），请在 Excel 或 WPS 中打开后另存为 .xlsx 再试`);
  }
}

const attr = (tag: SaxesTagPlain, name: string): string | undefined => {
  const v = tag.attributes[name];
  return typeof v === 'string' ? v : undefined;
};

/** Shared strings: each `<si>` as its text, phonetic runs (`<rPh>`) left out. */
function sharedStrings(bytes: Uint8Array | undefined): string[] {
  const out: string[] = [];
  if (!bytes) return out;
  let text = '';
  let inT = false;
  let inPhonetic = 0;
  parse(bytes, 'sharedStrings.xml', (p) => {
    p.on('opentag', (t) => {
      const n = local(t.name);
      if (n === 'si') text = '';
      else if (n === 'rPh') inPhonetic++;
      else if (n === 't' && !inPhonetic) inT = true;
    });
    p.on('text', (s) => {
      if (inT) text += s;
    });
    p.on('closetag', (t) => {
      const n = local(t.name);
      if (n === 't') inT = false;
      else if (n === 'rPh') inPhonetic--;
      else if (n === 'si') out.push(text);
    });
  });
  return out;
}

/** Built-in number formats that are dates (ECMA-376 and the CJK ones Excel and WPS use). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58]);

/** A custom number format that shows a date: y, m or d outside quotes, brackets and escapes. */
const isDateCode = (code: string) => /[yd]|m(?![^"]*")/i.test(code.replace(/"[^"]*"|\[[^\]]*]|\\./g, '').replace(/[hs]+/gi, ''));

/**
 * For each cell style index: whether its number format is a date. Read with two patterns rather
 * than the SAX parser: only `<numFmt>` and the `<xf>` of `<cellXfs>` matter, and styles can be long.
 */
function dateStyles(bytes: Uint8Array | undefined): boolean[] {
  if (!bytes) return [];
  const xml = decoder.decode(bytes);
  const custom = new Map<number, string>();
  const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b[^>]*>/g)) {
    const id = /numFmtId="(\d+)"/.exec(m[0]);
    const code = /formatCode="([^"]*)"/.exec(m[0]);
    if (id) custom.set(Number(id[1]), unescape(code?.[1] ?? ''));
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  return [...xfs.matchAll(/<(?:\w+:)?xf\b[^>]*>/g)].map((m) => {
    const id = Number(/numFmtId="(\d+)"/.exec(m[0])?.[1] ?? 0);
    return custom.has(id) ? isDateCode(custom.get(id)!) : DATE_FORMAT_IDS.has(id);
  });
}

interface WorkbookPart {
  readonly sheets: { readonly name: string; readonly path: string }[];
  readonly names: ReadonlyMap<string, string>;
  readonly date1904: boolean;
}

/** The workbook part and its relationships: sheet names with their parts, global defined names. */
function workbookPart(parts: Record<string, Uint8Array>): WorkbookPart {
  const targets = new Map<string, string>();
  const rels = parts['xl/_rels/workbook.xml.rels'];
  if (rels) {
    parse(rels, 'workbook.xml.rels', (p) =>
      p.on('opentag', (t) => {
        if (local(t.name) !== 'Relationship') return;
        const target = attr(t, 'Target') ?? '';
        const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`.replace(/[^/]+\/\.\.\//g, '');
        targets.set(attr(t, 'Id') ?? '', path);
      }),
    );
  }
  const sheets: { name: string; path: string }[] = [];
  const names = new Map<string, string>();
  let date1904 = false;
  let nameOpen: { name: string; local: boolean } | undefined;
  let nameText = '';
  parse(parts['xl/workbook.xml']!, 'workbook.xml', (p) => {
    p.on('opentag', (t) => {
      const n = local(t.name);
      if (n === 'sheet') {
        const rid = Object.entries(t.attributes).find(([k]) => local(k) === 'id')?.[1];
        sheets.push({ name: attr(t, 'name') ?? '', path: targets.get(String(rid)) ?? '' });
      } else if (n === 'workbookPr') date1904 = attr(t, 'date1904') === '1' || attr(t, 'date1904') === 'true';
      else if (n === 'definedName') {
        nameOpen = { name: attr(t, 'name') ?? '', local: attr(t, 'localSheetId') !== undefined };
        nameText = '';
      }
    });
    p.on('text', (s) => {
      if (nameOpen) nameText += s;
    });
    p.on('closetag', (t) => {
      if (local(t.name) !== 'definedName' || !nameOpen) return;
      // A workbook-wide name wins over a sheet's own name of the same spelling.
      const key = nameOpen.name.toUpperCase();
      if (!nameOpen.local || !names.has(key)) names.set(key, nameText);
      nameOpen = undefined;
    });
  });
  return { sheets, names, date1904 };
}

/** Column letters of a reference (`AB12` → 28), or 0. */
function colOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + c - 64;
  }
  return col;
}

/** A serial date as YYYY-MM-DD (the 1900 or the 1904 date system). */
function serialDate(serial: number, date1904: boolean): string | undefined {
  const ms = Math.round((serial + (date1904 ? 1462 : 0) - 25569) * 86_400_000);
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().slice(0, 10);
}

interface Context {
  readonly strings: readonly string[];
  readonly dates: readonly boolean[];
  readonly date1904: boolean;
}

/** A cell from its XML pieces, as the reader takes it. */
function cellOf(type: string | undefined, style: number, raw: string | undefined, inline: string | undefined, formula: boolean, ctx: Context): GridCell {
  if (raw === undefined && inline === undefined) return formula ? { value: null, text: '', formula: true, noResult: true } : EMPTY_CELL;
  const text = (s: string): GridCell => (s === '' ? { ...EMPTY_CELL, formula } : { value: s, text: s, formula, noResult: false });
  switch (type) {
    case 's': {
      const s = ctx.strings[Number(raw)];
      return s === undefined ? { value: { error: '#REF!' }, text: '#REF!', formula, noResult: false } : text(s);
    }
    case 'inlineStr':
      return text(inline ?? raw ?? '');
    case 'str':
      return text(raw ?? '');
    case 'b':
      return text(raw === '1' || raw === 'true' ? 'true' : 'false');
    case 'e':
      return { value: { error: raw ?? '#VALUE!' }, text: raw ?? '#VALUE!', formula, noResult: false };
    case 'd': {
      const date = (raw ?? '').slice(0, 10);
      return { value: date, text: date, formula, noResult: false, date };
    }
    default: {
      const n = Number(raw);
      if (raw === undefined || raw.trim() === '' || !Number.isFinite(n)) return text(raw ?? '');
      // A date-formatted number stays the number Excel holds (as Office.js gives it); the date is known besides.
      const date = ctx.dates[style] ? serialDate(n, ctx.date1904) : undefined;
      return date ? { value: n, text: String(n), formula, noResult: false, date } : { value: n, text: String(n), formula, noResult: false };
    }
  }
}

/** The most characters Excel and WPS hold in a cell: longer text was not saved by a spreadsheet. */
const CELL_TEXT_MAX = 32_767;

/** The cells of one sheet within the bounds, parsed once. */
function sheetCells(bytes: Uint8Array, name: string, sheet: string, ctx: Context): Map<number, GridCell> {
  const cells = new Map<number, GridCell>();
  let row = 0;
  let col = 0;
  let type: string | undefined;
  let style = 0;
  let formula = false;
  let formulaText = '';
  let shared: { si: string; master: boolean } | undefined;
  /** Shared formulas by their index: the text and where it stands (the other cells move its references). */
  const masters = new Map<string, { text: string; row: number; col: number }>();
  let raw: string | undefined;
  let inline: string | undefined;
  let capture: 'v' | 't' | 'f' | undefined;
  parse(bytes, name, (p) => {
    p.on('opentag', (t) => {
      switch (cellTag(t.name)) {
        case 'row': {
          const r = attr(t, 'r');
          row = r ? Number(r) : row + 1;
          col = 0;
          // Rows come in order: past the bound nothing more is read (a sheet of a million empty rows costs nothing).
          if (row > SHEET_BOUNDS.rows) throw STOP;
          break;
        }
        case 'c': {
          const ref = attr(t, 'r');
          col = ref ? colOf(ref) : col + 1;
          type = attr(t, 't');
          style = Number(attr(t, 's') ?? 0);
          formula = false;
          formulaText = '';
          raw = undefined;
          inline = undefined;
          break;
        }
        case 'f': {
          formula = true;
          capture = 'f';
          const si = attr(t, 'si');
          shared = attr(t, 't') === 'shared' && si !== undefined ? { si, master: attr(t, 'ref') !== undefined } : undefined;
          break;
        }
        case 'v':
          capture = 'v';
          raw = '';
          break;
        case 't':
          if (type === 'inlineStr') {
            capture = 't';
            inline ??= '';
          }
          break;
      }
    });
    p.on('text', (s) => {
      if (capture === 'v') raw += s;
      else if (capture === 't') inline += s;
      else if (capture === 'f' && formulaText.length < 8192) formulaText += s;
    });
    p.on('closetag', (t) => {
      switch (cellTag(t.name)) {
        case 'v':
        case 't':
          capture = undefined;
          break;
        case 'f':
          capture = undefined;
          if (shared?.master && formulaText) masters.set(shared.si, { text: formulaText, row, col });
          else if (shared && !formulaText) {
            const m = masters.get(shared.si);
            if (m) formulaText = shiftFormula(m.text, row - m.row, col - m.col);
          }
          shared = undefined;
          break;
        case 'c':
          if (col > 0 && col <= SHEET_BOUNDS.cols) {
            const read = cellOf(type, style, raw, inline, formula, ctx);
            const c = formula && formulaText ? { ...read, formulaText } : read;
            if (c.text.length > CELL_TEXT_MAX) {
              throw new WorkbookReadError(`${sheet}!${a1(row, col)} 的文字有 ${c.text.length} 个字符，超过 Excel 单元格的上限（32767 个）：这不是 Excel 或 WPS 保存的工作簿，请在 Excel 或 WPS 中打开后另存再试`);
            }
            if (c !== EMPTY_CELL) cells.set(row * 16384 + col, c);
          }
          break;
        case 'sheetData':
          throw STOP;
      }
    });
  });
  return cells;
}

/** A workbook's bytes as a WorkbookSource: sheets are parsed when the reader first asks for them. */
export function xlsxSource(buf: Uint8Array): WorkbookSource {
  const parts = unzipWorkbook(buf, (name) => WANTED.test(name));
  const book = workbookPart(parts);
  const ctx: Context = { strings: sharedStrings(parts['xl/sharedStrings.xml']), dates: dateStyles(parts['xl/styles.xml']), date1904: book.date1904 };
  const grids = new Map<string, Grid | undefined>();
  const grid = (name: string): Grid | undefined => {
    const key = name.toLowerCase();
    if (grids.has(key)) return grids.get(key);
    const sheet = book.sheets.find((s) => s.name.toLowerCase() === key);
    const bytes = sheet && parts[sheet.path];
    let g: Grid | undefined;
    if (sheet && bytes) {
      const cells = sheetCells(bytes, sheet.path, sheet.name, ctx);
      g = { name: sheet.name, cell: (row, col) => cells.get(row * 16384 + col) ?? EMPTY_CELL, cells: () => cells.keys() };
    }
    grids.set(key, g);
    return g;
  };
  return {
    name(name) {
      const at = parseSheetAddress(book.names.get(name.toUpperCase()) ?? '');
      const g = at && grid(at.sheet);
      return at && g ? { grid: g, row: at.row, col: at.col } : undefined;
    },
    sheet: grid,
    sheetNames: () => book.sheets.map((s) => s.name),
  };
}
