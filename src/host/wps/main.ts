/**
 * The WPS add-in's main script (index.html loads it when WPS 表格 starts): the ribbon's callbacks
 * (ribbon.xml names them) and the custom functions. The ribbon button opens the task pane.
 */
import { registerFunctions } from './functions';

interface TaskPane {
  readonly ID: string;
  Visible: boolean;
}
interface WpsRuntime {
  CreateTaskPane(url: string, title?: string): TaskPane;
  GetTaskPane(id: string): TaskPane | undefined;
  PluginStorage: { getItem(key: string): unknown; setItem(key: string, value: unknown): void };
  AddCustomFunction?: (namespace: string, name: string, fn: (...args: unknown[]) => unknown) => void;
}

const PANE_KEY = 'xxgk_taskpane_id';
export const PANE_TITLE = '政府信息公开年报校验';

/** The ribbon button: opens the task pane, or shows and hides the one already open. */
export function togglePane(wps: WpsRuntime, pageHref: string): TaskPane {
  const id = wps.PluginStorage.getItem(PANE_KEY);
  const existing = typeof id === 'string' ? wps.GetTaskPane(id) : undefined;
  if (existing) {
    existing.Visible = !existing.Visible;
    return existing;
  }
  const pane = wps.CreateTaskPane(new URL('taskpane.html', pageHref).href, PANE_TITLE);
  wps.PluginStorage.setItem(PANE_KEY, pane.ID);
  pane.Visible = true;
  return pane;
}

/** Ribbon callbacks as WPS calls them: by the names in ribbon.xml, on the page's global object. */
export function ribbonCallbacks(wps: WpsRuntime, pageHref: string) {
  return {
    OnAddinLoad: () => true,
    OnAction: (control: { Id: string }) => {
      if (control.Id === 'xxgkOpenPane') togglePane(wps, pageHref);
      return true;
    },
    GetImage: () => 'assets/icons/icon-80.png',
  };
}

const scope = globalThis as unknown as { wps?: WpsRuntime; Application?: WpsRuntime; location?: { href: string } };
// Kingsoft's samples open panes through window.Application and register functions on the global `wps`.
const app = scope.Application ?? scope.wps;
if (app && scope.location) Object.assign(globalThis, ribbonCallbacks(app, scope.location.href));
registerFunctions(scope.wps ?? scope.Application);
