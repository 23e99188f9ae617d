/**
 * A recording stand-in for the Excel object model: every property path, call and assignment is
 * logged; collections answer `items` from a script. Used where the test cares about what is
 * written (inserting the template), not about what is read.
 */
export interface Recording {
  calls: { path: string; args: unknown[] }[];
  sets: { path: string; value: unknown }[];
  syncs: number;
}

export function recorder(script: { sheets: string[]; names: string[]; sets: string }) {
  const rec: Recording = { calls: [], sets: [], syncs: 0 };
  const sheets = [...script.sheets];
  const names = [...script.names];
  const node = (path: string): unknown =>
    new Proxy(function () {}, {
      get(_t, prop) {
        if (prop === 'then') return undefined;
        if (path === 'context' && prop === 'sync') return async () => void rec.syncs++;
        if (path.endsWith('worksheets') && prop === 'items') return sheets.map((name) => ({ name, ...(node(`${path}[${name}]`) as object), delete: () => (rec.calls.push({ path: `worksheets[${name}].delete`, args: [] }), sheets.splice(sheets.indexOf(name), 1)), set visibility(v: unknown) { rec.sets.push({ path: `worksheets[${name}].visibility`, value: v }); } }));
        if (path.endsWith('names') && prop === 'items') return names.map((name) => ({ name, delete: () => (rec.calls.push({ path: `names[${name}].delete`, args: [] }), names.splice(names.indexOf(name), 1)) }));
        return node(`${path}.${String(prop)}`);
      },
      set(_t, prop, value) {
        rec.sets.push({ path: `${path}.${String(prop)}`, value });
        return true;
      },
      apply(_t, _this, args) {
        rec.calls.push({ path, args });
        if (path.endsWith('worksheets.add')) sheets.push(String(args[0]));
        if (path.endsWith('names.add')) names.push(String(args[0]));
        return node(`${path}(${args.map((a) => (typeof a === 'string' ? a : typeof a)).join(',')})`);
      },
    });
  const minor = (v: string) => Number(v.split('.')[1]);
  const Excel = {
    run: async (cb: (ctx: unknown) => Promise<unknown>) => cb(node('context')),
    WorksheetPositionType: { end: 'End' },
    SheetVisibility: { visible: 'Visible', veryHidden: 'VeryHidden' },
    DataValidationOperator: { greaterThanOrEqualTo: 'GreaterThanOrEqualTo', between: 'Between' },
  };
  const Office = { context: { requirements: { isSetSupported: (_: string, v: string) => minor(v) <= minor(script.sets) } } };
  return { Excel, Office, rec, sheets, names };
}
