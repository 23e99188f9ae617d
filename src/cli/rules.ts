/** xxgk rules: the 审核规则说明 (every rule, its worked example run now, how to fix it) as a page or a Word file. */
import { rulesGuideDocx, rulesGuideHtml } from '../publish/rules-guide';
import { writeOutput } from './output';
import { ruleExamples } from './rule-examples';
import { err, out } from './stdio';

export async function runRules(opts: { out?: string; html?: boolean; docx?: boolean }): Promise<number> {
  const docx = opts.docx ?? /\.docx$/i.test(opts.out ?? '');
  if (!opts.out) {
    err('rules 需要 -o 输出文件（.html 或 .docx），例如 xxgk rules --docx -o 审核规则说明.docx\n');
    return 2;
  }
  const examples = await ruleExamples();
  writeOutput(opts.out, docx ? await rulesGuideDocx(examples) : rulesGuideHtml(examples), []);
  out(`已生成 ${opts.out}（${examples.length} 条规则，每条附运行校验得到的示例）\n`);
  return 0;
}
