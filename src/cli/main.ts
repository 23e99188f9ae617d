#!/usr/bin/env node
/** xxgk — 政府信息公开工作年度报告 校验、导出与模板（command line). Node's fs lives here, never in the model. */
import { parseArgs } from 'util';
import { VERSION } from '../version';
import { OutputError } from './output';
import { defaultJobs } from './pool';
import { err, out } from './stdio';

const HELP = `xxgk ${VERSION} — 政府信息公开工作年度报告 校验与导出

用法 / usage:
  xxgk validate <文件…> [--previous <上年文件>] [--json] [--jobs N]
      校验填好的工作簿（.xlsx）、年度报告 JSON 或导出的提交文件；多个文件时最后列出汇总表。
      Validate filled workbooks or JSON; --json prints one machine-readable result per line.
  xxgk export <文件> -o <report.json> [--previous <上年文件>]
      导出提交用的 JSON（含校验结果和 SHA-256 校验值）。Write the submission JSON.
  xxgk template --format 2021|2019 -o <模板.xlsx>
      生成空白模板工作簿。Write a fresh template workbook.
  xxgk aggregate <文件或文件夹…> -o <汇总.xlsx|汇总.json> [--include-errors] [--prefer newest] [--include-aggregates] [--name 名称] [--kind 机关类型]
      汇总多个单位的报告（同一年度、同一格式），列出各单位的问题。每个单位只计一份：同一单位的多个文件取最新且通过校验的一份；
      两份都通过校验但内容不同时拒绝汇总并列出两份，除非加 --prefer newest；汇总文件本身不计入，除非加 --include-aggregates。
      Sum many units' reports cell by cell, with a unit × rule matrix.
  xxgk import <报告.txt|.html|.docx> -o <report.json|report.xlsx> [--kind 机关类型] [--year 年度]
      从已发布的年报中提取三张表和六部分文字；找不到的单元格逐一列出，不作猜测。
      Read a published report; cells not found are listed, never guessed.
  xxgk fill <report.json|提交文件.json> -o <工作簿.xlsx>
      把年度报告 JSON 或导出的提交文件写回模板工作簿（含说明和读取问题）。Write a report or submission into the template.
  xxgk render <report.json|report.xlsx> --html|--docx -o <文件> [--force]
      生成可发布的年报（HTML 或 Word）；仍有错误时文件标“草稿”、退出码 1，--force 不加标记。Render the report as published.
  xxgk rules [--html|--docx] -o <审核规则说明.html|.docx>
      审核规则说明：每条规则的含义、示例（运行校验得到）和改正方法，供转发各单位。

报送（政务公开办的收集服务器）/ the collection server:
  xxgk server init [--data <文件夹> | --database postgres://…] [--reset-password]
      创建报送数据库（默认内嵌 PostgreSQL，在 ./xxgk-data），打印管理员的一次性密码。
  xxgk server units <单位名单.csv|.xlsx> [--json] [-o 报送码.csv] | --reset <单位名称>
      导入或更新单位名单（单位名称、统一社会信用代码、机关类型，可选 分组/上级、联系人、电话），打印新单位的报送码（只显示一次）。
  xxgk server status [--year 年度] [--json]        各单位的报送状态（服务停止时也可运行）
  xxgk server backup -o <备份文件> | server restore <备份文件> --data <新文件夹>   内嵌数据库的备份与恢复
  xxgk serve [--port 8080] [--host 127.0.0.1] [--public-url https://…] [--tls-key k.pem --tls-cert c.pem] [--trust-proxy] [--web dist/addin] [--wps dist/wps]
      启动服务：独立校验页面、Excel 与 WPS 加载项、单位报送接口和看板（/board.html），同一个地址。
  xxgk submit <文件> --server <地址> --code <报送码>
      本机校验后报送；退出码 0 已报送且通过 · 1 已收到但有错误 · 2 被拒绝或无法连接。

选项 / options:
  --previous <文件>   上年的工作簿或 JSON，用于跨年度核对 / last year's report, for the cross-year rules
  --kind <类型>       机关类型 / agency kind: province|city|county|township|stateCouncilDept|department
  --json              机器可读输出 / machine-readable output
  --jobs <N>          同时使用的处理器核数（默认全部）/ worker threads for many files (default: every core)
  -o, --out <文件>    输出文件 / output file
  -h, --help          显示帮助 / show this help

退出码 / exit code: 0 全部通过 all valid · 1 有错误 errors found · 2 文件无法读取或参数有误 a file could not be read`;

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
        'include-aggregates': { type: 'boolean' },
        prefer: { type: 'string' },
        name: { type: 'string' },
        kind: { type: 'string' },
        year: { type: 'string' },
        html: { type: 'boolean' },
        force: { type: 'boolean' },
        docx: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
        jobs: { type: 'string' },
        data: { type: 'string' },
        database: { type: 'string' },
        reset: { type: 'string' },
        'reset-password': { type: 'boolean' },
        port: { type: 'string' },
        host: { type: 'string' },
        'public-url': { type: 'string' },
        web: { type: 'string' },
        wps: { type: 'string' },
        'tls-key': { type: 'string' },
        'tls-cert': { type: 'string' },
        'trust-proxy': { type: 'boolean' },
        server: { type: 'string' },
        code: { type: 'string' },
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
  const jobs = values.jobs === undefined ? defaultJobs() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) {
    err(`--jobs 应为 1 到 64 之间的整数\n`);
    return 2;
  }
  // Each command loads what it needs only when it runs: `--version` and `validate` start fast.
  try {
    if (command === 'validate' && files.length > 0) return await (await import('./check')).runValidate(files, { ...values, jobs });
    if (command === 'export') return await (await import('./check')).runExport(files, values, HELP);
    if (command === 'template') return await (await import('./template')).runTemplate(values, HELP);
    if (command === 'aggregate') return await (await import('./publish')).runAggregate(files, { ...values, jobs });
    if (command === 'import') return await (await import('./publish')).runImport(files, values);
    if (command === 'fill') return await (await import('./publish')).runFill(files, values);
    if (command === 'rules') return await (await import('./rules')).runRules(values);
    if (command === 'server') return await (await import('./server')).runServer(files[0], files.slice(1), values);
    if (command === 'serve') return await (await import('./server')).runServe(values);
    if (command === 'submit') return await (await import('./submit')).runSubmit(files, values);
    if (command === 'render') return await (await import('./publish')).runRender(files, values);
  } catch (e) {
    if (e instanceof OutputError) {
      err(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  err(`未知命令或缺少文件：${command}\n\n${HELP}\n`);
  return 2;
}

if (require.main === module) {
  // A reader that closes early (`xxgk validate … | head -1`): stop quietly, no stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exitCode ??= 0;
    process.stdout.destroy();
  });
  // The exit code is set, not forced: Node exits once piped stdout has drained.
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      err(`内部错误，请把此信息报告给开发者：${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
