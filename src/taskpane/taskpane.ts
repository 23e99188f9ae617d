/* global document, window, navigator, fetch, btoa, location */
/**
 * The task pane inside Excel (taskpane.html, which loads office.js by tag) and inside WPS 表格
 * (the WPS build's taskpane.html, without office.js). The host is found by what the page can
 * reach: WPS's ET model (window.Application), else Office.onReady. Every host call goes through
 * src/host, the work through actions.ts.
 */
import { exportSubmission } from '../flows/export';
import { whenServed } from './server-probe';
import { aggregate, exclusionReason, withExplanation, type AggregateUnit, type FormatId, type Issue, type Report } from '../model/core';
import { whenExcelReady } from '../host/excel';
import { etApplication, type EtApplication } from '../host/wps/et';
import type { SpreadsheetHost } from '../host/types';
import { lostFormulas, totalRepairs } from '../sheet/totals';
import { applyTotalRepairs, clearMarks, insertTemplate, runCheck, saveExplanations, selectCell, writeReportValues, type CheckOutcome } from './actions';
import { wireCommon } from './common';
import { readReportFile } from './read-file';
import { $, ask, backToIssues, confirmExport, confirmRender, download, el, notify, renderIssues, reportDocx, say, summarize, typedYear, updateFormat } from './ui';

/** Everything the pane knows, passed to its handlers: the host, the last check's outcome (its format, places, 说明), last year's report. */
interface PaneState {
  readonly host: SpreadsheetHost;
  last: CheckOutcome | undefined;
  previous: Report | undefined;
}

/** The standalone validator's address next to this page: where a download that Office drops can be made. */
const validatorUrl = () => new URL('validator.html', location.href).href;

