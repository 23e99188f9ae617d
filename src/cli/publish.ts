/** xxgk aggregate | import | render: the supervising office's commands. */
import { lstatSync, readdirSync, realpathSync, statSync } from 'fs';
import { readFile } from 'fs/promises';
import { basename, extname, join } from 'path';
import { aggregate, AGENCY_KIND_IDS, exclusionReason, validate, type AgencyKind, type AggregateUnit, type Report } from '../model/core';
import { importPublished } from '../import/published';
import { aggregateDocument, aggregateWorkbook } from '../workbook/aggregate-workbook';
import { filledBuffer } from '../workbook/fill';
import { WorkbookReadError } from '../sheet/xlsx/zip';
import { docxToText, htmlToText } from '../import/html-text';
import { renderDocx } from '../publish/render-docx';
import { renderHtml } from '../publish/render-html';
import { mapFiles } from './files';
import { loadReport, type Loaded } from './load';
import { writeOutput } from './output';
import { err, out, printable } from './stdio';



function kindOption(kind: string | undefined): AgencyKind | undefined | 'bad' {
  if (kind === undefined) return undefined;
  return (AGENCY_KIND_IDS as string[]).includes(kind) ? (kind as AgencyKind) : 'bad';
}

const real = (p: string) => {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
};

/**
 * Files given directly, and the .xlsx and .json files inside folders (recursively). Links are not
 * followed out of a folder: a linked file counts only where it points inside the folder, a linked
 * folder never (so a link loop or a link to a system folder costs nothing). Each file once.
 */
export function collect(paths: readonly string[]): string[] {
  const found: { path: string; link: boolean }[] = [];
  const walk = (dir: string, root: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(dir, e);
      const l = lstatSync(p, { throwIfNoEntry: false });
      if (!l) continue;
      if (l.isDirectory()) walk(p, root);
      else if (!/\.(xlsx|xlsm|xls|et|json)$/i.test(e)) continue;
      else if (l.isFile()) found.push({ path: p, link: false });
      else if (l.isSymbolicLink() && real(p).startsWith(root) && statSync(p, { throwIfNoEntry: false })?.isFile()) found.push({ path: p, link: true });
    }
  };
  for (const p of paths) {
    if (statSync(p, { throwIfNoEntry: false })?.isDirectory()) walk(p, `${real(p)}/`);
    else found.push({ path: p, link: false });
  }
  // Each file once, under its own name rather than a link's.
  const chosen = new Map<string, { path: string; link: boolean }>();
  for (const f of found) {
    const r = real(f.path);
    const c = chosen.get(r);
    if (!c || (c.link && !f.link)) chosen.set(r, f);
  }
  const keep = new Set([...chosen.values()]);
  return found.filter((f) => keep.has(f)).map((f) => f.path);
}

