/**
 * 审核规则说明: one entry per rule of the submission schema (no more, no fewer), each with an
 * example the validator really produces, as committed in assets/ and served as rules.html.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { RULE_IDS } from '../../src/model/core';
import { ruleExamples } from '../../src/cli/rule-examples';
import { guideSections, rulesGuideHtml } from '../../src/publish/rules-guide';
import { generatedGuide } from '../../scripts/generated-assets';

const root = join(__dirname, '../..');
jest.setTimeout(60_000);

test('every rule id of the submission schema has exactly one entry, with an example that produced it', async () => {
  const schema = JSON.parse(readFileSync(join(root, 'assets/submission.schema.json'), 'utf8'));
  const schemaIds = [...new Set(JSON.stringify(schema).match(/"[A-Z0-9]+(?:-[A-Z0-9]+)+"/g)!.map((s) => JSON.parse(s) as string))].filter((id) => (RULE_IDS as readonly string[]).includes(id) || /^(CELL|T[234]|META|XY|FORM|NARRATIVE)-/.test(id));
  const examples = await ruleExamples();
  const entries = guideSections(examples).flatMap((s) => s.entries);
  expect(entries.map((e) => e.id).sort()).toEqual([...RULE_IDS].sort());
  expect([...RULE_IDS].sort()).toEqual([...schemaIds].sort());
  for (const e of entries) {
    expect(e.example.found.length).toBeGreaterThan(0);
    expect(e.fix.length).toBeGreaterThan(10);
  }
  // The page names every rule, and its example's message as the validator wrote it.
  const html = rulesGuideHtml(examples);
  const t3 = examples.find((e) => e.ruleId === 'T3-BALANCE')!;
  expect(html).toContain('id="T3-BALANCE"');
  expect(html).toContain(t3.found[0]!.message.slice(0, 20));
});

test('the committed guide is what the rules and their examples generate (run `npm run gen:assets` after a change)', async () => {
  for (const [file, content] of Object.entries(await generatedGuide())) expect([file, readFileSync(join(root, file), 'utf8')]).toEqual([file, content]);
});
