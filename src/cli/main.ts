#!/usr/bin/env node
/** xxgk — 政府信息公开工作年度报告 校验、导出与模板（command line). Node's fs lives here, never in the model. */
import { writeFile } from 'fs/promises';
import { basename } from 'path';
import { parseArgs } from 'util';
import { FORMAT_IDS, isFormatId, toSubmission, validate, type Report } from '../model';
import { templateBuffer } from '../workbook/template';
import { loadReport } from './load';
import { runAggregate, runImport, runRender } from './publish';
import { describeResult, issueAddress, summaryTable, type SummaryRow } from './print';

const VERSION = '0.1.0';
const HELP = `xxgk ${VERSION} — 政府信息公开工作年度报告 校验与导出

用法 / usage:
  xxgk validate <文件…> [--previous <上年文件>] [--json]
      校验填好的工作簿（.xlsx）、年度报告 JSON 或导出的提交文件；多个文件时最后列出汇总表。
      Validate filled workbooks or JSON; --json prints one machine-readable result per line.
  xxgk export <文件> -o <report.json> [--previous <上年文件>]
      导出提交用的 JSON（含校验结果和 SHA-256 校验值）。Write the submission JSON.
  xxgk template --format 2021|2019 -o <模板.xlsx>
      生成空白模板工作簿。Write a fresh template workbook.
  xxgk aggregate <文件或文件夹…> -o <汇总.xlsx|汇总.json> [--include-errors] [--name 名称] [--kind 机关类型]
      汇总多个单位的报告（同一年度、同一格式），列出各单位的问题；重复的单位不重复计入。
      Sum many units' reports cell by cell, with a unit × rule matrix.
  xxgk import <报告.txt|.html|.docx> -o <report.json|report.xlsx> [--kind 机关类型] [--year 年度]
      从已发布的年报中提取三张表和六部分文字；找不到的单元格逐一列出，不作猜测。
      Read a published report; cells not found are listed, never guessed.
  xxgk render <report.json|report.xlsx> --html|--docx -o <文件>
      生成可发布的年报（HTML 或 Word）。Render the report as published.

选项 / options:
  --previous <文件>   上年的工作簿或 JSON，用于跨年度核对 / last year's report, for the cross-year rules
  --kind <类型>       机关类型 / agency kind: province|city|county|township|stateCouncilDept|department
  --json              机器可读输出 / machine-readable output
  -o, --out <文件>    输出文件 / output file
  -h, --help          显示帮助 / show this help

退出码 / exit code: 0 全部通过 all valid · 1 有错误 errors found · 2 文件无法读取或参数有误 a file could not be read`;

const out = (s: string) => process.stdout.write(s);
const err = (s: string) => process.stderr.write(s);

async function loadPrevious(path: string | undefined): Promise<Report | undefined | 'failed'> {
  if (!path) return undefined;
  const p = await loadReport(path);
  if (p.ok) return p.report;
  for (const line of p.problems) err(`上年报告：${line}\n`);
  return 'failed';
}