async function templateBase64(format: FormatId): Promise<string> {
  const res = await fetch(`assets/template-${format}.xlsx`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function explain(s: PaneState, issue: Issue, text: string): Promise<string> {
  if (!s.last) return '';
  const explanations = withExplanation(s.last.report, issue, text);
  const r = await saveExplanations(s.host, explanations);
  if (!r.ok) {
    say(r.message, 'fail');
    return '';
  }
  s.last = { ...s.last, report: { ...s.last.report, explanations } };
  return text.trim() ? '已保存' : '已删除说明';
}

async function onCheck(s: PaneState): Promise<void> {
  say('正在校验…');
  const r = await runCheck(s.host, s.previous);
  if (!r.ok) {
    s.last = undefined;
    $('issues').replaceChildren();
    return say(r.message, 'fail');
  }
  s.last = r.value;
  summarize(r.value.result, r.value.marked === true ? '' : `。${r.value.marked}`);
  renderIssues(r.value.result, r.value.places, {
    select: (place) => void selectCell(s.host, place).then((r) => !r.ok && say(r.message, 'fail')),
    explain: (issue, text) => explain(s, issue, text),
  });
  ($('fill-totals') as HTMLButtonElement).disabled = totalRepairs(r.value.report, r.value.places, lostFormulas(r.value.result.issues)).length === 0;
  ($('export') as HTMLButtonElement).disabled = false;
  ($('render-docx') as HTMLButtonElement).disabled = false;
}

async function onInsert(s: PaneState): Promise<void> {
  const format = updateFormat();
  const typed = typedYear();
  if (!format || 'problem' in typed) return say('problem' in typed ? typed.problem : '请填写报告年度', 'fail');
  say('正在插入模板…');
  const r = await insertTemplate(s.host, format, typed.year, templateBase64, () =>
    ask('替换年报工作表？', '工作簿中已有年报工作表。替换会删除其中已填写的内容（其他工作表不受影响）。', '替换'),
  );
  if (!r.ok) return say(r.message, 'fail');
  if (r.value.status === 'cancelled') return say('已取消，未作改动。');
  const { problems } = r.value;
  say(problems.length ? `已插入 ${format} 版模板，但有 ${problems.length} 处未能恢复：${problems.join('；')}` : `已插入 ${format} 版模板，请从“基本信息”开始填写。`, problems.length ? 'fail' : undefined);
}

async function onClear(s: PaneState): Promise<void> {
  const r = await clearMarks(s.host, s.last?.report.format);
  say(r.ok ? '已清除标记。' : r.message, r.ok ? undefined : 'fail');
}

async function onFillTotals(s: PaneState): Promise<void> {
  if (!s.last) return;
  const repairs = totalRepairs(s.last.report, s.last.places, lostFormulas(s.last.result.issues));
  if (repairs.length === 0) return say('所有合计单元格都与公式一致。');
  const list = el('ul', { class: 'changes' });
  for (const r of repairs) list.append(el('li', {}, `${r.address}（${r.where}）：${String(r.current ?? '空')} → ${r.computed}（恢复合计公式）`));
  if (!(await ask('填入以下合计？', list, '填入'))) return;
  const done = await applyTotalRepairs(s.host, repairs);
  if (!done.ok) return say(done.message, 'fail');
  await onCheck(s);
}

/**
 * 导出 JSON. Where Office drops downloads (Mac) the text is shown to copy; where a download
 * cannot be confirmed it is offered and the text shown as well. Never a success that did not happen.
 */
async function onExport(s: PaneState): Promise<void> {
  if (!s.last) return;
  const { report, result } = s.last;
  if (!(await confirmExport(result))) return;
  const { text, name } = exportSubmission(report, result, 'xxgk-addin');
  ($('export-text') as HTMLTextAreaElement).value = text;
  const fallback = $('export-fallback');
  const note = $('export-note');
  const state = result.valid ? 'pass' : 'fail';
  if (s.host.downloads === 'yes' && download(name, text)) {
    fallback.hidden = true;
    return notify(`已导出 ${name}`, state);
  }
  const tried = s.host.downloads === 'unconfirmed' && download(name, text);
  note.textContent = tried
    ? `已请求下载 ${name}。如果没有出现下载的文件，请复制下面的内容，保存为 ${name}。`
    : `此环境（如 Mac 版 Office）不能从加载项下载文件。请复制下面的内容，保存为 ${name}。`;
  fallback.hidden = false;
  notify(tried ? `已请求下载 ${name}（请确认文件已保存）` : '请复制下方的 JSON 内容保存。', state);
}

/** 生成报告: the Word file, where Office lets it be downloaded; otherwise where to make it instead. */
async function onRender(s: PaneState): Promise<void> {
  if (!s.last) return;
  const elsewhere = `请把工作簿保存后，在浏览器中打开独立校验页面 ${validatorUrl()} ，打开该工作簿并点“生成报告”。`;
  if (s.host.downloads === 'no') return notify(`此环境（如 Mac 版 Office）不能从加载项下载文件。${elsewhere}`);
  if (!(await confirmRender(s.last.result))) return;
  const { name, blob } = await reportDocx(s.last.report, s.last.result);
  if (!download(name, blob)) return notify(`此环境不允许下载文件。${elsewhere}`);
  notify(s.host.downloads === 'yes' ? `已生成 ${name}` : `已请求下载 ${name}。如果没有出现下载的文件，${elsewhere}`);
}

/** 下载模板 inside Office: where downloads are dropped, the template goes into the workbook instead. */
function onTemplateLink(s: PaneState, e: Event): void {
  if (!updateFormat()) {
    e.preventDefault();
    return notify('problem' in typedYear() ? (typedYear() as { problem: string }).problem : '请填写报告年度', 'fail');
  }
  if (s.host.downloads === 'no') {
    e.preventDefault();
    notify(`此环境（如 Mac 版 Office）不能从加载项下载文件：请点“插入模板”把模板插入当前工作簿，或在浏览器中打开 ${validatorUrl()} 下载模板。`);
  } else if (s.host.downloads === 'unconfirmed') {
    notify('已请求下载模板。如果没有出现下载的文件，请点“插入模板”把模板插入当前工作簿。');
  }
}

/** 汇总: several units' files summed (the model's aggregate), shown, then written into this workbook after asking. */
async function onAggregate(s: PaneState): Promise<void> {
  const input = $('aggregate-files') as HTMLInputElement;
  const files = [...(input.files ?? [])];
  const box = $('aggregate-result');
  if (files.length === 0) return;
  box.replaceChildren(el('p', { class: 'note' }, `正在读取 ${files.length} 个文件…`));
  const units: AggregateUnit[] = [];
  const unreadable: string[] = [];
  for (const file of files) {
    try {
      const r = await readReportFile(file);
      units.push({ source: file.name, report: r.report, reading: r.reading, modified: file.lastModified, aggregate: r.aggregate });
    } catch (e) {
      unreadable.push(`${file.name}：${e instanceof Error ? e.message : '无法读取'}`);
    }
  }
  const agg = aggregate(units, { includeErrors: ($('aggregate-include-errors') as HTMLInputElement).checked });
  if (!agg.ok) return void box.replaceChildren(...[...agg.problems, ...unreadable].map((p) => el('p', { class: 'note' }, p)));
  const list = el('ul', { class: 'changes' });
  for (const u of agg.units) {
    const why = u.excluded ? `未计入：${exclusionReason(u)}` : '已计入';
    list.append(el('li', {}, `${u.source}（${u.agencyName || '未填机关名称'}）：${u.errors} 个错误，${u.warnings} 个警告，${why}${Object.keys(u.rules).length ? `；${Object.keys(u.rules).join('、')}` : ''}`));
  }
  for (const p of unreadable) list.append(el('li', {}, `无法读取：${p}`));
  box.replaceChildren(el('p', {}, `汇总 ${agg.units.filter((u) => u.included).length} 个单位；有错误的报告${agg.includeErrors ? '已计入' : '未计入'}。`), list);
  if (!(await ask('写入汇总结果？', '把汇总的数字写入本工作簿的表二、表三、表四（覆盖其中已有的数字，合计公式保留）。', '写入'))) return;
  const written = await writeReportValues(s.host, agg.report);
  if (!written.ok) return say(written.message, 'fail');
  say(`已写入 ${written.value} 个单元格。`);
  await onCheck(s);
}

async function onCopy(): Promise<void> {
  const area = $('export-text') as HTMLTextAreaElement;
  try {
    await navigator.clipboard.writeText(area.value);
  } catch {
    area.select();
    document.execCommand('copy');
  }
  say('已复制到剪贴板。请粘贴到记事本等程序中，保存为 .json 文件。');
}

function wireHost(host: SpreadsheetHost): void {
  const s: PaneState = { host, last: undefined, previous: undefined };
  wireCommon('excel', (previous) => {
    s.previous = previous;
    // A report already checked is checked again with last year's (or without it).
    if (s.last) void onCheck(s);
  });
  $('insert-template').addEventListener('click', () => void onInsert(s));
  $('check').addEventListener('click', () => void onCheck(s));
  $('clear-marks').addEventListener('click', () => void onClear(s));
  ($('clear-marks') as HTMLButtonElement).disabled = host.noMarks !== undefined;
  $('fill-totals').addEventListener('click', () => void onFillTotals(s));
  $('export').addEventListener('click', () => void onExport(s));
  $('copy-export').addEventListener('click', () => void onCopy());
  $('render-docx').addEventListener('click', () => void onRender(s));
  $('back-to-issues').addEventListener('click', backToIssues);
  $('download-template').addEventListener('click', (e) => onTemplateLink(s, e));
  $('aggregate-files').addEventListener('change', () => void onAggregate(s));
  // 报送 appears when the pane is served by the office's collection server (xxgk serve).
  void whenServed(() => s.last, 'xxgk-addin');
}

/** WPS 表格: its host code loads only there (Excel never downloads it). */
async function startWps(et: EtApplication): Promise<void> {
  const [{ WpsHost }, { templateLocation }, { customFunctionsAvailable }] = await Promise.all([
    import(/* webpackChunkName: "wps-host" */ '../host/wps'),
    import(/* webpackChunkName: "wps-host" */ '../host/wps/paths'),
    import(/* webpackChunkName: "wps-host" */ '../host/wps/functions'),
  ]);
  wireHost(new WpsHost(et, { templatePath: (format) => templateLocation(format, location.href) }));
  // Custom functions need WPS 12.1.0.20540 or later (Kingsoft's documentation); older WPS shows #NAME?.
  if (!customFunctionsAvailable(window as unknown as Parameters<typeof customFunctionsAvailable>[0])) {
    const note = $('host-note');
    note.hidden = false;
    note.textContent = '此版本的 WPS 不支持加载项的自定义函数（需要 WPS 12.1.0.20540 或更高版本，安装后重启 WPS）：单元格中的 =XXGK.CHECK 等函数会显示 #NAME?；任务窗格的校验、标记和导出照常可用。';
  }
}

const et = etApplication();
if (et) void startWps(et);
else {
  whenExcelReady(wireHost, () => {
    // Outside Office no control here can work: only the note, with a link to the page that does.
    for (const m of document.querySelectorAll<HTMLElement>('main')) m.hidden = true;
    const note = $('host-note');
    note.hidden = false;
    note.replaceChildren('此页面是加载项的任务窗格，需要在 Excel 或 WPS 表格中打开。在浏览器中请使用', el('a', { href: 'validator.html' }, '独立校验页面 validator.html'), '。');
  });
}
