/**
 * 导出报送文件: the one export flow the command line, the task pane and the standalone page share —
 * the submission document, its text as written to the file, and the file name offered for it.
 */
import { toSubmission, type Report, type Submission, type ValidationResult } from '../model/core';
import { VERSION } from '../version';

/** Which surface made the file, as the document's `generator` records it. */
export type Surface = 'xxgk' | 'xxgk-addin' | 'xxgk-web';

export interface ExportedSubmission {
  readonly doc: Submission;
  /** The file's text: pretty JSON ending with a newline. */
  readonly text: string;
  /** 机关名称-年度.json, safe as a file name. */
  readonly name: string;
}

export function submissionName(report: Report): string {
  return `${report.metadata.agencyName || '年度报告'}-${report.metadata.year ?? ''}.json`.replace(/[\\/:*?"<>|]/g, '_');
}

export function exportSubmission(report: Report, result: ValidationResult, surface: Surface, exportedAt = new Date().toISOString()): ExportedSubmission {
  const doc = toSubmission(report, { result, exportedAt, generator: { name: surface, version: VERSION } });
  return { doc, text: `${JSON.stringify(doc, null, 2)}\n`, name: submissionName(report) };
}
