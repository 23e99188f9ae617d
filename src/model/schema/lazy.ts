/** The zod-dependent readers of report JSON and submissions: a separate entry, so surfaces load zod only when a JSON file is opened. */
export { parseReport } from './parse';
export { fromSubmission } from '../from-submission';
