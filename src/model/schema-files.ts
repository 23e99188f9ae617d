import { z } from 'zod';
import { FORMAT_IDS, getFormat } from './formats';
import { RULES, RULES_VERSION } from './rules/catalog';
import { SCHEMA_VERSION, SubmissionSchema } from './schema/submission';

/** The JSON Schema of the submission document, generated from the zod schema (assets/submission.schema.json). */
export function submissionJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(SubmissionSchema, { target: 'draft-2020-12', reused: 'ref' }),
    $id: `https://xxgk.invalid/schema/submission-${SCHEMA_VERSION}.json`,
    title: '政府信息公开工作年度报告 提交文件',
  };
}

/** Every cell of both formats with its printed labels, and every rule (assets/formats.json). */
export function formatCatalogue(): Record<string, unknown> {
  return {
    schemaVersion: SCHEMA_VERSION,
    rulesVersion: RULES_VERSION,
    formats: Object.fromEntries(
      FORMAT_IDS.map((id) => {
        const f = getFormat(id);
        return [
          id,
          {
            notice: f.def.notice,
            years: f.def.years,
            tables: f.tables.map((t) => ({ id: t.id, name: t.name, title: t.title })),
            cells: f.cells.map((c) => ({
              id: c.id,
              table: c.table,
              group: c.group,
              row: c.rowTitle,
              column: c.colLabel,
              kind: c.kind,
              unit: c.unit,
              totalOf: c.derived?.of.map((i) => f.cells[i]!.id),
            })),
          },
        ];
      }),
    ),
    rules: Object.values(RULES).map(({ id, severity, title, formats }) => ({ id, severity, title, formats })),
  };
}