export async function runAggregate(
  paths: string[],
  opts: { out?: string; 'include-errors'?: boolean; 'include-aggregates'?: boolean; prefer?: string; name?: string; kind?: string; jobs: number },
): Promise<number> {
  const kind = kindOption(opts.kind);
  if (!opts.out || paths.length === 0 || kind === 'bad') {
    err(`aggregate 需要文件或文件夹和 -o 汇总.xlsx|汇总.json${kind === 'bad' ? `；--kind 应为 ${AGENCY_KIND_IDS.join('|')}` : ''}\n`);
    return 2;
  }
  // The output file is never read as a unit, even when it lies inside the folder being summed —
  // and never written over a unit's report: only an earlier 汇总 may be replaced.
  const target = real(opts.out);
  const walked = collect(paths);
  const named = paths.some((p) => real(p) === target);
  if (named || (walked.some((f) => real(f) === target) && !(await isAggregate(target)))) {
    err(`输出文件 ${printable(opts.out)} 是要汇总的${named ? '输入文件' : '单位报告之一（在所给文件夹中）'}：请换一个输出文件名，以免覆盖该报告；未读取、未写入任何文件\n`);
    return 2;
  }
  const files = walked.filter((f) => real(f) !== target);
  const units: AggregateUnit[] = [];
  let unreadable = 0;
  await mapFiles<Loaded>(files, { kind: 'load' }, opts.jobs, (loaded, k) => {
    const file = files[k]!;
    if (files.length > 20 && k % 100 === 0) err(`读取 reading ${k + 1}/${files.length}\n`);
    if (!loaded.ok) {
      unreadable++;
      err(`无法读取，未汇总：${printable(loaded.problems.join('；'))}\n`);
      return;
    }
    const modified = statSync(file, { throwIfNoEntry: false })?.mtimeMs;
    units.push({ source: basename(file), report: loaded.report, reading: loaded.reading, computed: loaded.computed, aggregate: loaded.aggregate, ...(modified !== undefined ? { modified } : {}) });
  });
  if (opts.prefer !== undefined && opts.prefer !== 'newest') {
    err('--prefer 只能是 newest\n');
    return 2;
  }
  const agg = aggregate(units, {
    includeErrors: opts['include-errors'] ?? false,
    includeAggregates: opts['include-aggregates'] ?? false,
    ...(opts.prefer === 'newest' ? { prefer: 'newest' as const } : {}), ...(opts.name ? { agencyName: opts.name } : {}), ...(kind ? { agencyKind: kind } : {}) });
  if (!agg.ok) {
    err(`${agg.problems.map(printable).join('\n')}\n`);
    return 2;
  }
  if (/\.xlsx$/i.test(opts.out)) writeOutput(opts.out, Buffer.from(await aggregateWorkbook(agg).xlsx.writeBuffer()), files);
  else writeOutput(opts.out, aggregateDocument(agg), files);
  const included = agg.units.filter((u) => u.included);
  out(`汇总 ${included.length} 个单位（共 ${agg.units.length} 个报告${unreadable ? `，另有 ${unreadable} 个文件无法读取` : ''}）；含有错误的报告${agg.includeErrors ? '已计入' : '未计入'}。\n`);
  for (const u of agg.units.filter((x) => !x.included)) out(`  未计入：${printable(u.source)}（${printable(u.agencyName) || '未填机关名称'}）${u.excluded === 'errors' ? `有 ${u.errors} 个错误` : printable(exclusionReason(u))}\n`);
  out(`汇总结果${agg.result.valid ? '校验通过' : `有 ${agg.result.counts.error} 个错误`}，已写入 ${opts.out}\n`);
  return unreadable ? 2 : agg.result.valid ? 0 : 1;
}

/**
 * fill: a report JSON or an exported submission written into the template — its tables, cover,
 * text, 说明 and reading issues — so that an office can hand a submission back as a workbook.
 */
export async function runFill(files: string[], opts: { out?: string }): Promise<number> {
  if (files.length !== 1 || !opts.out || !/\.xlsx$/i.test(opts.out)) {
    err('fill 需要一个报告（report.json、导出的提交文件或 .xlsx）和 -o 输出的工作簿.xlsx\n');
    return 2;
  }
  const loaded = await loadReport(files[0]!);
  if (!loaded.ok) {
    err(`无法读取：${loaded.problems.join('；')}\n`);
    return 2;
  }
  writeOutput(opts.out, await filledBuffer(loaded.report), files);
  const r = validate(loaded.report, { reading: loaded.reading });
  const explained = loaded.report.explanations?.length ?? 0;
  out(`已写入 ${opts.out}（${loaded.report.metadata.agencyName ? printable(loaded.report.metadata.agencyName) : '未填机关名称'}，${explained ? `含 ${explained} 条说明` : '无说明'}）；${r.valid ? '校验通过' : `有 ${r.counts.error} 个错误，请用 xxgk validate 查看`}\n`);
  return 0;
}

/** An existing output file that an earlier aggregate wrote (and so may be replaced). */
async function isAggregate(path: string): Promise<boolean> {
  const loaded = await loadReport(path);
  return loaded.ok && loaded.aggregate;
}