async function runValidate(files: string[], opts: { previous?: string; json?: boolean }): Promise<number> {
  const previous = await loadPrevious(opts.previous);
  if (previous === 'failed') return 2;
  let code = 0;
  const summary: SummaryRow[] = [];
  const progress = files.length > 20;
  for (const [k, file] of files.entries()) {
    if (progress && (k % 50 === 0 || k === files.length - 1)) err(`进度 progress: ${k + 1}/${files.length}\n`);
    const loaded = await loadReport(file);
    if (!loaded.ok) {
      code = 2;
      summary.push({ file: basename(file), agency: '—', errors: '—', warnings: '—', verdict: '无法读取' });
      if (opts.json) out(`${JSON.stringify({ file, readable: false, problems: loaded.problems })}\n`);
      else out(`${file}\n  无法读取：\n${loaded.problems.map((p) => `    ${p}`).join('\n')}\n\n`);
      continue;
    }
    const result = validate(loaded.report, { ...(previous ? { previous } : {}), reading: loaded.reading });
    if (!result.valid && code === 0) code = 1;
    summary.push({
      file: basename(file),
      agency: loaded.report.metadata.agencyName || '（未填）',
      errors: result.counts.error,
      warnings: result.counts.warning,
      verdict: result.valid ? '通过' : '未通过',
    });
    if (opts.json) {
      const { counts, valid, format, rulesVersion, hints } = result;
      const issues = result.issues.map((i) => ({
        ...i,
        address: issueAddress(i, loaded.addresses),
        addresses: i.cells.map((c) => loaded.addresses[c]).filter(Boolean),
      }));
      out(`${JSON.stringify({ file, readable: true, agencyName: loaded.report.metadata.agencyName, year: loaded.report.metadata.year, valid, format, rulesVersion, counts, issues, hints })}\n`);
    } else {
      out(`${describeResult(file, loaded.report, result, loaded.addresses)}\n\n`);
    }
  }
  if (!opts.json && files.length > 1) out(`汇总（${files.length} 个文件）\n${summaryTable(summary)}\n`);
  return code;
}

async function runExport(files: string[], opts: { out?: string; previous?: string }): Promise<number> {
  if (files.length !== 1 || !opts.out) {
    err(`export 需要一个输入文件和 -o 输出文件\n\n${HELP}\n`);
    return 2;
  }
  const previous = await loadPrevious(opts.previous);
  if (previous === 'failed') return 2;
  const loaded = await loadReport(files[0]!);
  if (!loaded.ok) {
    err(`${loaded.problems.join('\n')}\n`);
    return 2;
  }
  const result = validate(loaded.report, { ...(previous ? { previous } : {}), reading: loaded.reading });
  const doc = toSubmission(loaded.report, { result, exportedAt: new Date().toISOString(), generator: { name: 'xxgk', version: VERSION } });
  await writeFile(opts.out, `${JSON.stringify(doc, null, 2)}\n`);
  const c = doc.validation.counts;
  err(`已导出 ${opts.out}：${doc.validation.valid ? '校验通过' : `仍有 ${c.error} 个错误`}，${c.warning} 个警告\n`);
  return doc.validation.valid ? 0 : 1;
}

async function runTemplate(opts: { format?: string; out?: string }): Promise<number> {
  if (!opts.format || !isFormatId(opts.format) || !opts.out) {
    err(`template 需要 --format ${FORMAT_IDS.join('|')} 和 -o 输出文件\n\n${HELP}\n`);
    return 2;
  }
  await writeFile(opts.out, await templateBuffer(opts.format));
  err(`已生成 ${opts.out}（${opts.format} 版格式模板）\n`);
  return 0;
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
        format: { type: 'string' },
        'include-errors': { type: 'boolean' },
        name: { type: 'string' },
        kind: { type: 'string' },
        year: { type: 'string' },
        html: { type: 'boolean' },
        docx: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (e) {
    err(`参数有误：${(e as Error).message}\n\n${HELP}\n`);
    return 2;
  }
  const [command, ...files] = parsed.positionals;
  const { values } = parsed;
  if (values.version) {
    out(`${VERSION}\n`);
    return 0;
  }
  if (values.help || !command) {
    out(`${HELP}\n`);
    return command || values.help ? 0 : 2;
  }
  if (command === 'validate' && files.length > 0) return runValidate(files, values);
  if (command === 'export') return runExport(files, values);
  if (command === 'template') return runTemplate(values);
  if (command === 'aggregate') return runAggregate(files, values);
  if (command === 'import') return runImport(files, values);
  if (command === 'render') return runRender(files, values);
  err(`未知命令或缺少文件：${command}\n\n${HELP}\n`);
  return 2;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      err(`内部错误，请把此信息报告给开发者：${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(2);
    },
  );
}
