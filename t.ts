import { ruleExamples } from './src/cli/rule-examples';
(async () => { const t = Date.now(); const e = await ruleExamples(); console.log(e.length, Date.now() - t, 'ms'); for (const x of e) console.log(x.ruleId, '|', x.mistake, '|', JSON.stringify(x.found[0])); })();
