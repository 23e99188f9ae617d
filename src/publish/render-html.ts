/** The report as it is published, as one self-contained HTML page with print CSS. */
import { SECTIONS, type Report } from '../model/core';
import { tableGrid, type TableGrid } from '../sheet/table-grid';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const CSS = `
body { font-family: "FangSong", "仿宋", "SimSun", "宋体", "Noto Serif CJK SC", serif; font-size: 16px; line-height: 1.8; max-width: 46em; margin: 2em auto; color: #000; }
h1 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 22px; text-align: center; line-height: 1.5; }
h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 17px; margin: 1.2em 0 0.4em; }
p { text-indent: 2em; margin: 0.2em 0; white-space: pre-wrap; }
.draft { text-indent: 0; text-align: center; font-weight: bold; color: #c00000; border: 2px solid #c00000; padding: 0.3em; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1.2em; font-size: 13px; line-height: 1.4; }
th, td { border: 1px solid #000; padding: 3px 4px; text-align: center; vertical-align: middle; }
th.row { text-align: left; }
td { text-align: center; }
@page { size: A4; margin: 2.5cm 2cm; }
@media print { body { margin: 0; max-width: none; } table { page-break-inside: auto; } tr { page-break-inside: avoid; } }
`;

function table(grid: TableGrid): string {
  const rows = grid.rows.map(
    (row) =>
      `<tr>${row
        .map((c) => {
          const span = `${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}`;
          return c.header ? `<th${span}${c.rowLabel ? ' class="row"' : ''}>${escape(c.text)}</th>` : `<td${span}>${escape(c.text)}</td>`;
        })
        .join('')}</tr>`,
  );
  const total = grid.widths.reduce((a, b) => a + b, 0);
  const cols = grid.widths.map((w) => `<col style="width:${((w / total) * 100).toFixed(1)}%">`).join('');
  return `<table>\n<colgroup>${cols}</colgroup>\n${rows.join('\n')}\n</table>`;
}

function paragraphs(text: string | undefined): string {
  return (text ?? '')
    .split(/\n+/)
    .filter((l) => l.trim())
    .map((l) => `<p>${escape(l.trim())}</p>`)
    .join('\n');
}

export function reportTitle(report: Report): string {
  return `${report.metadata.agencyName}${report.metadata.year ?? ''}年政府信息公开工作年度报告`;
}

export function renderHtml(report: Report, options: { readonly draft?: { readonly errors: number } } = {}): string {
  const body = SECTIONS.map((s) => {
    // The text written under a table's heading comes before the table.
    const content = [paragraphs(report.narrative?.[s.id]), 'table' in s ? table(tableGrid(report, s.table)) : ''].filter(Boolean).join('\n');
    return `<h2>${escape(s.heading)}</h2>\n${content}`;
  }).join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(reportTitle(report))}</title>
<style>${CSS}</style>
</head>
<body>
${options.draft ? `<p class="draft">草稿：校验仍有 ${options.draft.errors} 个错误，未经改正，请勿发布</p>\n` : ''}<h1>${escape(reportTitle(report))}</h1>
${body}
</body>
</html>
`;
}
