/** Identifies the submission document; bump SCHEMA_VERSION's major part on an incompatible change. Kept apart from the zod schemas so that writing a submission does not need zod. */
export const SUBMISSION_KIND = 'xxgk-annual-report';
export const SCHEMA_VERSION = '1.0';
/** Identifies the JSON that aggregate writes (a 汇总 of many units), so it is never summed again as a unit. */
export const AGGREGATE_KIND = 'xxgk-aggregate';
