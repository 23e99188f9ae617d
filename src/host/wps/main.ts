/**
 * The WPS add-in's main script (index.html loads it when WPS 表格 starts): the ribbon's callbacks
 * (ribbon.xml names them) and the custom functions. The ribbon buttons open the task pane and the 使用说明.
 */
import { registerFunctions } from './functions';

/** wps-jsapi declares `TaskPane.ID: number`; Kingsoft's templates store and compare it as it comes. */
interface TaskPane {
  readonly ID: number | string;
  Visible: boolean;
}
interface WpsRuntime {
  CreateTaskPane(url: string, title?: string): TaskPane;
  GetTaskPane(id: number | string): TaskPane | undefined;
  PluginStorage: { getItem(key: string): unknown; setItem(key: string, value: unknown): void };
  AddCustomFunction?: (namespace: string, name: string, fn: (...args: unknown[]) => unknown) => void;
}

const PANE_KEY = 'xxgk_taskpane_id';
export const PANE_TITLE = '政府信息公开年报校验';

/** The ribbon button: opens the task pane, or shows and hides the one already open. */
export function togglePane(wps: WpsRuntime, pageHref: string): TaskPane {
  const id = wps.PluginStorage.getItem(PANE_KEY);
  // The ID as WPS gave it (a number in wps-jsapi); PluginStorage may give it back as text.
  const existing = typeof id === 'number' || (typeof id === 'string' && id !== '') ? wps.GetTaskPane(typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : id) : undefined;
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
      // 使用说明 in a pane of its own, beside the spreadsheet (the same documented CreateTaskPane).
      if (control.Id === 'xxgkHelp') wps.CreateTaskPane(new URL('help.html', pageHref).href, '使用说明').Visible = true;
      return true;
    },
    GetImage: () => 'assets/icons/icon-80.png',
  };
}

const scope = globalThis as unknown as { wps?: WpsRuntime; Application?: WpsRuntime; location?: { href: string } };
/** Kingsoft's samples open panes through window.Application and register functions on the global `wps`: looked up when called, not when this loads. */
const runtime = (): WpsRuntime => {
  const app = scope.Application ?? scope.wps;
  if (!app) throw new Error('WPS 加载项接口不可用：请在 WPS 表格中使用');
  return app;
};
const page = () => scope.location?.href ?? '';
// Defined whatever is there when the script loads: WPS calls them by name from ribbon.xml.
Object.assign(globalThis, {
  OnAddinLoad: () => true,
  OnAction: (control: { Id: string }) => ribbonCallbacks(runtime(), page()).OnAction(control),
  GetImage: () => 'assets/icons/icon-80.png',
});
registerFunctions(scope.wps ?? scope.Application);
