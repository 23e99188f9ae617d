/**
 * Reads an .xlsx (a zip) defensively before any parser sees it: bounded entry count and sizes,
 * inflation checked against the declared sizes as it happens, and a clear Chinese message for
 * files that are not workbooks at all.
 */
import yauzl from 'yauzl';

export const LIMITS = {
  /** The file itself. */
  fileBytes: 25 * 1024 * 1024,
  entries: 2000,
  /** One part, and all parts together, once inflated. */
  entryBytes: 50 * 1024 * 1024,
  totalBytes: 120 * 1024 * 1024,
  /** Highest compression ratio a real spreadsheet part shows (shared strings reach ~100). */
  ratio: 1000,
};

export class WorkbookReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkbookReadError';
  }
}

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Rejects what is not a zip, with the likely reason in words. */
function sniff(buf: Buffer): void {
  if (buf.length === 0) throw new WorkbookReadError('文件是空的');
  if (buf.subarray(0, 8).equals(OLE_MAGIC)) {
    // Encrypted OOXML is stored inside an OLE container with an EncryptionInfo stream.
    const encrypted = buf.includes(Buffer.from('EncryptionInfo', 'utf16le'));
    throw new WorkbookReadError(
      encrypted ? '工作簿设置了打开密码（已加密），请在 Excel 或 WPS 中取消密码后另存为 .xlsx 再校验' : '这是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中另存为 .xlsx 后再校验',
    );
  }
  if (buf[0] !== 0x50 || buf[1] !== 0x4b) {
    const head = buf.subarray(0, 512).toString('utf8');
    const texty = !head.includes('\u0000');
    throw new WorkbookReadError(texty ? '不是 Excel 工作簿（像是 CSV 或文本文件改了扩展名），请用模板填写并保存为 .xlsx' : '不是 Excel 工作簿（.xlsx），请用模板填写并保存为 .xlsx');
  }
}

function open(buf: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) => (err || !zip ? reject(err) : resolve(zip))),
  );
}

/**
 * Checks that the zip is a bounded, intact workbook package: inflates every part, stopping as soon
 * as a bound is passed. Resolves to the parts' names, with the contents of those `keep` selects.
 */
export async function checkWorkbookZip(buf: Buffer, keep: (name: string) => boolean = () => false): Promise<Map<string, Buffer | undefined>> {
  if (buf.length > LIMITS.fileBytes) throw new WorkbookReadError(`文件过大（${(buf.length / 1048576).toFixed(1)} MB），年度报告工作簿通常小于 1 MB`);
  sniff(buf);
  let zip: yauzl.ZipFile;
  try {
    zip = await open(buf);
  } catch {
    throw new WorkbookReadError('文件已损坏或不完整（可能下载或复制时被截断），请重新保存后再试');
  }
  const parts = new Map<string, Buffer | undefined>();
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (message: string) => {
        zip.close();
        reject(new WorkbookReadError(message));
      };
      zip.on('error', () => fail('文件已损坏或不完整，请重新保存后再试'));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        parts.set(entry.fileName, undefined);
        if (parts.size > LIMITS.entries) return fail('文件中的部件过多，不是正常的工作簿');
        const declared = entry.uncompressedSize;
        if (declared > LIMITS.entryBytes || total + declared > LIMITS.totalBytes || (entry.compressedSize > 0 && declared / entry.compressedSize > LIMITS.ratio && declared > 1024 * 1024)) {
          return fail('文件解压后过大（可能是“压缩炸弹”），已拒绝读取');
        }
        total += declared;
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return fail('文件已损坏，无法解压，请重新保存后再试');
          // yauzl stops the stream with an error the moment it yields more than declared.
          stream.on('error', () => fail('文件已损坏或解压后大小与声明不符，已拒绝读取'));
          const chunks: Buffer[] = [];
          const kept = keep(entry.fileName);
          stream.on('data', (chunk: Buffer) => kept && chunks.push(chunk));
          stream.on('end', () => {
            if (kept) parts.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  if (!parts.has('xl/workbook.xml')) {
    if (parts.has('word/document.xml')) throw new WorkbookReadError('这是 Word 文档（.docx），不是 Excel 工作簿');
    if (parts.has('ppt/presentation.xml')) throw new WorkbookReadError('这是 PowerPoint 文件，不是 Excel 工作簿');
    throw new WorkbookReadError('压缩包中没有工作簿，不是 Excel 文件（.xlsx）');
  }
  return parts;
}
