import { z } from 'zod';
import { RULE_IDS, SEVERITIES } from '../rules/ids';
import { SECTION_IDS } from '../sections';
import { CellValueSchema, reportSchemaFor } from './report';

import { SCHEMA_VERSION, SUBMISSION_KIND } from './constants';

export { SCHEMA_VERSION, SUBMISSION_KIND };

const EvidenceSchema = z.strictObject({
  section: z.enum(SECTION_IDS),
  phrase: z.string().max(2000),
  value: z.number(),
  offset: z.number().int().min(0),
}).meta({ id: 'Evidence' });

export const IssueSchema = z.strictObject({
  ruleId: z.enum(RULE_IDS),
  severity: z.enum(SEVERITIES as ['error', 'warning', 'info']),
  area: z.enum(['meta', 't2', 't3', 't4', 'narrative']),
  cells: z.array(z.string().max(200)).max(500),
  /** Where in the workbook the issue is, when not at a report cell (a label, a cover-sheet field). */
  place: z.strictObject({ sheet: z.string().max(100), row: z.number().int().min(1).max(1_048_576), col: z.number().int().min(1).max(16_384) }).optional(),
  /** Where in a published text it was found (第 12 行). */
  at: z.string().max(300).optional(),
  message: z.string().max(4000),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  evidence: z.array(EvidenceSchema).max(500).optional(),
  rootCause: z.string().max(200).optional(),
  explanation: z.string().max(2000).optional(),
}).meta({ id: 'Issue' });

export const HintSchema = z.strictObject({
  cell: z.string().max(200),
  current: z.number(),
  suggested: z.number(),
  resolves: z.number().int(),
  message: z.string().max(4000),
  /** Exactly one cell explains the failing sums (absent in files from before 0.2: read as true). */
  confident: z.boolean().optional(),
  /** Every cell that could, changed alone, explain them (at most three); the first is `cell`. */
  candidates: z.array(z.strictObject({ cell: z.string().max(200), current: z.number(), suggested: z.number() })).max(3).optional(),
}).meta({ id: 'RootCauseHint' });

export const ValidationSummarySchema = z.strictObject({
  valid: z.boolean(),
  counts: z.strictObject({
    error: z.number().int().min(0),
    warning: z.number().int().min(0),
    info: z.number().int().min(0),
    explained: z.number().int().min(0),
  }),
  issues: z.array(IssueSchema).max(20000),
  hints: z.array(HintSchema).max(1000),
}).meta({ id: 'ValidationSummary' });

const envelope = {
  kind: z.literal(SUBMISSION_KIND),
  schemaVersion: z.literal(SCHEMA_VERSION),
  rulesVersion: z.string().max(40),
  generator: z.strictObject({ name: z.string().max(100), version: z.string().max(40) }).optional(),
  /** When the file was made (not part of the hashed data). */
  exportedAt: z.string().max(40).optional(),
  validation: ValidationSummarySchema,
  integrity: z.strictObject({
    algorithm: z.literal('SHA-256'),
    /** JSON canonicalization scheme (RFC 8785) over {format, metadata, tables, narrative, explanations}. */
    canonicalization: z.literal('RFC8785'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
};

export const SubmissionSchema = z.discriminatedUnion('format', [
  reportSchemaFor('2019').extend(envelope),
  reportSchemaFor('2021').extend(envelope),
]);
export type Submission = z.infer<typeof SubmissionSchema>;

export { CellValueSchema };
