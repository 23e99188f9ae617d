/** The report both host tests (Excel, WPS) run their scenarios on, and where its cells are. */
import { withExplanation, type Report } from '../../src/model';
import type { SpreadsheetHost } from '../../src/host/types';
import { getLayout } from '../../src/sheet/layout';
import type ExcelJS from 'exceljs';
import { openReport, type OpenedReport } from '../../src/flows/open-report';
import { fillTemplate } from '../../src/workbook/fill';
import type { FakeSheet } from './fake-excel';
import * as actions from '../../src/taskpane/actions';
import { consistentReport, withCells } from './reports';

export const base = consistentReport('2021', Array.from({ length: 300 }, (_, i) => ((i * 7) % 5) + 1));

/** A county's report with a typed-over 三（七）总计, text in a number cell and a 规章 it cannot make. */
export const broken = withCells({ ...base, metadata: { ...base.metadata, agencyKind: 'county' } } as Report, {
  't3.resultTotal.natural': (base.tables.t3.resultTotal!.natural as number) + 1,
  // What the spreadsheet shows in J29: its formula, recalculated from the typed-over D29.
  't3.resultTotal.total': (base.tables.t3.resultTotal!.total as number) + 1,
  't2.license.decisions': '无',
  't2.rules.issued': 3,
});

export const layout = getLayout('2021');

/** A report cell's A1 address on its sheet (the 2021 template's). */
export const at = (id: string): string => {
  const p = layout.cells.get(id)!;
  return `${String.fromCharCode(64 + p.col)}${p.row}`;
};

/** 说明 saved through a host and read back attached to their warning (on `broken`): the explanation it came back with. */
export async function explanationRoundTrip(host: SpreadsheetHost): Promise<{ saved: unknown; explanation: string | undefined }> {
  const first = await actions.runCheck(host);
  if (!first.ok) throw new Error(first.message);
  const issue = first.value.result.issues.find((i) => i.ruleId === 'T2-RULES-AUTHORITY')!;
  const saved = await actions.saveExplanations(host, withExplanation(first.value.report, issue, '代县政府起草的规章草案'));
  const second = await actions.runCheck(host);
  if (!second.ok) throw new Error(second.message);
  return { saved, explanation: second.value.result.issues.find((i) => i.ruleId === 'T2-RULES-AUTHORITY')!.explanation };
}

/** Last year's report whose 四 differs from this year's 二 (结转), for 上年数据 on a host holding `base`. */
export const previousWithOtherCarry = (): Report =>
  withCells({ ...base, metadata: { ...base.metadata, year: 2023 } } as Report, { 't3.carryForward.natural': (base.tables.t3.carriedOver!.natural as number) + 5 });

/**
 * The workbook a host saved, as a file: `report` filled into the template, with the host's hidden
 * sheet cells copied over (what Excel or WPS writes when the clerk saves), opened as the CLI and the page open it.
 */
export async function savedByHost(report: Report, hidden: FakeSheet): Promise<OpenedReport> {
  const wb = fillTemplate(report);
  const info = wb.getWorksheet('_xxgk')!;
  for (const [key, c] of hidden.cells) {
    const [row, col] = key.split(',').map(Number) as [number, number];
    if (!c.formula) info.getCell(row, col).value = c.value === '' ? null : (c.value as ExcelJS.CellValue);
  }
  const buf = new Uint8Array(await wb.xlsx.writeBuffer());
  return openReport(buf, async () => import('../../src/model/schema/lazy'));
}
