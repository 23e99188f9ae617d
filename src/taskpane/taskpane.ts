/* global Office, document, window, navigator, fetch, btoa */
/**
 * The task pane. In Excel: one Office.onReady that wires the DOM; the work is in actions.ts.
 * In a plain browser (no Office host) the same page becomes the standalone validator, whose code
 * (and the ExcelJS reader) is loaded only then.
 */
import { aggregate, toSubmission, type AggregateUnit, type FormatId, type Issue, type Report } from '../model';
import { applyTotalRepairs, clearMarks, insertTemplate, runCheck, saveExplanations, selectCell, totalRepairs, withExplanation, writeReportValues, type CheckOutcome } from './actions';
import { readReportFile } from './read-file';
import { $, ask, confirmExport, download, downloadReportDocx, el, exportName, renderIssues, reportYear, say, summarize, updateFormat } from './ui';

let last: CheckOutcome | undefined;
let previous: Report | undefined;

async function templateBase64(format: FormatId): Promise<string> {
  const res = await fetch(`assets/template-${format}.xlsx`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function explain(issue: Issue, text: string): Promise<string> {
  if (!last) return '';
  const explanations = withExplanation(last.report, issue, text);
  const r = await saveExplanations(explanations);
  if (!r.ok) {
    say(r.message, 'fail');
    return '';
  }
  last = { ...last, report: { ...last.report, explanations } as Report };
  return text.trim() ? '已保存' : '已删除说明';
}

async function onCheck(): Promise<void> {
  say('正在校验…');
  const r = await runCheck(previous);
  if (!r.ok) {
    last = undefined;
    $('issues').replaceChildren();
    return say(r.message, 'fail');
  }
  last = r.value;
  summarize(r.value.result, r.value.marked ? '' : '。此版本的 Excel 不能标记单元格，请按下面的地址查找');
  renderIssues(r.value.result, r.value.addresses, {
    select: (address) => void selectCell(address).then((s) => !s.ok && say(s.message, 'fail')),
    explain,
  });
  ($('fill-totals') as HTMLButtonElement).disabled = totalRepairs(r.value).length === 0;
  ($('export') as HTMLButtonElement).disabled = false;
  ($('render-docx') as HTMLButtonElement).disabled = false;
}

async function onInsert(): Promise<void> {
  const format = updateFormat();
  const r = await insertTemplate(format, reportYear(), templateBase64, () =>
    ask('替换年报工作表？', '工作簿中已有年报工作表。替换会删除其中已填写的内容（其他工作表不受影响）。', '替换'),
  );
  if (!r.ok) return say(r.message, 'fail');
  say(r.value === 'inserted' ? `已插入 ${format} 版模板，请从“基本信息”开始填写。` : '已取消，未作改动。');
}

async function onFillTotals(): Promise<void> {
  if (!last) return;
  const repairs = totalRepairs(last);
  if (repairs.length === 0) return say('所有合计单元格都与公式一致。');
  const list = el('ul', { class: 'changes' });
  for (const r of repairs) list.append(el('li', {}, `${r.address}（${r.where}）：${String(r.current ?? '空')} → ${r.computed}（恢复合计公式）`));
  if (!(await ask('填入以下合计？', list, '填入'))) return;
  const done = await applyTotalRepairs(repairs);
  if (!done.ok) return say(done.message, 'fail');
  await onCheck();
}

async function onExport(): Promise<void> {
  if (!last) return;
  const { report, result } = last;
  if (!(await confirmExport(result))) return;
  const text = JSON.stringify(toSubmission(report, { result, exportedAt: new Date().toISOString(), generator: { name: 'xxgk-addin', version: '0.1.0' } }), null, 2);
  // Some Office hosts block downloads: offer the text to copy as well.
  const fallback = $('export-fallback');
  ($('export-text') as HTMLTextAreaElement).value = text;
  fallback.hidden = download(exportName(report), text);
  say(fallback.hidden ? `已导出 ${exportName(report)}` : '请复制下方的 JSON 内容保存。', result.valid ? 'pass' : 'fail');
}

/** 汇总: several units' files summed (the model's aggregate), shown, then written into this workbook after asking. */
async function onAggregate(): Promise<void> {
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
      units.push({ source: file.name, report: r.report, reading: r.reading });
    } catch (e) {
      unreadable.push(`${file.name}：${e instanceof Error ? e.message : '无法读取'}`);
    }
  }
  const agg = aggregate(units, { includeErrors: ($('aggregate-include-errors') as HTMLInputElement).checked });
  if (!agg.ok) return void box.replaceChildren(...[...agg.problems, ...unreadable].map((p) => el('p', { class: 'note' }, p)));
  const list = el('ul', { class: 'changes' });
  for (const u of agg.units) {
    const why = u.excluded === 'duplicate' ? `未计入：与 ${u.duplicateOf ?? ''} 重复` : u.excluded === 'errors' ? '未计入：有错误' : '已计入';
    list.append(el('li', {}, `${u.source}（${u.agencyName || '未填机关名称'}）：${u.errors} 个错误，${u.warnings} 个警告，${why}${Object.keys(u.rules).length ? `；${Object.keys(u.rules).join('、')}` : ''}`));
  }
  for (const p of unreadable) list.append(el('li', {}, `无法读取：${p}`));
  box.replaceChildren(el('p', {}, `汇总 ${agg.units.filter((u) => u.included).length} 个单位；有错误的报告${agg.includeErrors ? '已计入' : '未计入'}。`), list);
  if (!(await ask('写入汇总结果？', '把汇总的数字写入本工作簿的表二、表三、表四（覆盖其中已有的数字，合计公式保留）。', '写入'))) return;
  const written = await writeReportValues(agg.report);
  if (!written.ok) return say(written.message, 'fail');
  say(`已写入 ${written.value} 个单元格。`);
  await onCheck();
}

