/** Every rule id, stable across releases: tests, messages, explanations and the export use them. */
export const RULE_IDS = [
  // cell content (error unless noted)
  'CELL-BLANK',
  'CELL-TEXT',
  'CELL-NUMBER-AS-TEXT',
  'CELL-NEGATIVE',
  'CELL-NOT-INTEGER',
  'CELL-FORMULA-ERROR',
  'CELL-IMPLAUSIBLE',
  // arithmetic
  'T3-ROW-TOTAL',
  'T3-RESULT-TOTAL',
  'T3-BALANCE',
  'T4-GROUP-TOTAL',
  // table 二 consistency
  'T2-2019-PUBLISHED',
  'T2-2019-PROJECTS',
  'T2-2021-IN-FORCE',
  'T2-RULES-AUTHORITY',
  // metadata
  'META-REQUIRED',
  'META-YEAR-FORMAT',
  'META-CREDIT-CODE',
  'META-PHONE',
  'META-DATE',
  // across years
  'XY-YEAR',
  'XY-CARRY',
  'XY-RULES-IN-FORCE',
  'XY-PROJECTS',
  // reading a workbook or a published report
  'FORM-LABEL',
  'FORM-LABEL-VARIANT',
  'FORM-ROW-EXTRA',
  'FORM-FORMULA-REPLACED',
  'FORM-FORMULA-NO-VALUE',
  'FORM-NOT-RECALCULATED',
  'FORM-VALUE',
  'FORM-ZERO-VARIANT',
  'FORM-UNIT',
  'FORM-MISSING',
  'FORM-NO-NARRATIVE',
  'FORM-DIGITS-SPLIT',
  'FORM-INFERRED',
  'FORM-FOREIGN',
  'FORM-TABLE-TWICE',
  // narrative
  'NARRATIVE-EMPTY',
  'NARRATIVE-SECTIONS',
  'NARRATIVE-FIGURES',
  'NARRATIVE-UNCHECKED',
  'NARRATIVE-PARTS',
  'NARRATIVE-PARTS-UNACCOUNTED',
  'NARRATIVE-FEE',
  'NARRATIVE-FEE-STATEMENT',
] as const;

export type RuleId = (typeof RULE_IDS)[number];
export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
