import { Transform as CsvTransform } from '@json2csv/node';
import {
  csvText, MeasurementTotal, REPORT_COLUMNS, REPORT_CORRECTION_COLUMNS, ReportCsvRecord, reportCsvRecord, ReportHeader, ReportLine, ReportTotalsAccumulator,
} from '@tally/reports';

export const ROW_TYPES = ['line', 'project_subtotal', 'client_total'] as const;
export type RowType = (typeof ROW_TYPES)[number];

/**
 * The CSV columns: `row_type` first, then the library's documented report columns, then when
 * the report was computed (its "now"), then the columns added since (corrections), so no
 * column ever moves. Totals travel as extra rows so one file holds everything billing needs;
 * `row_type` lets a spreadsheet filter them out before summing (docs/reports.md).
 */
export const CSV_FIELDS = ['row_type', ...REPORT_COLUMNS.map((c) => c.name), 'generated_at', ...REPORT_CORRECTION_COLUMNS.map((c) => c.name)];

export type CsvRow = Partial<ReportCsvRecord> & { row_type: RowType; generated_at: string };

/**
 * Lines as CSV rows, each project followed by its subtotal rows and the file ending with the
 * client's total rows. Lines arrive grouped by project, so a subtotal can be written as soon
 * as the next project starts; only running sums are kept.
 */
export async function* reportCsvRows(header: ReportHeader, lines: AsyncIterable<ReportLine>): AsyncGenerator<CsvRow> {
  const client = new ReportTotalsAccumulator();
  let project = null as { id: string; name: string; totals: ReportTotalsAccumulator } | null;
  for await (const line of lines) {
    if (project && project.id !== line.projectId) yield* totalRows(header, 'project_subtotal', project.name, project.totals.result().client);
    if (project?.id !== line.projectId) project = { id: line.projectId, name: line.projectName, totals: new ReportTotalsAccumulator() };
    project.totals.add(line);
    client.add(line);
    yield { row_type: 'line', ...reportCsvRecord(header, line), generated_at: header.generatedAt.toISOString() };
  }
  if (project) yield* totalRows(header, 'project_subtotal', project.name, project.totals.result().client);
  yield* totalRows(header, 'client_total', undefined, client.result().client);
}

function* totalRows(header: ReportHeader, rowType: RowType, projectName: string | undefined, totals: MeasurementTotal[]): Generator<CsvRow> {
  for (const t of totals) {
    yield {
      row_type: rowType,
      client: header.clientName,
      project: projectName,
      measurement: t.measurementKey,
      kind: t.kind,
      unit: t.unit,
      usage: t.usage,
      usage_unit: t.usageUnit,
      samples: t.samples,
      expected: t.expected,
      coverage: t.coverage ?? undefined,
      window_from: header.from.toISOString(),
      window_to: header.to.toISOString(),
      tz: header.tz,
      status: header.status,
      generated_at: header.generatedAt.toISOString(),
    };
  }
}

/**
 * json2csv's stream transform (object mode in, text out): RFC 4180 with CRLF, UTF-8 with a BOM
 * so spreadsheet apps read non-ASCII names, every text cell neutralised against formula
 * injection by the library's csvText. Numbers (negative ones too) are written as numbers.
 */
export function csvTransform(): CsvTransform<CsvRow, CsvRow> {
  return new CsvTransform<CsvRow, CsvRow>(
    { fields: CSV_FIELDS, eol: '\r\n', withBOM: true, formatters: { string: csvText, header: csvText } },
    {},
    { objectMode: true },
  );
}
