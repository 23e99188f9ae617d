import type { Issue, RuleId, ValidationResult } from '../../src/model';

/** Issues flattened to [ruleId, severity, cells] for positional assertions (frictionless `flatten`). */
export function flat(result: ValidationResult, rule?: RuleId): [RuleId, string, string[]][] {
  return result.issues.filter((i) => !rule || i.ruleId === rule).map((i) => [i.ruleId, i.severity, [...i.cells]]);
}

export function ofRule<K extends RuleId>(result: ValidationResult, rule: K): Issue<K>[] {
  return result.issues.filter((i): i is Issue<K> => i.ruleId === rule);
}

export function ruleIds(result: ValidationResult): RuleId[] {
  return [...new Set(result.issues.map((i) => i.ruleId))];
}
