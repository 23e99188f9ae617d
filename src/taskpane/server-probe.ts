/* global fetch, window */
/**
 * Is this page served by the office's collection server (`xxgk serve`)? Asked once; only then is
 * the 报送 code loaded, so a pane or page without a server carries none of it.
 */
import type { Report, ValidationResult } from '../model/core';
import type { Surface } from '../flows/export';

export async function whenServed(current: () => { report: Report; result: ValidationResult } | undefined, surface: Surface): Promise<void> {
  if (!/^https?:$/.test(window.location.protocol)) return;
  try {
    const res = await fetch(new URL('/api/info', window.location.origin).toString(), { credentials: 'omit' });
    if (!res.ok || !((await res.json()) as { server?: boolean }).server) return;
  } catch {
    return;
  }
  (await import(/* webpackChunkName: "submit" */ './submit')).wireSubmit(current, surface);
}
