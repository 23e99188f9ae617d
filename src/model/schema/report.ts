import { z } from 'zod';
import { getFormat } from '../formats';
import type { FormatId, TableId } from '../formats';
import { AGENCY_KIND_IDS } from '../metadata';
import { RULE_IDS, type RuleId } from '../rules/ids';
import { SECTION_IDS } from '../sections';

/**
 * A cell as the user left it: a number, text typed into it (“无”, “１２”), blank (null or absent),
 * or a spreadsheet error value. The rules judge it; parsing never rejects a value of these kinds.
 */
export const CellValueSchema = z.union([
  z.number(),
  z.string().max(1000),
  z.null(),
  z.strictObject({ error: z.string().max(32) }),
]).meta({ id: 'CellValue', description: '单元格内容：数字、文字、留空（null）或公式错误值' });
export type CellValue = z.infer<typeof CellValueSchema>;

/** Row → column → value for one table, with exactly the format's row and column ids. */
function tableSchema(format: FormatId, table: TableId) {
  const f = getFormat(format);
  const rows = new Map<string, Record<string, z.ZodOptional<typeof CellValueSchema>>>();
  for (const c of f.cells) {
    if (c.table !== table) continue;
    if (!rows.has(c.row)) rows.set(c.row, {});
    rows.get(c.row)![c.col] = CellValueSchema.optional();
  }
  const shape: Record<string, z.ZodOptional<z.ZodObject>> = {};
  for (const [row, cols] of rows) shape[row] = z.strictObject(cols).optional();
  return z.strictObject(shape);
}

function tablesSchema(format: FormatId) {
  return z.strictObject({ t2: tableSchema(format, 't2'), t3: tableSchema(format, 't3'), t4: tableSchema(format, 't4') });
}

export const MetadataSchema = z.strictObject({
  agencyName: z.string().max(200),
  agencyKind: z.enum(AGENCY_KIND_IDS).optional(),
  creditCode: z.string().max(40).optional(),
  /** Absent when the cover sheet leaves it blank (META-REQUIRED reports it). */
  year: z.number().int({ error: '年度应为整数，如 2024' }).min(2008, { error: '年度不早于 2008 年' }).max(2100, { error: '年度不晚于 2100 年' }).optional(),
  preparer: z.string().max(100).optional(),
  phone: z.string().max(100).optional(),
  /** 填报日期 as YYYY-MM-DD. */
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '填报日期应写作 YYYY-MM-DD' })
    .optional(),
}).meta({ id: 'Metadata', description: '基本信息' });
export type Metadata = z.infer<typeof MetadataSchema>;

/** Section text; absent means the section was not found, "" means present but empty. */
export const NarrativeSchema = z.strictObject(
  Object.fromEntries(SECTION_IDS.map((id) => [id, z.string().max(200_000).optional()])) as Record<
    (typeof SECTION_IDS)[number],
    z.ZodOptional<z.ZodString>
  >,
).meta({ id: 'Narrative', description: '六个部分的正文' });
export type Narrative = z.infer<typeof NarrativeSchema>;

/** A user's 说明 of a warning; dropped when the cells it explains no longer hold `values`. */
export const ExplanationSchema = z.strictObject({
  ruleId: z.enum(RULE_IDS),
  /** The first cell; absent for issues without cells (narrative, metadata). */
  cell: z.string().max(200).optional(),
  /** What the issue is about beyond its cell (the phrase a narrative warning quotes): two warnings on one cell keep two 说明. */
  subject: z.string().max(200).optional(),
  text: z.string().min(1, { error: '说明不能为空' }).max(2000),
  /** The cells as they were when the explanation was written. */
  values: z.record(z.string().max(200), CellValueSchema).optional(),
  author: z.string().max(100).optional(),
  at: z.string().max(40).optional(),
}).meta({ id: 'Explanation', description: '对警告的说明' });
export type Explanation = z.infer<typeof ExplanationSchema>;

/**
 * A reading issue (FORM-*) that travels with a report read from a published text or a workbook, so
 * that validating the stored report later shows it again. The message is rendered anew from `params`.
 */
export const StoredReadingSchema = z.strictObject({
  ruleId: z.enum(RULE_IDS.filter((id) => id.startsWith('FORM-')) as [RuleId, ...RuleId[]]),
  area: z.enum(['meta', 't2', 't3', 't4', 'narrative']),
  cells: z.array(z.string().max(200)).max(300),
  params: z.record(z.string().max(50), z.union([z.string().max(2000), z.number(), z.boolean()])),
  at: z.string().max(200).optional(),
}).meta({ id: 'StoredReading', description: '读取时发现的问题（FORM-*），随报告保存' });
export type StoredReading = z.infer<typeof StoredReadingSchema>;

export function reportSchemaFor<F extends FormatId>(format: F) {
  return z.strictObject({
    format: z.literal(format),
    metadata: MetadataSchema,
    tables: tablesSchema(format),
    narrative: NarrativeSchema.optional(),
    explanations: z.array(ExplanationSchema).max(5000).optional(),
    /** Issues found when the report was read (an import of a published report): shown again by validate. */
    reading: z.array(StoredReadingSchema).max(2000).optional(),
  });
}

export const ReportSchema = z.discriminatedUnion('format', [reportSchemaFor('2019'), reportSchemaFor('2021')]);
export type Report = z.infer<typeof ReportSchema>;
export type Tables = Report['tables'];

