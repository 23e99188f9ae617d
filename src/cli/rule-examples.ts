/**
 * 审核规则说明's worked examples: for every rule, a real mistake made on the published sample
 * report (assets/samples) — a cell changed, a workbook edited as clerks edit it, a published text
 * cut or joined — and what the validator, run on it, actually says. Nothing here is typed as output.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type ExcelJS from 'exceljs';
import { fillTotals, getFormat, parseReport, RULE_IDS, validate, validateRead, type CellValue, type Issue, type Report, type RuleId } from '../model';
import { htmlToText } from '../import/html-text';
import { importPublished } from '../import/published';
import { renderHtml } from '../publish/render-html';
import { getLayout, sheetName } from '../sheet/layout';
import { issueAddress, type Places } from '../sheet/places';
import { fillTemplate } from '../workbook/fill';
import { openBuffer } from './load';
import { packageRoot } from '../server/package-root';

export interface RuleExample {
  readonly ruleId: RuleId;
  /** The mistake, in a clerk's words. */
  readonly mistake: string;
  /** What the validator said about it: this rule's issues, with their cells. */
  readonly found: readonly { readonly severity: Issue['severity']; readonly address?: string; readonly message: string }[];
}

type Tables = Record<string, Record<string, Record<string, CellValue>>>;

function sample(name: string): Report {
  const p = parseReport(JSON.parse(readFileSync(join(packageRoot(), 'assets/samples', `${name}.json`), 'utf8')));
  if (!p.ok) throw new Error(`sample ${name} does not parse`);
  return p.value;
}

const get = (r: Report, id: string): CellValue | undefined => {
  const [t, ...rest] = id.split('.');
  const col = rest.pop()!;
  return (r.tables as unknown as Tables)[t!]?.[rest.join('.')]?.[col];
};

/** A copy with cells set (undefined: left blank); `totals` recomputes the derived totals afterwards. */
function withCells(r: Report, changes: Record<string, CellValue | undefined>, totals = false): Report {
  const copy = JSON.parse(JSON.stringify(r)) as Report;
  const tables = copy.tables as unknown as Tables;
  const format = getFormat(r.format);
  for (const [id, v] of Object.entries(changes)) {
    const c = format.byId.get(id)!;
    const row = (tables[c.table]![c.row] ??= {});
    if (v === undefined) delete row[c.col];
    else row[c.col] = v;
  }
  return totals ? fillTotals(copy) : copy;
}

const num = (r: Report, id: string) => Number(get(r, id) ?? 0);

interface Case {
  readonly mistake: string;
  /** The report validated, with what reading it found; or a previous year's report beside it. */
  readonly run: () => Promise<{ issues: readonly Issue[]; places: Places }>;
}

const direct = (report: Report, previous?: Report) => async () => ({ issues: validate(report, previous ? { previous } : {}).issues, places: {} as Places });

/** The report written into the template, edited as a clerk would, saved and read back like any workbook. */
const viaWorkbook = (report: Report, edit: (wb: ExcelJS.Workbook, at: (id: string) => ExcelJS.Cell) => void) => async () => {
  const wb = fillTemplate(report);
  const layout = getLayout(report.format);
  const at = (id: string) => {
    const p = layout.cells.get(id)!;
    return wb.getWorksheet(sheetName(p.sheet))!.getCell(p.row, p.col);
  };
  edit(wb, at);
  const loaded = await openBuffer(new Uint8Array(await wb.xlsx.writeBuffer()), '示例.xlsx');
  if (!loaded.ok) throw new Error(loaded.problems.join('；'));
  return { issues: validateRead(loaded).issues, places: loaded.places };
};

/** The report published as a web page, its text changed as archives and scans change it, then imported. */
const viaText = (report: Report, edit: (text: string) => string) => async () => {
  const r = importPublished(edit(htmlToText(renderHtml(report))));
  return { issues: validate(r.report, { reading: r.issues }).issues, places: {} as Places };
};

