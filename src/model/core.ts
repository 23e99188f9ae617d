/**
 * The model without zod: formats, rules, validation, totals, the submission writer and 汇总 — the
 * one way into src/model from outside it (test/addin/model-entrance.test.ts), `./index` adding the
 * zod schemas and parsers. Surfaces that never parse unknown JSON (the CLI's workbook path, the task
 * pane's first load) import this. The published-report reader is src/import, a user of the model.
 */
export * from './formats';
export { SECTIONS, SECTION_IDS, type SectionId } from './sections';
export * from './metadata';
export type { CellValue, Explanation, Metadata, Narrative, Report, StoredReading, Tables } from './schema/report';
export type { Submission } from './schema/submission';
export { RULE_IDS, SEVERITIES, type RuleId, type Severity } from './rules/ids';
export { AREA_LABELS, RULES, RULES_VERSION, ruleApplies, SEVERITY_LABELS, type RuleInfo, type RuleFamily } from './rules/catalog';
export { zhCN, cellGroupMessage, type MessageCatalogue } from './rules/messages.zh-CN';
export { FIXES } from './rules/fixes.zh-CN';
export type { Issue, IssueArea, Evidence, Place, RuleParams } from './rules/types';
export type { RootCauseHint } from './rules/root-cause';
export { cellWhere } from './rules/where';
export { metaFieldOf } from './rules/meta';
export { validate, validateRead, makeIssue, explanationKey, issueSubject, explanationCurrent, type ValidateOptions, type ReadReport, type ValidationResult, type ValidationCounts } from './validate';
export { computeTotals, fillTotals, suggestTotals, type TotalChange } from './totals';
export { withExplanation } from './explanations';
export { assembleReport, emptyTables, type LooseTables } from './assemble';
export { storeReading, restoreReading } from './stored-reading';
export { toSubmission, reportHash, reportData, type ExportOptions } from './submission';
export { AGGREGATE_KIND, SUBMISSION_KIND, SCHEMA_VERSION } from './schema/constants';
export { readCell, parseNumberText, toHalfWidth, CellState, type CellReading } from './values';
export { extractFigures, extractParts, extractFee, parseChineseNumber } from './narrative/extract';
export { aggregate, exclusionReason, type AggregateUnit, type AggregateOptions, type Aggregated, type UnitRow } from './aggregate';
export { printable } from './printable';
export { viewOf, rawValue } from './view';
export { inferAgencyKind, type InferredKind } from './infer-kind';
