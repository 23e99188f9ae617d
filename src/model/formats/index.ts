import { compileFormat, type CompiledFormat } from './compile';
import { FORMAT_DEFS, FORMAT_IDS } from './definitions';
import type { FormatId } from './types';

export type * from './types';
export type { CellDef, CompiledFormat, Equation, TableInfo } from './compile';
export { FORMAT_IDS } from './definitions';

const compiled = new Map<FormatId, CompiledFormat>();

/** The compiled definition of a format (built once, then shared). */
export function getFormat(id: FormatId): CompiledFormat {
  let f = compiled.get(id);
  if (!f) {
    f = compileFormat(FORMAT_DEFS[id]);
    compiled.set(id, f);
  }
  return f;
}

/** The format in force for a report year: 2019–2020 → 2019, 2021 and later → 2021. */
export function formatForYear(year: number): FormatId {
  const hit = FORMAT_IDS.find((id) => {
    const [from, to] = FORMAT_DEFS[id].years;
    return year >= from && (to === undefined || year <= to);
  });
  return hit ?? (year < FORMAT_DEFS['2019'].years[0] ? '2019' : '2021');
}

export function isFormatId(x: unknown): x is FormatId {
  return typeof x === 'string' && (FORMAT_IDS as readonly string[]).includes(x);
}
