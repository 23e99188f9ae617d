import type { Report } from './schema/report';
import { parseWith, type Parsed } from './schema/parse';
import { SubmissionSchema, type Submission } from './schema/submission';
import { reportData, reportHash } from './submission';

export interface Imported {
  readonly report: Report;
  readonly submission: Submission;
}

/** Reads a submission document back into a report; checks its structure and its checksum. */
export function fromSubmission(input: unknown): Parsed<Imported> {
  const parsed = parseWith(SubmissionSchema, input);
  if (!parsed.ok) return parsed;
  const s = parsed.value;
  const report = reportData(s as unknown as Report);
  const actual = reportHash(report);
  if (actual !== s.integrity.sha256) {
    return {
      ok: false,
      problems: [
        {
          path: 'integrity.sha256',
          where: '校验值',
          message: '校验值：文件中的数据与其 SHA-256 校验值不符，导出后数据被改动过，请重新导出',
        },
      ],
    };
  }
  return { ok: true, value: { report, submission: s } };
}
