import { XMLParser } from 'fast-xml-parser';
import { readFileSync } from 'fs';
import { join } from 'path';
import { commentsWithDoubleHyphen, manifestErrors } from '../helpers/manifest-xsd';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { manifestFor } = require('../../scripts/manifest') as { manifestFor: (xml: string, base: string) => string };

const xml = readFileSync(join(__dirname, '../../manifest.xml'), 'utf8');
type Node = Record<string, unknown>;
const parse = (text: string): Node => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, isArray: () => false }).parse(text) as Node;

/** Every element (depth first) with its name. */
function walk(node: unknown, name = '', out: { name: string; node: Node }[] = []): { name: string; node: Node }[] {
  if (Array.isArray(node)) node.forEach((n) => walk(n, name, out));
  else if (node && typeof node === 'object') {
    out.push({ name, node: node as Node });
    for (const [k, v] of Object.entries(node)) if (!k.startsWith('@')) walk(v, k, out);
  }
  return out;
}

function checks(text: string) {
  const doc = parse(text);
  const all = walk(doc);
  const resources = all.filter((e) => ['Image', 'Url', 'String'].includes(e.name) && typeof e.node['@id'] === 'string');
  const defined = new Map(resources.map((e) => [String(e.node['@id']), e.node]));
  const used = all.filter((e) => typeof e.node['@resid'] === 'string').map((e) => ({ name: e.name, resid: String(e.node['@resid']) }));
  const urls = all.flatMap((e) => (typeof e.node['@DefaultValue'] === 'string' && /^https?:/.test(String(e.node['@DefaultValue'])) ? [String(e.node['@DefaultValue'])] : []));
  return { doc, all, defined, used, urls };
}

describe('manifest.xml (checked offline against Microsoft\'s XSDs: the Microsoft validator needs the network)', () => {
  const { doc, all, defined, used, urls } = checks(xml);
  const app = doc.OfficeApp as Node;

  test('is valid against Microsoft\'s manifest XSDs, with no `--` in a comment', async () => {
    expect(await manifestErrors(xml)).toEqual([]);
    expect(commentsWithDoubleHyphen(xml)).toEqual([]);
  });

  test('the strict check refuses what Office refuses: `--` in a comment, an unknown element', async () => {
    expect((await manifestErrors(xml.replace('<!-- Development manifest', '<!-- npm run build -- x'))).join('\n')).toMatch(/Double hyphen within comment/);
    expect((await manifestErrors(xml.replace('<Permissions>', '<Permission/><Permissions>'))).join('\n')).toMatch(/not expected/);
  });

  test('the add-in basics', () => {
    expect(app['@type']).toBe('TaskPaneApp');
    expect(app.Permissions).toBe('ReadWriteDocument');
    expect(app.AppDomains).toBeUndefined();
    expect((app.Hosts as Node).Host).toEqual({ '@Name': 'Workbook' });
    expect(String(app.Id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  test('every resid is defined and every resource is used', () => {
    expect(used.filter((u) => !defined.has(u.resid))).toEqual([]);
    expect([...defined.keys()].filter((id) => !used.some((u) => u.resid === id))).toEqual([]);
  });

  test('every URL is https and on one origin; icons at 16, 32, 64 and 80 px exist in assets/', () => {
    expect(urls.length).toBeGreaterThan(8);
    expect(new Set(urls.map((u) => new URL(u).origin))).toEqual(new Set(['https://localhost:3000']));
    for (const size of [16, 32, 64, 80]) {
      expect(urls).toContain(`https://localhost:3000/assets/icons/icon-${size}.png`);
      expect(readFileSync(join(__dirname, `../../assets/icons/icon-${size}.png`)).subarray(1, 4).toString()).toBe('PNG');
    }
  });

  test('one shared runtime serves the task pane, the function file and the custom functions; lifetime long', () => {
    const runtime = all.find((e) => e.name === 'Runtime')!.node;
    expect(runtime['@lifetime']).toBe('long');
    const page = String(runtime['@resid']);
    const cf = all.find((e) => e.name === 'ExtensionPoint' && e.node['@type'] === 'CustomFunctions')!.node;
    expect(((cf.Page as Node).SourceLocation as Node)['@resid']).toBe(page);
    expect(all.find((e) => e.name === 'FunctionFile')!.node['@resid']).toBe(page);
    const action = all.find((e) => e.name === 'Action' && e.node['@type'] === 'ShowTaskpane')!.node;
    expect((action.SourceLocation as Node)['@resid']).toBe(page);
    expect(((cf.Script as Node).SourceLocation as Node)['@resid']).toBe('Functions.Script.Url');
    expect(((cf.Metadata as Node).SourceLocation as Node)['@resid']).toBe('Functions.Metadata.Url');
    expect(defined.get(String((cf.Namespace as Node)['@resid']))!['@DefaultValue']).toBe('XXGK');
    expect(defined.get('Functions.Metadata.Url')!['@DefaultValue']).toBe('https://localhost:3000/functions.json');
  });

  test('the ribbon: Home tab, group 政府信息公开年报, button 年报校验; Chinese overrides with English defaults', () => {
    const tab = all.find((e) => e.name === 'OfficeTab')!.node;
    expect(tab['@id']).toBe('TabHome');
    const zh = (id: string) => ((defined.get(id)!.Override as Node) ?? {})['@Value'];
    expect(zh('Group.Label')).toBe('政府信息公开年报');
    expect(zh('TaskpaneButton.Label')).toBe('年报校验');
    expect(defined.get('TaskpaneButton.Label')!['@DefaultValue']).toBe('Check Report');
    expect(((app.DisplayName as Node).Override as Node)['@Locale']).toBe('zh-CN');
    expect(((app.Description as Node).Override as Node)['@Value']).toMatch(/政府信息公开工作年度报告/);
  });

  test('requires a shared runtime (no Internet Explorer 11 hosts) and ExcelApi 1.1; newer features are detected at run time', () => {
    const sets = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, isArray: (name) => name === 'Set' }).parse(xml).OfficeApp.Requirements.Sets.Set as Node[];
    expect(sets).toEqual([
      { '@Name': 'ExcelApi', '@MinVersion': '1.1' },
      { '@Name': 'SharedRuntime', '@MinVersion': '1.1' },
    ]);
  });

  test('a production manifest for another base URL moves every URL there, stays valid, and refuses http', async () => {
    const prod = manifestFor(xml, 'https://xxgk.example.gov.cn/addin/');
    const p = checks(prod);
    expect(await manifestErrors(prod)).toEqual([]);
    expect(new Set(p.urls.map((u) => new URL(u).origin))).toEqual(new Set(['https://xxgk.example.gov.cn']));
    expect(p.urls).toContain('https://xxgk.example.gov.cn/addin/taskpane.html');
    expect(() => manifestFor(xml, 'http://xxgk.example.gov.cn/')).toThrow(/https/);
  });
});
