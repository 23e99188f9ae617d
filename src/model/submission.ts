import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import canonicalize from 'canonicalize';
import { RULES_VERSION } from './rules/catalog';
import type { Report } from './schema/report';
import { SCHEMA_VERSION, SUBMISSION_KIND } from './schema/constants';
import type { Submission } from './schema/submission';
import { validate, type ValidationResult } from './validate';

export interface ExportOptions {
  /** Last year's report, so the stored validation includes the cross-year rules. */
  readonly previous?: Report;
  /** A validation already run on this report (saves running it again). */
  readonly result?: ValidationResult;
  readonly generator?: { readonly name: string; readonly version: string };
  /** ISO time of the export; omitted for reproducible output. */
  readonly exportedAt?: string;
}

/** The data part of a report, the part the checksum covers: what the agency filled in. */
export function reportData(report: Report): Report {
  const data = {
    format: report.format,
    metadata: report.metadata,
    tables: report.tables,
    ...(report.narrative ? { narrative: report.narrative } : {}),
    ...(report.explanations?.length ? { explanations: report.explanations } : {}),
  };
  // A JSON round trip drops undefined members, as writing the file would.
  return JSON.parse(JSON.stringify(data)) as Report;
}

/** SHA-256 (hex) of the RFC 8785 canonical JSON of the report's data part. */
export function reportHash(report: Report): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalize(reportData(report))!)));
}

/** The submission JSON document for a report. */
export function toSubmission(report: Report, options: ExportOptions = {}): Submission {
  const result = options.result ?? validate(report, options.previous ? { previous: options.previous } : {});
  const data = reportData(report);
  const doc = {
    kind: SUBMISSION_KIND,
    schemaVersion: SCHEMA_VERSION,
    ...data,
    rulesVersion: RULES_VERSION,
    ...(options.generator ? { generator: options.generator } : {}),
    ...(options.exportedAt ? { exportedAt: options.exportedAt } : {}),
    validation: {
      valid: result.valid,
      counts: result.counts,
      issues: result.issues,
      hints: result.hints,
    },
    integrity: { algorithm: 'SHA-256', canonicalization: 'RFC8785', sha256: reportHash(data) },
  };
  return JSON.parse(JSON.stringify(doc)) as Submission;
}

