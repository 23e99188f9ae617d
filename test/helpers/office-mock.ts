/**
 * An Excel host for adapter tests, built with office-addin-mock from a workbook made by the
 * template code: the same cells, formulas and defined names the task pane would find in Excel.
 */
import type ExcelJS from 'exceljs';
import { OfficeMockObject } from 'office-addin-mock';
import { getLayout, sheetName, type SheetId } from '../../src/model/layout';
import { gridArea } from '../../src/taskpane/excel-adapter';

export interface HostLog {
  syncs: number;
  /** Every Excel API call the code made (method calls on the mock), in order. */
  calls: string[];
  /** Conditional formats added: sheet, address, fill colour. */
  marks: { sheet: string; address: string; color: string }[];
  cleared: string[];
  /** Writes of values or formulas (the adapter must make none during 校验). */
  writes: { sheet: string; address: string; what: string; value: unknown }[];
  selected: string[];
  gridAddresses: string[];
}

function colNumber(letters: string): number {
  return letters.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/** values and formulas arrays of a sheet area, as Range.values / Range.formulas give them. */
function arrays(ws: ExcelJS.Worksheet, area: string): { values: unknown[][]; formulas: unknown[][] } {
  const m = /^A1:([A-Z]+)(\d+)$/.exec(area)!;
  const cols = colNumber(m[1]!);
  const rows = Number(m[2]);
  const values: unknown[][] = [];
  const formulas: unknown[][] = [];
  for (let r = 1; r <= rows; r++) {
    const vr: unknown[] = [];
    const fr: unknown[] = [];
    for (let c = 1; c <= cols; c++) {
      const cell = ws.getCell(r, c);
      const v = cell.isMerged && cell.master !== cell ? null : cell.value;
      if (v && typeof v === 'object' && 'formula' in v) {
        const result = (v as ExcelJS.CellFormulaValue).result;
        vr.push(result === undefined || result === null ? 0 : typeof result === 'object' && 'error' in result ? result.error : result);
        fr.push(`=${(v as ExcelJS.CellFormulaValue).formula}`);
      } else if (v && typeof v === 'object' && 'error' in v) {
        vr.push(v.error);
        fr.push(v.error);
      } else if (v instanceof Date) {
        const serial = Math.round((v.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000);
        vr.push(serial);
        fr.push(serial);
      } else {
        vr.push(v === null || v === undefined ? '' : v);
        fr.push(v === null || v === undefined ? '' : v);
      }
    }
    values.push(vr);
    formulas.push(fr);
  }
  return { values, formulas };
}

export function excelHost(wb: ExcelJS.Workbook, options: { sets?: string } = {}): { Excel: unknown; Office: unknown; log: HostLog } {
  const log: HostLog = { syncs: 0, calls: [], marks: [], cleared: [], writes: [], selected: [], gridAddresses: [] };
  const minor = (v: string) => Number(v.split('.')[1]);
  const maxSet = minor(options.sets ?? '1.13');
  const formatId = String(wb.getWorksheet(sheetName('info'))?.getCell('B1').value ?? '2021');
  const layout = getLayout(formatId === '2019' ? '2019' : '2021');

  /** A range object that records what is done to it. */
  const writableRange = (sheet: string, address: string) => {
    const cfs = {
      add: (type: string) => {
        log.calls.push('conditionalFormats.add');
        const cf = { custom: { rule: { formula: '' }, format: { fill: { color: '' } } }, type };
        // The colour is set after add returns: read it when the test looks.
        queueMicrotask(() => undefined);
        const entry = { sheet, address, color: '' };
        log.marks.push(entry);
        return new Proxy(cf, {
          get(target, prop) {
            if (prop === 'custom') {
              return {
                rule: target.custom.rule,
                format: {
                  fill: new Proxy(target.custom.format.fill, {
                    set(t, p, v) {
                      if (p === 'color') entry.color = String(v);
                      (t as Record<string, unknown>)[p as string] = v;
                      return true;
                    },
                  }),
                },
              };
            }
            return (target as Record<string | symbol, unknown>)[prop];
          },
        });
      },
      clearAll: () => {
        log.calls.push('conditionalFormats.clearAll');
        log.cleared.push(`${sheet}!${address}`);
      },
    };
    return new Proxy(
      {
        conditionalFormats: cfs,
        select: () => {
          log.calls.push('range.select');
          log.selected.push(`${sheet}!${address}`);
        },
      },
      {
        set(target, prop, value) {
          log.writes.push({ sheet, address, what: String(prop), value });
          (target as Record<string | symbol, unknown>)[prop] = value;
          return true;
        },
      },
    );
  };

  /**
   * Properties as Office.js serves them: readable only after load() and a context.sync() — the
   * check that the adapter reads nothing it did not load in the batch.
   */
  const loadable = <T extends object>(what: string, props: Record<string, unknown>, rest: T): T & { load(p: string): void } => {
    let loadedAt = -1;
    const requested = new Set<string>();
    const obj = {
      ...rest,
      load(p: string) {
        log.calls.push(`${what}.load`);
        for (const x of p.split(',').map((s) => s.trim())) requested.add(x);
        loadedAt = log.syncs;
      },
    } as T & { load(p: string): void };
    for (const [k, v] of Object.entries(props)) {
      Object.defineProperty(obj, k, {
        get() {
          if (!requested.has(k) || loadedAt < 0 || log.syncs <= loadedAt) throw new Error(`PropertyNotLoaded: ${what}.${k}`);
          return v;
        },
      });
    }
    return obj;
  };

  const sheets: Record<string, unknown> = {};
  const byName: Record<string, unknown> = {};
  for (const s of layout.sheets) {
    const ws = wb.getWorksheet(s.name);
    if (!ws) continue;
    const area = gridArea(s.id as SheetId);
    const data = arrays(ws, area);
    const grid = loadable('range', data, {
      conditionalFormats: { clearAll: () => (log.calls.push('conditionalFormats.clearAll'), log.cleared.push(`${ws.name}!${area}`)) },
    });
    const sheet = loadable('worksheet', { name: ws.name }, {
      getRange(address: string) {
        log.calls.push('worksheet.getRange');
        if (address === area) {
          log.gridAddresses.push(`${ws.name}!${address}`);
          return grid;
        }
        return writableRange(ws.name, address);
      },
      getRanges(address: string) {
        log.calls.push('worksheet.getRanges');
        return writableRange(ws.name, address);
      },
      activate() {
        log.calls.push('worksheet.activate');
      },
    });
    sheets[s.id] = sheet;
    byName[ws.name] = sheet;
    byName[s.name] = sheet;
  }
  const names: { name: string; value: string }[] = [];
  wb.definedNames.model.forEach((n: { name: string; ranges: string[] }) => names.push({ name: n.name, value: `=${n.ranges[0]}` }));
  const namedItems: Record<string, unknown> = {};
  for (const n of names) {
    const sheetOf = /^='?([^'!]+)'?!/.exec(n.value)![1]!;
    const id = layout.sheets.find((s) => s.name === sheetOf)?.id;
    namedItems[n.name] = { getRange: () => ({ worksheet: id ? sheets[id] : undefined }) };
  }

  const mock = new OfficeMockObject({
    context: {
      workbook: {
        names: {
          items: names,
          getItem(name: string) {
            log.calls.push('names.getItem');
            const item = namedItems[name];
            if (!item) throw Object.assign(new Error(`name ${name} not found`), { code: 'ItemNotFound' });
            const range = (item as { getRange: () => { worksheet: unknown } }).getRange();
            return { getRange: () => (log.calls.push('namedItem.getRange'), range) };
          },
        },
        worksheets: {
          getItem(name: string) {
            log.calls.push('worksheets.getItem');
            const ws = byName[name];
            if (!ws) throw Object.assign(new Error(`sheet ${name} not found`), { code: 'ItemNotFound' });
            return ws;
          },
        },
      },
    },
    ConditionalFormatType: { custom: 'Custom' },
    run: async function (callback: (context: unknown) => Promise<unknown>) {
      return callback((this as unknown as { context: unknown }).context);
    },
  }) as unknown as { context: { sync: () => Promise<void> } };
  // Count syncs: the mock's own sync loads what was asked.
  const sync = mock.context.sync.bind(mock.context);
  mock.context.sync = async () => {
    log.syncs++;
    log.calls.push('context.sync');
    await sync();
  };
  const office = { context: { requirements: { isSetSupported: (_: string, v: string) => minor(v) <= maxSet } } };
  return { Excel: mock, Office: office, log };
}
