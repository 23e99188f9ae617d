import JSZip from 'jszip';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli/main';
import { readWorkbookBuffer } from '../../src/sheet/xlsx/open';
import { LIMITS } from '../../src/sheet/xlsx/zip';
import { consistentReport } from '../helpers/reports';
import { filledWorkbook, sheet, toBuffer } from '../helpers/workbooks';

// Building a 50 MB bomb takes seconds on a loaded machine: these tests assert bounds (bytes, entries), never time; the bench times them.
jest.setTimeout(60_000);

const dir = mkdtempSync(join(tmpdir(), 'xxgk-bad-'));
const template = readFileSync(join(__dirname, '../../assets/template-2021.xlsx'));

async function cli(file: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await main(['validate', file]), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

async function zipOf(files: Record<string, string | Buffer>, options: JSZip.JSZipGeneratorOptions = { type: 'nodebuffer', compression: 'DEFLATE' }): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return (await zip.generateAsync({ ...options, type: 'nodebuffer' })) as Buffer;
}

/** Sets every entry's declared uncompressed size in the central directory (a zip bomb that lies). */
function lieAboutSizes(buf: Buffer, size: number): Buffer {
  const out = Buffer.from(buf);
  for (let i = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); i >= 0; i = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), i + 4)) out.writeUInt32LE(size, i + 24);
  for (let i = out.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04])); i >= 0; i = out.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]), i + 4)) out.writeUInt32LE(size, i + 22);
  return out;
}

const cases: [string, () => Promise<Buffer>, RegExp][] = [
  ['a truncated workbook', async () => template.subarray(0, Math.floor(template.length * 0.6)), /文件已损坏或不完整/],
  ['random bytes after a zip signature', async () => Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(5000, 7)]), /文件已损坏或不完整/],
  ['a CSV renamed to .xlsx', async () => Buffer.from('机关名称,年度\n某局,2024\n'), /像是 CSV 或文本文件改了扩展名/],
  ['a .docx renamed to .xlsx', async () => zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }), /这是 Word 文档（\.docx）/],
  [
    'an encrypted workbook (OLE container with EncryptionInfo)',
    async () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600), Buffer.from('EncryptionInfo', 'utf16le'), Buffer.alloc(600)]),
    /设置了打开密码（已加密）/,
  ],
  ['an old .xls file', async () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2000)]), /旧版 Excel（\.xls）/],
  ['an empty file', async () => Buffer.alloc(0), /文件是空的/],
  ['a zip bomb (a part that inflates past the bound)', async () => zipOf({ 'xl/workbook.xml': '<workbook/>', 'xl/worksheets/sheet1.xml': Buffer.alloc(LIMITS.entryBytes + 1024, 0x20) }), /解压后过大/],
  [
    'a zip bomb that lies about its sizes',
    async () => lieAboutSizes(await zipOf({ 'xl/workbook.xml': Buffer.alloc(30 * 1024 * 1024, 0x20) }), 1000),
    /工作簿内容损坏|已损坏/,
  ],
  [
    'our workbook with a table sheet deleted',
    async () => {
      const wb = await filledWorkbook(consistentReport('2021', [1, 2, 3]));
      wb.removeWorksheet(sheet(wb, 't4').id);
      return toBuffer(wb);
    },
    /找不到表四/,
  ],
];

describe('bad input: a clear Chinese message, exit code 2, no stack trace', () => {
  test.each(cases)('%s', async (name, make, message) => {
    const file = join(dir, `${name.replace(/\W+/g, '_')}.xlsx`);
    writeFileSync(file, await make());
    const r = await cli(file);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(message);
    expect(r.out + r.err).not.toMatch(/\bat \w|Error:|TypeError|undefined/);
  });

  test('one bad file does not stop the others', async () => {
    const bad = join(dir, 'bad.xlsx');
    writeFileSync(bad, 'not a workbook');
    let out = '';
    const o = jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    const code = await main(['validate', bad, join(__dirname, '../../assets/samples/xiangshan-hrss-2020.xlsx')]).finally(() => o.mockRestore());
    expect(code).toBe(2);
    expect(out).toMatch(/xiangshan-hrss-2020\.xlsx\s+相山区人力资源和社会保障局\s+0\s+0\s+通过/);
  });

  test('the bomb is refused before it is inflated: memory stays bounded', async () => {
    const bomb = lieAboutSizes(await zipOf({ 'xl/workbook.xml': Buffer.alloc(40 * 1024 * 1024, 0x20) }), 1000);
    const before = process.memoryUsage().rss;
    await expect(readWorkbookBuffer(bomb)).rejects.toThrow();
    expect(process.memoryUsage().rss - before).toBeLessThan(30 * 1024 * 1024);
  });
});
