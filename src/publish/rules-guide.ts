/**
 * 审核规则说明: every rule of the catalogue — its id, 错误/警告/提示, what it checks, a worked
 * example (the mistake and what the validator said about it, produced by running it) and how to
 * fix it — grouped as clerks look for them, as a web page and as a Word document offices forward.
 */
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { FIXES, RULES, RULES_VERSION, SEVERITY_LABELS, type RuleFamily, type RuleId } from '../model/core';

export interface GuideExample {
  readonly ruleId: RuleId;
  readonly mistake: string;
  readonly found: readonly { readonly severity: string; readonly address?: string; readonly message: string }[];
}

/** The groups, in the order a clerk meets them: the cover, the three tables, the text, last year, reading. */
export const GUIDE_GROUPS: readonly { readonly title: string; readonly rules: (id: RuleId, family: RuleFamily) => boolean }[] = [
  { title: '基本信息', rules: (_id, f) => f === 'meta' },
  { title: '各表的单元格', rules: (_id, f) => f === 'cell' },
  { title: '表二 主动公开政府信息情况', rules: (id, f) => f === 'table2' || id.startsWith('T2-') },
  { title: '表三 收到和处理政府信息公开申请情况', rules: (id) => id.startsWith('T3-') },
  { title: '表四 政府信息公开行政复议、行政诉讼情况', rules: (id) => id.startsWith('T4-') },
  { title: '正文（文字部分）', rules: (_id, f) => f === 'narrative' },
  { title: '跨年度（与上年报告核对）', rules: (_id, f) => f === 'crossYear' },
  { title: '读取（工作簿和已发布的报告）', rules: (_id, f) => f === 'form' },
];

export interface GuideEntry {
  readonly id: RuleId;
  readonly severity: string;
  readonly title: string;
  readonly formats?: string;
  readonly example: GuideExample;
  readonly fix: string;
}

/** The guide's content once, for every rendering. Every rule is in exactly one group. */
export function guideSections(examples: readonly GuideExample[]): { title: string; entries: GuideEntry[] }[] {
  const byId = new Map(examples.map((e) => [e.ruleId, e]));
  return GUIDE_GROUPS.map((g) => ({
    title: g.title,
    entries: Object.values(RULES)
      .filter((r) => g.rules(r.id, r.family))
      .map((r) => ({ id: r.id, severity: SEVERITY_LABELS[r.severity], title: r.title, ...(r.formats ? { formats: `仅 ${r.formats.join('、')} 版格式` } : {}), example: byId.get(r.id)!, fix: FIXES[r.id] })),
  }));
}

const INTRO = `校验时发现的每个问题都属于下面的一条规则。“错误”必须改正后才能报送；“警告”请核对，确属实际情况的可以写说明；“提示”只供参考。每条规则的示例都是在示例报告上制造这个差错、再运行校验得到的原样结果。规则版本 ${RULES_VERSION}。`;

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The guide as one self-contained page (inline style only: no scripts), readable at 420 px and printable on A4. */
export function rulesGuideHtml(examples: readonly GuideExample[]): string {
  const sections = guideSections(examples);
  const body = sections
    .map(
      (s) => `<section><h2>${escape(s.title)}</h2>${s.entries
        .map(
          (e) => `<article id="${e.id}"><h3><span class="sev sev-${escape(e.severity)}">${escape(e.severity)}</span> ${escape(e.title)}</h3>
<p class="id">规则编号 <code>${e.id}</code>${e.formats ? ` · ${escape(e.formats)}` : ''}</p>
<dl><dt>示例差错</dt><dd>${escape(e.example.mistake)}</dd><dt>校验结果</dt><dd>${e.example.found.map((f) => `<p>${f.address ? `<code>${escape(f.address)}</code> ` : ''}${escape(f.message)}</p>`).join('')}</dd><dt>怎样改正</dt><dd>${escape(e.fix)}</dd></dl></article>`,
        )
        .join('\n')}</section>`,
    )
    .join('\n');
  const toc = sections.map((s) => `<li>${escape(s.title)}：${s.entries.map((e) => `<a href="#${e.id}">${e.id}</a>`).join(' ')}</li>`).join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<title>审核规则说明</title>
<style>
body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif; max-width: 52em; margin: 0 auto; padding: 0.8em; line-height: 1.6; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.2em; border-bottom: 2px solid #a4262c; margin-top: 1.6em; } h3 { font-size: 1.05em; margin-bottom: 0.2em; }
article { border-left: 3px solid #ddd; padding-left: 0.8em; margin: 1em 0; break-inside: avoid; }
.id { margin: 0; color: #555; font-size: 0.9em; } dt { font-weight: bold; margin-top: 0.3em; } dd { margin-left: 1em; } dd p { margin: 0.1em 0; }
code { background: #f3f3f3; padding: 0 0.2em; word-break: break-all; }
.sev { display: inline-block; padding: 0 0.4em; border-radius: 3px; font-size: 0.85em; }
.sev-错误 { background: #fde2e1; color: #a4262c; } .sev-警告 { background: #fff4ce; color: #6b4e00; } .sev-提示 { background: #e8eefa; color: #1f4e9a; }
@media print { body { max-width: none; } a { color: inherit; text-decoration: none; } }
</style></head><body>
<h1>政府信息公开工作年度报告 审核规则说明</h1>
<p>${escape(INTRO)}</p>
<nav><ul>${toc}</ul></nav>
${body}
</body></html>
`;
}

const FONT = '仿宋';
const run = (text: string, o: { bold?: boolean; size?: number; font?: string } = {}) => new TextRun({ text, bold: o.bold ?? false, size: o.size ?? 24, font: { eastAsia: o.font ?? FONT, ascii: o.font ?? FONT, hAnsi: o.font ?? FONT } });
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '999999' };

/** The guide as a Word document: a heading per group, a two-column table per rule. */
export async function rulesGuideDocx(examples: readonly GuideExample[]): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, heading: HeadingLevel.TITLE, children: [run('政府信息公开工作年度报告 审核规则说明', { bold: true, size: 36, font: '黑体' })] }),
    new Paragraph({ children: [run(INTRO)] }),
  ];
  for (const s of guideSections(examples)) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, spacing: { before: 360, after: 120 }, children: [run(s.title, { bold: true, size: 30, font: '黑体' })] }));
    for (const e of s.entries) {
      const row = (label: string, paragraphs: string[]) =>
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({ width: { size: 18, type: WidthType.PERCENTAGE }, borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER }, children: [new Paragraph({ children: [run(label, { bold: true, size: 21 })] })] }),
            new TableCell({ width: { size: 82, type: WidthType.PERCENTAGE }, borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER }, children: paragraphs.map((p) => new Paragraph({ children: [run(p, { size: 21 })] })) }),
          ],
        });
      children.push(
        new Paragraph({ keepNext: true, spacing: { before: 240 }, children: [run(`【${e.severity}】${e.title}`, { bold: true, size: 24 })] }),
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            row('规则编号', [`${e.id}${e.formats ? `（${e.formats}）` : ''}`]),
            row('示例差错', [e.example.mistake]),
            row('校验结果', e.example.found.map((f) => `${f.address ? `${f.address}  ` : ''}${f.message}`)),
            row('怎样改正', [e.fix]),
          ],
        }),
      );
    }
  }
  const doc = new Document({ creator: 'xxgk', title: '审核规则说明', sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1440, right: 1440 } } }, children }] });
  return Buffer.from(await Packer.toBuffer(doc));
}
