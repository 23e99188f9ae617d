/** The report model: formats, schema, rules, totals and the submission JSON. Pure TypeScript. */
export * from './formats';
export { SECTIONS, SECTION_IDS, type SectionId } from './sections';
export * from './metadata';
export * from './schema/report';
export * from './schema/parse';
export * from './schema/submission';
export { RULE_IDS, SEVERITIES, type RuleId, type Severity } from './rules/ids';
export { RULES, RULES_VERSION, ruleApplies, type RuleInfo, type RuleFamily } from './rules/catalog';
export { zhCN, type MessageCatalogue } from './rules/messages.zh-CN';
export type { Issue, IssueArea, Evidence, RuleParams } from './rules/types';
export type { RootCauseHint } from './rules/root-cause';
export { cellWhere } from './rules/where';
export { validate, explanationKey, explanationCurrent, type ValidateOptions, type ValidationResult, type ValidationCounts } from './validate';
export { computeTotals, fillTotals, suggestTotals, type TotalChange } from './totals';
export { toSubmission, fromSubmission, reportHash, reportData, type ExportOptions, type Imported } from './submission';
export { submissionJsonSchema, formatCatalogue } from './published';
export { readCell, parseNumberText, toHalfWidth, CellState, type CellReading } from './values';
export { extractFigures, extractParts, extractFee, parseChineseNumber } from './narrative/extract';
