/** Identifies the submission document; bump SCHEMA_VERSION's major part on an incompatible change. Kept apart from the zod schemas so that writing a submission does not need zod. */
export const SUBMISSION_KIND = 'xxgk-annual-report';
export const SCHEMA_VERSION = '1.0';
