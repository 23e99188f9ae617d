/** The zod-dependent readers of report JSON and submissions: a separate entry, so surfaces load zod only when a JSON file is opened. */
export { parseReport } from './parse';
export { fromSubmission } from '../from-submission';
import { ExplanationSchema, type Explanation } from './report';

/** 说明 kept in a workbook, each checked with the schema; one that does not parse is left out. */
export function parseExplanations(raw: readonly unknown[]): Explanation[] {
  return raw.flatMap((e) => {
    const p = ExplanationSchema.safeParse(e);
    return p.success ? [p.data] : [];
  });
}
