/**
 * Reads an .xlsx (a zip) defensively before any parser sees it, in Node and in the browser alike:
 * the file is sniffed (a CSV, a .docx, an encrypted or old .xls file each get their own message),
 * entry count and declared sizes are bounded, and every part is inflated into a buffer of its
 * declared size — so an entry that lies about its size cannot grow past it. Only the parts a
 * reader asks for are inflated.
 */
import { unzipSync, zipSync, type Unzipped } from 'fflate';
import { WorkbookReadError } from '../errors';

export { WorkbookReadError };

export const LIMITS = {
  /** The file itself. */
  fileBytes: 25 * 1024 * 1024,
  entries: 2000,
  /** One part, and all parts together, once inflated. */
  entryBytes: 50 * 1024 * 1024,
  totalBytes: 120 * 1024 * 1024,
};


const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(buf: Uint8Array, bytes: readonly number[]): boolean {
  return bytes.every((b, i) => buf[i] === b);
}

/** Whether `needle` occurs in `buf` (small needles, bounded search). */
function includes(buf: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= buf.length; i++) {
    for (let k = 0; k < needle.length; k++) if (buf[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

const utf16le = (s: string) => new Uint8Array([...s].flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8]));

/** An OLE compound file: an encrypted .xlsx, or a legacy workbook (.xls, WPS .et); undefined for anything else. */
export function oleContainer(buf: Uint8Array): 'encrypted' | 'legacy' | undefined {
  if (!startsWith(buf, OLE_MAGIC)) return undefined;
  // Encrypted OOXML is stored inside an OLE container with an EncryptionInfo stream.
  return includes(buf, utf16le('EncryptionInfo')) ? 'encrypted' : 'legacy';
}

/** Rejects what is not a zip, with the likely reason in words. */
function sniff(buf: Uint8Array): void {
  if (buf.length === 0) throw new WorkbookReadError('文件是空的');
  if (startsWith(buf, OLE_MAGIC)) {
    // Encrypted OOXML is stored inside an OLE container with an EncryptionInfo stream.
    const encrypted = includes(buf, utf16le('EncryptionInfo'));
    throw new WorkbookReadError(
      encrypted ? '工作簿设置了打开密码（已加密），请在 Excel 或 WPS 中取消密码后另存为 .xlsx 再校验' : '这是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中另存为 .xlsx 后再校验',
    );
  }
  if (!startsWith(buf, [0x50, 0x4b])) {
    const texty = !buf.subarray(0, 512).includes(0);
    throw new WorkbookReadError(texty ? '不是 Excel 工作簿（像是 CSV 或文本文件改了扩展名），请用模板填写并保存为 .xlsx' : '不是 Excel 工作簿（.xlsx），请用模板填写并保存为 .xlsx');
  }
}

/**
 * Inflates a workbook package within the bounds. Resolves to its parts (name → bytes); throws a
 * WorkbookReadError with a Chinese message for anything that is not a sound, bounded workbook.
 */
export function unzipWorkbook(buf: Uint8Array, want?: (name: string) => boolean): Unzipped {
  const parts = unzipBounded(buf, (name) => name === 'xl/workbook.xml' || name === 'word/document.xml' || name === 'ppt/presentation.xml' || !want || want(name));
  if (!parts['xl/workbook.xml']) {
    if (parts['word/document.xml']) throw new WorkbookReadError('这是 Word 文档（.docx），不是 Excel 工作簿');
    if (parts['ppt/presentation.xml']) throw new WorkbookReadError('这是 PowerPoint 文件，不是 Excel 工作簿');
    throw new WorkbookReadError('压缩包中没有工作簿，不是 Excel 文件（.xlsx）');
  }
  return parts;
}

/** A Word document (.docx) within the same bounds, packed again without compression for the reader. */
export function safeDocxBytes(buf: Uint8Array): Uint8Array {
  const parts = unzipBounded(buf);
  if (!parts['word/document.xml']) throw new WorkbookReadError(parts['xl/workbook.xml'] ? '这是 Excel 工作簿，不是 Word 文档' : '不是 Word 文档（.docx）');
  return zipSync(parts, { level: 0 });
}

/** Any zip package (Office file) inflated within the bounds: every part, or those `want` names. */
export function unzipBounded(buf: Uint8Array, want?: (name: string) => boolean): Unzipped {
  if (buf.length > LIMITS.fileBytes) throw new WorkbookReadError(`文件过大（${(buf.length / 1048576).toFixed(1)} MB），年度报告工作簿通常小于 1 MB`);
  sniff(buf);
  let count = 0;
  let total = 0;
  let tooBig = false;
  let parts: Unzipped;
  try {
    parts = unzipSync(buf, {
      // fflate inflates each part into a buffer of its declared size: the declared sizes bound the memory.
      filter: (f) => {
        count++;
        if (count > LIMITS.entries) tooBig = true;
        if (want && !want(f.name)) return false;
        total += f.originalSize;
        if (f.originalSize > LIMITS.entryBytes || total > LIMITS.totalBytes) tooBig = true;
        return !tooBig;
      },
    });
  } catch {
    throw new WorkbookReadError('文件已损坏或不完整（可能下载或复制时被截断），请重新保存后再试');
  }
  if (tooBig) throw new WorkbookReadError('文件解压后过大（可能是“压缩炸弹”），已拒绝读取');
  return parts;
}
