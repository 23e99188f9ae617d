import { formatCatalogue, FORMAT_IDS, parseReport, submissionJsonSchema, type Report } from '../src/model';
import { filledBuffer } from '../src/workbook/fill';
import { templateBuffer } from '../src/workbook/template';
import { readFileSync } from 'fs';
import { join } from 'path';

/** Every text file generated from the model, by path: `npm run gen:assets` writes them, a test compares them. */
export function generatedAssets(): Record<string, string> {
  return {
    'assets/submission.schema.json': `${JSON.stringify(submissionJsonSchema(), null, 2)}\n`,
    'assets/formats.json': `${JSON.stringify(formatCatalogue(), null, 2)}\n`,
  };
}

/** The sample reports (JSON, the source) that are also published as filled workbooks. */
export const SAMPLE_REPORTS = ['xiangshan-hrss-2020', 'example-2021-mistakes', 'example-2021-corrected'];

function sample(name: string): Report {
  const p = parseReport(JSON.parse(readFileSync(join(__dirname, '..', 'assets', 'samples', `${name}.json`), 'utf8')));
  if (!p.ok) throw new Error(`${name}: ${p.problems.map((x) => x.message).join('; ')}`);
  return p.value;
}

/** Every workbook generated from the model: the two templates and the samples filled in. */
export async function generatedWorkbooks(): Promise<Record<string, Buffer>> {
  const out: Record<string, Buffer> = {};
  for (const f of FORMAT_IDS) out[`assets/template-${f}.xlsx`] = await templateBuffer(f);
  for (const name of SAMPLE_REPORTS) out[`assets/samples/${name}.xlsx`] = await filledBuffer(sample(name));
  return out;
}

/** 审核规则说明 as a page (the add-in and the server serve it as rules.html): every rule with its example, run now. */
export async function generatedGuide(): Promise<Record<string, string>> {
  const { ruleExamples } = await import('../src/cli/rule-examples');
  const { rulesGuideHtml } = await import('../src/publish/rules-guide');
  return { 'assets/rules-guide.html': rulesGuideHtml(await ruleExamples()) };
}