async function onCopy(): Promise<void> {
  const area = $('export-text') as HTMLTextAreaElement;
  try {
    await navigator.clipboard.writeText(area.value);
  } catch {
    area.select();
    document.execCommand('copy');
  }
  say('已复制到剪贴板。');
}

async function onPrevious(): Promise<void> {
  const file = ($('previous') as HTMLInputElement).files?.[0];
  const status = $('previous-status');
  previous = undefined;
  if (!file) return void (status.textContent = '');
  try {
    previous = (await readReportFile(file)).report;
    status.textContent = `已载入：${previous.metadata.agencyName || '（未填机关名称）'} ${previous.metadata.year ?? ''} 年度`;
  } catch (e) {
    status.textContent = e instanceof Error ? e.message : '无法读取这个文件';
  }
  window.dispatchEvent(new CustomEvent('xxgk:previous', { detail: previous }));
}

/** What both modes share: year, template links, last year's file. */
function wireCommon(): void {
  ($('year') as HTMLInputElement).value = String(new Date().getFullYear() - 1);
  updateFormat();
  $('year').addEventListener('input', updateFormat);
  $('previous').addEventListener('change', () => void onPrevious());
}

function show(mode: 'excel' | 'browser'): void {
  for (const e of document.querySelectorAll<HTMLElement>(mode === 'excel' ? '.browser-only' : '.excel-only')) e.hidden = true;
  for (const e of document.querySelectorAll<HTMLElement>(mode === 'excel' ? '.excel-only' : '.browser-only')) e.hidden = false;
}

function wireExcel(): void {
  show('excel');
  wireCommon();
  $('insert-template').addEventListener('click', () => void onInsert());
  $('check').addEventListener('click', () => void onCheck());
  $('clear-marks').addEventListener('click', () => void clearMarks().then((r) => say(r.ok ? (r.value ? '已清除标记。' : '此版本的 Excel 没有标记可清除。') : r.message)));
  $('fill-totals').addEventListener('click', () => void onFillTotals());
  $('export').addEventListener('click', () => void onExport());
  $('copy-export').addEventListener('click', () => void onCopy());
  $('render-docx').addEventListener('click', () => last && void downloadReportDocx(last.report));
  $('aggregate-files').addEventListener('change', () => void onAggregate());
}

if (window.xxgkHost === 'excel') {
  Office.onReady((info) => {
    if (info.host === Office.HostType.Excel) return wireExcel();
    const note = $('host-note');
    note.hidden = false;
    note.textContent = '此页面需要在 Excel 中作为加载项打开。';
  });
} else {
  show('browser');
  wireCommon();
  void import(/* webpackChunkName: "standalone" */ './standalone').then((m) => m.wireStandalone(() => previous));
}
