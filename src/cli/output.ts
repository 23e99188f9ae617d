/**
 * Writing a command's output file safely: never over one of its inputs, never into a folder or a
 * missing folder, never half-written (a temporary file renamed into place), every failure in Chinese.
 */
import { existsSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'fs';
import { basename, dirname, resolve } from 'path';

export class OutputError extends Error {}

const same = (a: string, b: string) => {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return resolve(a) === resolve(b);
  }
};

/** File-system errors as sentences. */
function fsMessage(e: unknown, path: string): string {
  const code = (e as { code?: string }).code;
  const reasons: Record<string, string> = {
    EACCES: '没有写入权限',
    EPERM: '没有写入权限',
    EROFS: '所在位置只读',
    ENOSPC: '磁盘空间不足',
    EISDIR: '这是一个文件夹',
    ENOENT: '所在文件夹不存在',
    ENOTDIR: '路径中有一部分不是文件夹',
  };
  return `无法写入 ${path}：${reasons[code ?? ''] ?? '写入失败'}`;
}

/** Checks `out` before any work is done: a Chinese message, or undefined where it can be written. */
export function outputProblem(out: string, inputs: readonly string[]): string | undefined {
  if (inputs.some((i) => existsSync(i) && existsSync(out) && same(i, out))) return `输出文件 ${out} 就是输入文件：请换一个输出文件名，以免覆盖原文件`;
  if (existsSync(out) && statSync(out).isDirectory()) return `输出位置 ${out} 是一个文件夹：请给出文件名，例如 ${resolve(out, 'report.json')}`;
  const dir = dirname(resolve(out));
  if (!existsSync(dir)) return `输出文件所在的文件夹 ${dir} 不存在`;
  if (!statSync(dir).isDirectory()) return `无法写入 ${out}：${dir} 不是文件夹`;
  return undefined;
}

/** Writes `data` to `out` through a temporary file beside it. */
export function writeOutput(out: string, data: string | Uint8Array, inputs: readonly string[] = []): void {
  const problem = outputProblem(out, inputs);
  if (problem) throw new OutputError(problem);
  const tmp = resolve(dirname(resolve(out)), `.${basename(out)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, out);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
    throw new OutputError(fsMessage(e, out));
  }
}
