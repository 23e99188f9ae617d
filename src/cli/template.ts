/** xxgk template: a fresh template workbook (ExcelJS, loaded only for this command). */
import { FORMAT_IDS, isFormatId } from '../model/core';
import { templateBuffer } from '../workbook/template';
import { writeOutput } from './output';
import { err } from './stdio';

export async function runTemplate(opts: { format?: string; out?: string }, usage: string): Promise<number> {
  if (!opts.format || !isFormatId(opts.format) || !opts.out) {
    err(`template 需要 --format ${FORMAT_IDS.join('|')} 和 -o 输出文件\n\n${usage}\n`);
    return 2;
  }
  writeOutput(opts.out, await templateBuffer(opts.format));
  err(`已生成 ${opts.out}（${opts.format} 版格式模板）\n`);
  return 0;
}
