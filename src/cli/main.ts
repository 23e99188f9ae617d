#!/usr/bin/env node
/** xxgk — 政府信息公开工作年度报告 校验与导出（command line). Node's fs lives here, never in the model. */
import { writeFile } from 'fs/promises';
import { parseArgs } from 'util';
import { toSubmission, validate, type Report } from '../model';
import { loadReport } from './load';
import { describeResult } from './print';

const HELP = `用法 / usage:
  xxgk validate <文件…> [--previous <上年文件>] [--json]
      校验年度报告（JSON 报告或导出的提交文件），逐个文件列出问题。
      Validate reports; --json prints one machine-readable result per file.
  xxgk export <文件> -o <report.json> [--previous <上年文件>]
      导出提交用的 JSON（含校验结果和 SHA-256 校验值）。
      Write the submission JSON.

退出码 / exit code: 0 全部通过 all valid · 1 有错误 errors found · 2 文件无法读取 a file could not be read`;

async function loadPrevious(path: string | undefined): Promise<Report | undefined | 'failed'> {
  if (!path) return undefined;
  const p = await loadReport(path);
  if (p.ok) return p.report;
  for (const line of p.problems) process.stderr.write(`上年报告：${line}\n`);
  return 'failed';
}

async function runValidate(files: string[], opts: { previous?: string; json?: boolean }): Promise<number> {
  const previous = await loadPrevious(opts.previous);
  if (previous === 'failed') return 2;
  let code = 0;
  for (const file of files) {
    const loaded = await loadReport(file);
    if (!loaded.ok) {
      code = 2;
      if (opts.json) process.stdout.write(`${JSON.stringify({ file, readable: false, problems: loaded.problems })}\n`);
      else process.stdout.write(`${file}\n  无法读取：\n${loaded.problems.map((p) => `    ${p}`).join('\n')}\n\n`);
      continue;
    }
    const result = validate(loaded.report, previous ? { previous } : {});
    if (!result.valid && code === 0) code = 1;
    if (opts.json) {
      const { issues, hints, counts, valid, format, rulesVersion } = result;
      process.stdout.write(`${JSON.stringify({ file, readable: true, agencyName: loaded.report.metadata.agencyName, valid, format, rulesVersion, counts, issues, hints })}\n`);
    } else {
      process.stdout.write(`${describeResult(file, loaded.report, result)}\n\n`);
    }
  }
  return code;
}

async function runExport(files: string[], opts: { out?: string; previous?: string }): Promise<number> {
  if (files.length !== 1 || !opts.out) {
    process.stderr.write(`export 需要一个输入文件和 -o 输出文件\n\n${HELP}\n`);
    return 2;
  }
  const previous = await loadPrevious(opts.previous);
  if (previous === 'failed') return 2;
  const loaded = await loadReport(files[0]!);
  if (!loaded.ok) {
    process.stderr.write(`${loaded.problems.join('\n')}\n`);
    return 2;
  }
  const doc = toSubmission(loaded.report, { ...(previous ? { previous } : {}), exportedAt: new Date().toISOString(), generator: { name: 'xxgk', version: '0.1.0' } });
  await writeFile(opts.out, `${JSON.stringify(doc, null, 2)}\n`);
  const c = doc.validation.counts;
  process.stderr.write(`已导出 ${opts.out}：${doc.validation.valid ? '校验通过' : `仍有 ${c.error} 个错误`}，${c.warning} 个警告\n`);
  return doc.validation.valid ? 0 : 1;
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        previous: { type: 'string' },
        json: { type: 'boolean' },
        out: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    process.stderr.write(`参数有误：${(e as Error).message}\n\n${HELP}\n`);
    return 2;
  }
  const [command, ...files] = parsed.positionals;
  const { values } = parsed;
  if (values.help || !command) {
    process.stdout.write(`${HELP}\n`);
    return command || values.help ? 0 : 2;
  }
  if (command === 'validate' && files.length > 0) return runValidate(files, values);
  if (command === 'export') return runExport(files, values);
  process.stderr.write(`未知命令或缺少文件：${command}\n\n${HELP}\n`);
  return 2;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`内部错误，请把此信息报告给开发者：${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(2);
    },
  );
}