function cases(): Record<RuleId, Case> {
  const c = sample('example-2021-corrected');
  const x = sample('xiangshan-hrss-2020');
  const meta = (m: Partial<Report['metadata']>) => ({ ...c, metadata: { ...c.metadata, ...m } }) as Report;
  const text = (n: Partial<NonNullable<Report['narrative']>>) => ({ ...c, narrative: { ...c.narrative!, ...n } }) as Report;
  const lastYear = { ...c, metadata: { ...c.metadata, year: 2023 } } as Report;
  // Labels found in the layout by their row, never typed here: the format definitions own them.
  const rowLabel = (table: 't2' | 't3', rowId: string) => getLayout(c.format).labels.find((k) => k.sheet === table && k.rowId === rowId)!;
  const labelCell = (wb: ExcelJS.Workbook, table: 't2' | 't3', rowId: string) => {
    const l = rowLabel(table, rowId);
    return wb.getWorksheet(sheetName(l.sheet))!.getCell(l.row, l.col);
  };
  return {
    'CELL-BLANK': { mistake: '表四“行政复议 · 结果维持”没有数，留空了', run: direct(withCells(c, { 't4.review.upheld': undefined })) },
    'CELL-TEXT': { mistake: '表四“行政复议 · 结果纠正”填了“无”', run: direct(withCells(c, { 't4.review.corrected': '无' })) },
    'CELL-NUMBER-AS-TEXT': { mistake: '表四“行政复议 · 结果维持”的 1 是以文本格式输入的', run: direct(withCells(c, { 't4.review.upheld': '1' })) },
    'CELL-NEGATIVE': { mistake: '表四“行政复议 · 其他结果”填了 -1', run: direct(withCells(c, { 't4.review.other': -1 }, true)) },
    'CELL-NOT-INTEGER': { mistake: '表四“行政复议 · 尚未审结”填了 1.5', run: direct(withCells(c, { 't4.review.pending': 1.5 }, true)) },
    'CELL-FORMULA-ERROR': { mistake: '表四“行政复议 · 结果维持”引用了已删除的单元格，显示 #REF!', run: direct(withCells(c, { 't4.review.upheld': { error: '#REF!' } })) },
    'CELL-IMPLAUSIBLE': { mistake: '行政许可的处理决定数量多打了几位：3260000000', run: direct(withCells(c, { 't2.license.decisions': 3260000000 })) },
    'T3-ROW-TOTAL': { mistake: '表三“本年新收”的总计写成了 19（各项之和是 18）', run: direct(withCells(c, { 't3.new.total': 19 })) },
    'T3-RESULT-TOTAL': { mistake: '表三“（七）总计”的自然人一格写成了 15（上面各项之和是 14）', run: direct(withCells(c, { 't3.resultTotal.natural': 15, 't3.resultTotal.total': num(c, 't3.resultTotal.total') + 1 })) },
    'T3-BALANCE': { mistake: '表三“予以公开”的自然人多填了 1（总计一并改了），第一项加第二项不再等于第三项加第四项', run: direct(withCells(c, { 't3.disclosed.natural': num(c, 't3.disclosed.natural') + 1 }, true)) },
    'T4-GROUP-TOTAL': { mistake: '表四“行政复议 · 总计”写成了 3（各项之和是 2）', run: direct(withCells(c, { 't4.review.total': 3 })) },
    'T2-2019-PUBLISHED': { mistake: '（2019 版）表二规范性文件“本年新公开数量”大于“对外公开总数量”', run: direct(withCells(x, { 't2.normative.published': num(x, 't2.normative.totalPublished') + 5 })) },
    'T2-2019-PROJECTS': { mistake: '（2019 版）表二行政许可“本年增/减”为 -20，而上一年项目数量只有 3', run: direct(withCells(x, { 't2.license.prevProjects': 3, 't2.license.change': -20 })) },
    'T2-2021-IN-FORCE': { mistake: '表二行政规范性文件“现行有效件数”填了 0，而本年制发 3 件、废止 1 件', run: direct(withCells(c, { 't2.normative.inForce': 0 })) },
    'T2-RULES-AUTHORITY': { mistake: '县自然资源局在表二“规章”一行填了本年制发 1 件', run: direct(withCells(c, { 't2.rules.issued': 1, 't2.rules.inForce': 1 })) },
    'META-REQUIRED': { mistake: '基本信息中的机关名称没有填', run: direct(meta({ agencyName: '' })) },
    'META-YEAR-FORMAT': { mistake: '2020 年度的报告用了 2021 版格式', run: direct(meta({ year: 2020, date: '2021-01-15' })) },
    'META-CREDIT-CODE': { mistake: '统一社会信用代码抄错了最后一位', run: direct(meta({ creditCode: '91350100M000100Y44' })) },
    'META-PHONE': { mistake: '联系电话填成了“王五”', run: direct(meta({ phone: '王五' })) },
    'META-DATE': { mistake: '填报日期写成了 2024 年 6 月 1 日，还在报告年度之内', run: direct(meta({ date: '2024-06-01' })) },
    'XY-YEAR': { mistake: '选作“上年数据”的是 2022 年度的报告', run: direct(c, { ...lastYear, metadata: { ...lastYear.metadata, year: 2022 } } as Report) },
    'XY-CARRY': { mistake: '上年报告“结转下年度继续办理”是 3 件，本年“上年结转”只填了 1 件', run: direct(c, withCells(lastYear, { 't3.carryForward.natural': num(c, 't3.carriedOver.natural') + 2, 't3.new.natural': num(c, 't3.new.natural') + 2 }, true)) },
    'XY-RULES-IN-FORCE': { mistake: '规范性文件上年现行有效 5 件，本年制发 3 件、废止 1 件，本年却填了现行有效 12 件', run: direct(c, withCells(lastYear, { 't2.normative.inForce': 5 })) },
    'XY-PROJECTS': { mistake: '（2019 版）行政许可上一年项目数量与上年报告加本年增/减对不上', run: direct(x, withCells({ ...x, metadata: { ...x.metadata, year: 2019 } } as Report, { 't2.license.prevProjects': num(x, 't2.license.prevProjects') + 7 })) },
    'FORM-LABEL': { mistake: '表三“（一）予以公开”一行的标签被改成了“已办结”', run: viaWorkbook(c, (wb) => void (labelCell(wb, 't3', 'disclosed').value = '已办结')) },
    'FORM-LABEL-VARIANT': { mistake: '表二“规章”写成了“规章（县级无此项）”', run: viaWorkbook(c, (wb) => void (labelCell(wb, 't2', 'rules').value = `${rowLabel('t2', 'rules').text}（县级无此项）`)) },
    'FORM-ROW-EXTRA': {
      mistake: '在表三“（一）予以公开”下插入了一行“其中：网上申请”',
      run: viaWorkbook(c, (wb) => {
        const l = rowLabel('t3', 'disclosed');
        const ws = wb.getWorksheet(sheetName(l.sheet))!;
        // Merged areas are undone first, as clerks do before inserting rows.
        for (const m of Object.keys((ws as unknown as { _merges: Record<string, unknown> })._merges)) ws.unMergeCells(m);
        ws.spliceRows(l.row + 1, 0, [...Array(l.col - 1).fill(''), '其中：网上申请', 5, 0, 0, 0, 0, 0, 5]);
      }),
    },
    'FORM-FORMULA-REPLACED': { mistake: '表三“本年新收”的总计格里的公式被直接输入的 18 覆盖了', run: viaWorkbook(c, (_wb, at) => void (at('t3.new.total').value = num(c, 't3.new.total'))) },
    'FORM-FORMULA-NO-VALUE': {
      mistake: '表四“行政复议 · 结果维持”一格填的是公式 =0+1，文件由程序写入，没有保存计算结果',
      run: viaWorkbook(c, (_wb, at) => void (at('t4.review.upheld').value = { formula: '0+1' } as ExcelJS.CellFormulaValue)),
    },
    'FORM-NOT-RECALCULATED': {
      mistake: '工作簿由程序改写了“本年新收 · 自然人”，保存时没有重新计算，总计格仍是旧值',
      run: viaWorkbook(c, (_wb, at) => void (at('t3.new.natural').value = num(c, 't3.new.natural') + 1)),
    },
    'FORM-VALUE': { mistake: '基本信息中的机关类型填了“区政府”，不是下拉列表中的选项', run: viaWorkbook(c, (wb) => {
        const kind = getLayout(c.format).meta.find((m) => m.field === 'agencyKind')!;
        wb.getWorksheet(sheetName(kind.sheet))!.getCell(kind.row, kind.col).value = '区政府';
      }),
    },
    'FORM-FOREIGN': {
      mistake: '上级下发的表格（不是本系统的模板）：三张表照官方格式排列，没有模板的隐藏信息',
      run: viaWorkbook(c, (wb) => {
        for (const ws of [...wb.worksheets]) if (ws.state !== 'visible') wb.removeWorksheet(ws.id);
        (wb.definedNames as unknown as { model: unknown[] }).model = [];
      }),
    },
    'FORM-TABLE-TWICE': {
      mistake: '上级下发的表格里留着上一年度填的“表三”，本年度的表三另在一个工作表中',
      run: viaWorkbook(c, (wb) => {
        for (const ws of [...wb.worksheets]) if (ws.state !== 'visible') wb.removeWorksheet(ws.id);
        (wb.definedNames as unknown as { model: unknown[] }).model = [];
        // Last year's 表三 kept beside this year's: the same rows, as values.
        const t3 = wb.getWorksheet(sheetName('t3'))!;
        const old = wb.addWorksheet('表三（上年）');
        t3.eachRow((row, r) =>
          row.eachCell((cell, k) => {
            const v = cell.value;
            old.getCell(r, k).value = v && typeof v === 'object' && 'formula' in v ? ((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue) ?? null : v;
          }),
        );
      }),
    },
    'FORM-ZERO-VARIANT': { mistake: '网上发布的年报中“规章”一行写的是“-”', run: viaText(c, (t) => t.replace('| 规章 | 0 | 0 | 0 |', '| 规章 | - | - | - |')) },
    'FORM-UNIT': { mistake: '网上发布的年报中收费金额写成了“186000元”（表格单位是万元）', run: viaText(c, (t) => t.replace('| 行政事业性收费 | 18.6 |', '| 行政事业性收费 | 186000元 |')) },
    'FORM-MISSING': { mistake: '网上发布的年报漏掉了“行政强制”一行', run: viaText(c, (t) => t.replace(/\| 行政强制 \| 2 \|\n/, '')) },
    'FORM-DIGITS-SPLIT': { mistake: '存档网页把“2.重复申请”一行的数字连在一起：1000001', run: viaText(c, (t) => t.replace('| 2.重复申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |', '| 2.重复申请 | 1000001 |')) },
    'FORM-INFERRED': { mistake: '导入网上发布的年报：标题写了机关名称和年度，没有写机关类型', run: viaText(c, (t) => t) },
    'FORM-NO-NARRATIVE': { mistake: '导入的年报只有三张表，正文各部分的标题都没有', run: viaText(c, (t) => t.replace(/^[一二三四五六]、[^\n]*\n(?![|])/gm, '').replace(/^(一|五|六)、[^\n]*$/gm, '')) },
    'NARRATIVE-EMPTY': { mistake: '“一、总体情况”没有写', run: direct(text({ overview: '' })) },
    'NARRATIVE-SECTIONS': { mistake: '“五、存在的主要问题及改进情况”只写了“无”', run: direct(text({ problems: '无' })) },
    'NARRATIVE-FIGURES': { mistake: '总体情况写“共收到政府信息公开申请20件”，表三本年新收是 18 件', run: direct(text({ overview: c.narrative!.overview!.replace('申请18件', '申请20件') })) },
    'NARRATIVE-UNCHECKED': { mistake: '总体情况写了收到申请 18 件，表三“本年新收 · 总计”一格却是空的', run: direct(withCells(c, { 't3.new.total': undefined })) },
    'NARRATIVE-PARTS': { mistake: '总体情况写“主动公开356条，其中……行政许可信息310条”，分项之和超过了总数', run: direct(text({ overview: c.narrative!.overview!.replace('行政许可信息210条', '行政许可信息310条') })) },
    'NARRATIVE-PARTS-UNACCOUNTED': { mistake: '总体情况写“主动公开356条，其中政策文件12条，行政许可信息210条，行政处罚信息41条”，分项合计 263 条', run: direct(c) },
    'NARRATIVE-FEE': {
      mistake: '表三“逾期未按收费通知要求缴纳费用”有 1 件，“六、其他需要报告的事项”没有提信息处理费',
      run: direct({ ...withCells(c, { 't3.other.unpaidFee.natural': 1, 't3.new.natural': num(c, 't3.new.natural') + 1 }, true), narrative: { ...c.narrative!, other: '本年度无其他需要报告的事项。' } } as Report),
    },
    'NARRATIVE-FEE-STATEMENT': { mistake: '“六、其他需要报告的事项”只写了“无”，没有说明是否收取信息处理费', run: direct(text({ other: '无' })) },
  };
}

/** Every rule's example, run now. A rule whose example no longer produces it throws: the guide is never stale. */
export async function ruleExamples(only?: RuleId): Promise<RuleExample[]> {
  const all = cases();
  const out: RuleExample[] = [];
  for (const ruleId of only ? [only] : RULE_IDS) {
    const k = all[ruleId];
    const { issues, places } = await k.run();
    const mine = issues.filter((i) => i.ruleId === ruleId);
    if (!mine.length) throw new Error(`${ruleId}: its example produced ${issues.map((i) => i.ruleId).join(', ') || 'no issue'}`);
    out.push({
      ruleId,
      mistake: k.mistake,
      found: mine.slice(0, 3).map((i) => {
        const address = issueAddress(i, places);
        return { severity: i.severity, message: i.message, ...(address ? { address } : {}) };
      }),
    });
  }
  return out;
}
