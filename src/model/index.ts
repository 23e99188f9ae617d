/** The report model: formats, schema, rules, totals and the submission JSON. Pure TypeScript. */
export * from './core';
export * from './schema/report';
export * from './schema/parse';
export * from './schema/submission';
export { fromSubmission, type Imported } from './from-submission';
export { submissionJsonSchema, formatCatalogue } from './schema-files';
