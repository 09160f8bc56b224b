import { Transform as CsvTransform } from '@json2csv/node';
import { CSV_FORMATTERS, REPORT_COLUMNS, ReportCsvRecord, reportCsvRecord, ReportHeader, ReportRow } from '@tally/reports';

/** The report's typed rows as CSV records (docs/reports.md); totals are rows marked by row_type. */
export async function* reportCsvRows(header: ReportHeader, rows: AsyncIterable<ReportRow>): AsyncGenerator<ReportCsvRecord> {
  for await (const row of rows) yield reportCsvRecord(header, row);
}

/**
 * json2csv's stream transform (object mode in, text out): RFC 4180 with CRLF, UTF-8 with a BOM
 * so spreadsheet apps read non-ASCII names, every text cell neutralised against formula
 * injection. Numbers (negative ones and exact decimals too) are written as numbers.
 */
export function csvTransform(): CsvTransform<ReportCsvRecord, ReportCsvRecord> {
  return new CsvTransform<ReportCsvRecord, ReportCsvRecord>(
    { fields: REPORT_COLUMNS.map((c) => c.name), eol: '\r\n', withBOM: true, formatters: CSV_FORMATTERS },
    {},
    { objectMode: true },
  );
}
