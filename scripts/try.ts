import { readFileSync, writeFileSync } from 'fs';
import { importPublished } from '../src/model/import/published';
import { renderHtml } from '../src/publish/render-html';
import { renderDocx } from '../src/publish/render-docx';
import { htmlToText, docxToText } from '../src/publish/html-text';
(async () => {
for (const name of ['example-2021-corrected', 'xiangshan-hrss-2020']) {
  const rep = JSON.parse(readFileSync(`assets/samples/${name}.json`, 'utf8'));
  const html = renderHtml(rep);
  writeFileSync(`/tmp/${name}.html`, html);
  const r = importPublished(htmlToText(html), { agencyKind: rep.metadata.agencyKind });
  console.log(name, 'html tables', JSON.stringify(r.report.tables) === JSON.stringify(rep.tables), r.missing.length, r.issues.map(i=>i.ruleId).slice(0,5), JSON.stringify(r.report.metadata));
  const docx = await renderDocx(rep);
  writeFileSync(`/tmp/${name}.docx`, docx);
  const r2 = importPublished(await docxToText(docx), { agencyKind: rep.metadata.agencyKind });
  console.log(name, 'docx tables', JSON.stringify(r2.report.tables) === JSON.stringify(rep.tables), r2.missing.length, r2.issues.map(i=>i.ruleId).slice(0,5));
  for (const k of ['overview','problems','other']) console.log(k, r.report.narrative?.[k as 'overview'] === rep.narrative[k], r2.report.narrative?.[k as 'overview'] === rep.narrative[k]);
}
})();
