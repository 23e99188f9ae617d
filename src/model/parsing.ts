/** Reading documents of unknown shape (zod): report JSON and submissions. A separate entry so surfaces can load it lazily. */
export { parseReport } from './schema/parse';
export { fromSubmission } from './import';
export { getLayout, sheetAddress } from './layout';
