/**
 * XXGK.ROWTOTAL, BALANCE, CHECK and JSON in WPS 表格: the Excel add-in's functions, registered the
 * WPS way (`wps.AddCustomFunction(namespace, name, fn)`; functions.json, made from Excel's metadata
 * at build time, declares them). A function that cannot compute returns its reason as #VALUE! text.
 */
import { FUNCTIONS } from '../../functions/functions';

export const NAMESPACE = 'XXGK';

interface WpsGlobal {
  AddCustomFunction?: (namespace: string, name: string, fn: (...args: unknown[]) => unknown) => void;
}

/** Registers every function where WPS offers custom functions; returns the names registered. */
export function registerFunctions(wps: WpsGlobal | undefined): string[] {
  if (!wps || typeof wps.AddCustomFunction !== 'function') return [];
  const names: string[] = [];
  for (const [name, fn] of Object.entries(FUNCTIONS)) {
    wps.AddCustomFunction(NAMESPACE, name, (...args: unknown[]) => {
      try {
        return (fn as (...a: unknown[]) => unknown)(...args);
      } catch (e) {
        return `#VALUE! ${e instanceof Error ? e.message : String(e)}`;
      }
    });
    names.push(name);
  }
  return names;
}

/** Whether this WPS registers custom functions (WPS 12.1.0.20540 or later, Kingsoft's documentation): older ones show #NAME?. */
export function customFunctionsAvailable(scope: { wps?: WpsGlobal }): boolean {
  return typeof scope.wps?.AddCustomFunction === 'function';
}