/** Reads a published report file as text: .txt as it is, .html through its tables, .docx through mammoth. */
async function publishedText(file: string): Promise<string> {
  const buf = await readFile(file);
  if (buf.length > 25 * 1024 * 1024) throw new WorkbookReadError('文件过大，不是年度报告');
  const ext = extname(file).toLowerCase();
  // Told apart by the bytes, not the name: a text saved as .docx is read as the text it is.
  if (buf[0] === 0x50 && buf[1] === 0x4b) return docxToText(buf);
  const text = buf.toString('utf8').replace(/^\uFEFF/, '');
  return ext === '.html' || ext === '.htm' || /^\s*<(!doctype|html)/i.test(text) ? htmlToText(text) : text;
}

export async function runImport(files: string[], opts: { out?: string; kind?: string; year?: string; name?: string }): Promise<number> {
  const kind = kindOption(opts.kind);
  if (files.length !== 1 || !opts.out || kind === 'bad') {
    err(`import 需要一个报告文件（.txt/.html/.docx）和 -o report.json|report.xlsx${kind === 'bad' ? `；--kind 应为 ${AGENCY_KIND_IDS.join('|')}` : ''}\n`);
    return 2;
  }
  let text: string;
  try {
    text = await publishedText(files[0]!);
  } catch (e) {
    err(`${basename(files[0]!)}：${e instanceof WorkbookReadError ? e.message : '无法读取这个文件'}\n`);
    return 2;
  }
  const r = importPublished(text, { ...(kind ? { agencyKind: kind } : {}), ...(opts.year ? { year: Number(opts.year) } : {}), ...(opts.name ? { agencyName: opts.name } : {}) });
  if (/\.xlsx$/i.test(opts.out)) writeOutput(opts.out, await filledBuffer(r.report, { imported: true }), files);
  else writeOutput(opts.out, `${JSON.stringify(r.report, null, 2)}\n`, files);
  for (const i of r.issues) err(`  ${i.severity === 'error' ? '缺失' : '提示'} ${i.ruleId}${i.at ? `  ${i.at}` : ''}  ${i.message}\n`);
  const result = validate(r.report, { reading: r.issues });
  out(`已导入 ${r.report.metadata.agencyName || '（未识别机关名称）'} ${r.report.metadata.year ?? '？'} 年度（${r.report.format} 版格式）→ ${opts.out}；${r.missing.length ? `${r.missing.length} 个单元格未找到` : '全部单元格已找到'}，校验${result.valid ? '通过' : `有 ${result.counts.error} 个错误`}\n`);
  return r.missing.length ? 1 : 0;
}

export async function runRender(files: string[], opts: { out?: string; html?: boolean; docx?: boolean; force?: boolean }): Promise<number> {
  const html = opts.html ?? /\.html?$/i.test(opts.out ?? '');
  if (files.length !== 1 || !opts.out || (!html && !opts.docx && !/\.docx$/i.test(opts.out))) {
    err('render 需要一个报告（.json/.xlsx）、--html 或 --docx 以及 -o 输出文件\n');
    return 2;
  }
  const loaded = await loadReport(files[0]!);
  if (!loaded.ok) {
    err(`${loaded.problems.join('\n')}\n`);
    return 2;
  }
  const report: Report = loaded.report;
  // A report with errors is written marked 草稿 (as the page does once the clerk confirms), unless --force.
  const errors = validate(report, { reading: loaded.reading }).counts.error;
  const draft = errors > 0 && !opts.force ? { errors } : undefined;
  writeOutput(opts.out, html ? renderHtml(report, draft ? { draft } : {}) : await renderDocx(report, draft ? { draft } : {}), files);
  if (errors > 0) err(`报告仍有 ${errors} 个错误（用 xxgk validate 查看）。${draft ? '已生成标有“草稿”的文件；改正后再生成，或加 --force 生成不带标记的文件' : '按 --force 生成，未标“草稿”'}\n`);
  out(`已生成 ${opts.out}\n`);
  return errors > 0 && !opts.force ? 1 : 0;
}
