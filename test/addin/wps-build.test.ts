/**
 * `npm run build:wps`: the WPS add-in folder and its deployment files, checked as WPS reads them —
 * well-formed XML (libxml2), the ribbon's callbacks defined by the main script, the custom
 * functions' two metadata outputs from one source, and the pane page without office.js.
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runInNewContext } from 'vm';
import { validateXML } from 'xmllint-wasm';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import { VERSION } from '../../src/version';

jest.setTimeout(180_000);

const ROOT = join(__dirname, '../..');
const SERVER = 'http://xxgk.intranet.gov.cn/addins/';

/** libxml2's verdict on well-formedness (no schema): the errors, none when WPS can parse it. */
async function xmlErrors(xml: string): Promise<string[]> {
  // Reformatting parses the file: errors where it is not well-formed.
  const r = await validateXML({ xml: [{ fileName: 'file.xml', contents: xml }], normalization: 'format' });
  return r.valid ? [] : r.errors.map((e) => e.rawMessage);
}

const attrs = (xml: string, tag: string) =>
  [...xml.matchAll(new RegExp(`<${tag}\\s([^>]*?)/?>`, 'g'))].map((m) => Object.fromEntries([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]])));

describe('npm run build:wps', () => {
  let out = '';
  let addin = '';
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'xxgk-wps-'));
    execFileSync('npx', ['webpack', '--mode', 'production', '--env', 'wps', '--env', `outDir=${out}`, '--env', `wpsUrl=${SERVER}`], { cwd: ROOT, stdio: 'pipe' });
    addin = join(out, `xxgk_${VERSION}`);
  });

  test('the add-in folder xxgk_<version> holds the ribbon, the main page and script, the pane, the functions, the templates', () => {
    for (const f of ['ribbon.xml', 'index.html', 'main.js', 'taskpane.html', 'taskpane.js', 'taskpane.css', 'functions.json', 'manifest.xml', 'assets/template-2021.xlsx', 'assets/template-2019.xlsx', 'assets/icons/icon-80.png']) {
      expect([f, existsSync(join(addin, f))]).toEqual([f, true]);
    }
  });

  test('ribbon.xml: well-formed customUI with the tab 政府信息公开 and the group 年报校验; its callbacks are what main.js defines', async () => {
    const ribbon = readFileSync(join(addin, 'ribbon.xml'), 'utf8');
    expect(await xmlErrors(ribbon)).toEqual([]);
    expect(ribbon).toContain('xmlns="http://schemas.microsoft.com/office/2006/01/customui"');
    expect(attrs(ribbon, 'tab')).toEqual([expect.objectContaining({ label: '政府信息公开' })]);
    expect(attrs(ribbon, 'group')).toEqual([expect.objectContaining({ label: '年报校验' })]);
    const button = attrs(ribbon, 'button')[0]!;
    const callbacks = [/onLoad="(\w+)"/.exec(ribbon)![1]!, button.onAction!, button.getImage!];

    // main.js as WPS runs it: a page with window.Application and the global wps — or only one of them.
    // Pane IDs are numbers (wps-jsapi: `TaskPane.ID: number`); PluginStorage keeps text (the stricter reading:
    // Kingsoft documents it like localStorage).
    const run = (globals: 'both' | 'Application' | 'wps') => {
      const panes: { url: string; title: string; Visible: boolean; ID: number }[] = [];
      const storage = new Map<string, string>();
      const functions: string[] = [];
      const app = {
        CreateTaskPane: (url: string, title: string) => (panes.push({ url, title, Visible: false, ID: 1000 + panes.length }), panes[panes.length - 1]),
        GetTaskPane: (id: number) => panes.find((p) => p.ID === id),
        PluginStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: unknown) => storage.set(k, String(v)) },
      };
      const wps = { ...(globals === 'wps' ? app : {}), AddCustomFunction: (ns: string, name: string) => functions.push(`${ns}.${name}`) };
      const sandbox: Record<string, unknown> = {
        ...(globals !== 'wps' ? { Application: app } : {}),
        ...(globals !== 'Application' ? { wps } : {}),
        location: { href: `file:///home/clerk/.local/share/Kingsoft/wps/jsaddons/xxgk_${VERSION}/index.html` },
        URL,
        TextEncoder,
        TextDecoder,
        console,
      };
      sandbox.window = sandbox;
      sandbox.self = sandbox;
      runInNewContext(readFileSync(join(addin, 'main.js'), 'utf8'), sandbox);
      return { sandbox, panes, functions, click: () => (sandbox[button.onAction!] as (c: { Id: string }) => boolean)({ Id: button.id! }) };
    };
    for (const globals of ['both', 'Application', 'wps'] as const) {
      const { sandbox, panes, functions, click } = run(globals);
      for (const c of callbacks) expect([globals, c, typeof sandbox[c]]).toEqual([globals, c, 'function']);
      expect(click()).toBe(true);
      expect(panes).toEqual([expect.objectContaining({ url: `file:///home/clerk/.local/share/Kingsoft/wps/jsaddons/xxgk_${VERSION}/taskpane.html`, Visible: true })]);
      // Three clicks in all: still one pane, hidden and shown again.
      click();
      click();
      expect([globals, panes.map((p) => p.Visible)]).toEqual([globals, [true]]);
      expect(existsSync(join(addin, (sandbox[button.getImage!] as () => string)()))).toBe(true);
      const wpsFunctions = JSON.parse(readFileSync(join(addin, 'functions.json'), 'utf8')) as { functions: { name: string }[] };
      if (globals !== 'Application') expect(functions).toEqual(wpsFunctions.functions.map((f) => `XXGK.${f.name}`));
    }
  });

  test('functions.json in WPS\'s format from the same source as Excel\'s metadata: same names, descriptions, parameters; manifest.xml declares it under XXGK', async () => {
    const office = JSON.parse((await generateCustomFunctionsMetadata(join(ROOT, 'src/functions/functions.ts'))).metadataJson) as {
      functions: { name: string; description: string; parameters: { name: string; description: string; dimensionality: string }[] }[];
    };
    const wps = JSON.parse(readFileSync(join(addin, 'functions.json'), 'utf8')) as { functions: { name: string; description: string; parameters: { name: string; description: string; type: string }[]; result: { type: string } }[] };
    expect(wps.functions.map((f) => [f.name, f.description, f.parameters.map((p) => [p.name, p.description])])).toEqual(office.functions.map((f) => [f.name, f.description, f.parameters.map((p) => [p.name, p.description])]));
    expect(wps.functions.flatMap((f) => f.parameters.map((p) => p.type))).toEqual(office.functions.flatMap((f) => f.parameters.map((p) => (p.dimensionality === 'matrix' ? 'any[][]' : 'any'))));
    expect(Object.fromEntries(wps.functions.map((f) => [f.name, f.result.type]))).toEqual({ ROWTOTAL: 'number', BALANCE: 'number[][]', CHECK: 'string', JSON: 'string' });
    const manifest = readFileSync(join(addin, 'manifest.xml'), 'utf8');
    expect(await xmlErrors(manifest)).toEqual([]);
    expect(manifest).toMatch(/<Functions>\s*<Uri>\/functions\.json<\/Uri>\s*<Namespace>XXGK<\/Namespace>\s*<\/Functions>/);
  });

  test('publish.xml (offline: copied into jsaddons beside the folder) and jsplugins.xml (online, from the intranet server)', async () => {
    const publish = readFileSync(join(out, 'publish.xml'), 'utf8');
    expect(await xmlErrors(publish)).toEqual([]);
    // As wpsjs's own build.js writes it: without enable/install the offline add-in may never load.
    expect(attrs(publish, 'jsplugin')).toEqual([{ name: 'xxgk', type: 'et', url: `xxgk_${VERSION}`, version: VERSION, enable: 'enable_dev', install: 'null' }]);
    const online = readFileSync(join(out, 'jsplugins.xml'), 'utf8');
    expect(await xmlErrors(online)).toEqual([]);
    expect(attrs(online, 'jspluginonline')).toEqual([{ name: 'xxgk', type: 'et', url: `${SERVER}xxgk_${VERSION}/`, version: VERSION }]);
  });

  test('the pane page loads no office.js and nothing from outside its folder; it is the same pane as in Excel', () => {
    const html = readFileSync(join(addin, 'taskpane.html'), 'utf8');
    expect(html).not.toMatch(/office\.js|appsforoffice/);
    expect(/Content-Security-Policy"? content="([^"]+)"/.exec(html)![1]).not.toMatch(/https?:/);
    for (const id of ['insert-template', 'check', 'clear-marks', 'fill-totals', 'export', 'render-docx', 'previous']) expect(html).toMatch(new RegExp(`id="?${id}[ ">]`));
    expect(readFileSync(join(addin, 'taskpane.js'), 'utf8')).toContain('WPS 表格');
  });
});
