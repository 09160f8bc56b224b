import { Transform as CsvTransform } from '@json2csv/node';
import { pipeline, Readable } from 'node:stream';
import { csvSafeText } from './csv-safety';
import type { ReportHeader, ReportLine } from './report.types';
import { wallClock } from './report-window';

/**
 * The CSV report: one record per (project, resource, measurement), RFC 4180 (comma, CRLF,
 * text in double quotes with "" for a quote), UTF-8 with a byte-order mark so spreadsheet apps
 * read non-ASCII names correctly. Numbers are written unquoted with full precision; an empty
 * cell means "no value" (e.g. min of a series without samples). Every text cell is passed
 * through csvSafeText (formula injection). reportCsv writes lines only, so a SUM over the usage
 * column counts nothing twice; a writer that adds total rows must mark them (e.g. a row_type
 * column). Column names are a contract: add, never rename.
 */
export const REPORT_COLUMNS = [
  { name: 'client', description: 'Client (tenant) name' },
  { name: 'project', description: 'Project name' },
  { name: 'resource', description: 'Resource name (for ganeti-vm, the instance name)' },
  { name: 'resource_id', description: 'Resource UUID; stable when the resource is renamed' },
  { name: 'resource_type', description: 'Resource type: ganeti-vm, node, or a push-only kind' },
  { name: 'resource_active', description: 'false for a deactivated resource still billed for samples in the window' },
  { name: 'measurement', description: 'Measurement key, e.g. ganeti.vcpus' },
  { name: 'kind', description: 'gauge (a level over time) or counter (an ever-growing total)' },
  { name: 'unit', description: 'Unit of the raw samples, e.g. vCPU, MiB, byte (empty for unitless)' },
  { name: 'usage', description: 'Billable usage: gauge = value × hours held (each sample at most one interval, never past the window end, gaps not filled); counter = sum of increases, resets counted from 0' },
  { name: 'usage_unit', description: 'Unit of usage: <unit>·h for gauges (h when unitless), <unit> for counters' },
  { name: 'samples', description: 'Samples with window_from ≤ ts < window_to' },
  { name: 'expected', description: 'Collection slots (epoch-aligned, UTC) starting in [window_from, min(window_to, report time))' },
  { name: 'coverage', description: 'samples ÷ expected as a ratio (1 = complete); empty when nothing was expected' },
  { name: 'min', description: 'Smallest sample value in the window; empty without samples' },
  { name: 'max', description: 'Largest sample value in the window; empty without samples' },
  { name: 'avg', description: 'Mean of the sample values (not time-weighted); empty without samples' },
  { name: 'last', description: 'Latest sample value in the window; empty without samples' },
  { name: 'window_from', description: 'Window start, ISO 8601 UTC (inclusive)' },
  { name: 'window_to', description: 'Window end, ISO 8601 UTC (exclusive)' },
  { name: 'tz', description: 'IANA time zone the window dates were given in' },
  { name: 'status', description: 'provisional (the window ended less than one interval plus the pre-cache lead ago; numbers may still change) or final' },
] as const;

/**
 * Columns added later, so they come after every earlier one: here after `status`, and in the
 * API's CSV after `generated_at` (apps/api report-csv.writer.ts). Existing columns keep their place.
 */
export const REPORT_CORRECTION_COLUMNS = [
  { name: 'corrections', description: "Corrections (POST /api/v1/corrections) that changed this line's samples in the window, or for a counter also the baseline before it; 0 for none" },
  { name: 'corrected_at', description: 'When the latest of those corrections was applied, ISO 8601 UTC; empty for none' },
] as const;

export type ReportColumn = (typeof REPORT_COLUMNS)[number]['name'] | (typeof REPORT_CORRECTION_COLUMNS)[number]['name'];
export type ReportCsvRecord = Record<ReportColumn, string | number | boolean | undefined>;

/** A line as a CSV record; null becomes undefined, which json2csv writes as an empty cell. */
export function reportCsvRecord(header: ReportHeader, line: ReportLine): ReportCsvRecord {
  const num = (v: number | null) => (v === null || !Number.isFinite(v) ? undefined : v);
  return {
    client: header.clientName,
    project: line.projectName,
    resource: line.resourceName,
    resource_id: line.resourceId,
    resource_type: line.resourceType,
    resource_active: line.resourceActive,
    measurement: line.measurementKey,
    kind: line.kind,
    unit: line.unit,
    usage: num(line.usage),
    usage_unit: line.usageUnit,
    samples: line.samples,
    expected: line.expected,
    coverage: num(line.coverage),
    min: num(line.min),
    max: num(line.max),
    avg: num(line.avg),
    last: num(line.last),
    window_from: header.from.toISOString(),
    window_to: header.to.toISOString(),
    tz: header.tz,
    status: header.status,
    corrections: line.corrections,
    corrected_at: line.correctedAt?.toISOString(),
  };
}

/** RFC 4180 text cell, neutralised against formula injection first. */
export function csvText(value: string): string {
  return `"${csvSafeText(value).replace(/"/g, '""')}"`;
}

export interface ReportCsvOptions {
  /** UTF-8 byte-order mark for Excel; default true. */
  bom?: boolean;
}

/**
 * Streams the CSV (string chunks) for lines as they arrive; pipe it to the HTTP response.
 * An error from `lines` (e.g. the database) destroys the stream with that error.
 */
export function reportCsv(header: ReportHeader, lines: Iterable<ReportLine> | AsyncIterable<ReportLine>, options: ReportCsvOptions = {}): Readable {
  const csv = new CsvTransform<ReportCsvRecord, ReportCsvRecord>(
    {
      fields: [...REPORT_COLUMNS, ...REPORT_CORRECTION_COLUMNS].map((c) => c.name),
      eol: '\r\n',
      withBOM: options.bom ?? true,
      formatters: { string: csvText, header: csvText },
    },
    {},
    { objectMode: true },
  );
  const records = Readable.from(mapLines(header, lines));
  return pipeline(records, csv, () => undefined) as unknown as Readable;
}

async function* mapLines(header: ReportHeader, lines: Iterable<ReportLine> | AsyncIterable<ReportLine>) {
  for await (const line of lines) yield reportCsvRecord(header, line);
}

/**
 * `tally-<client>-<from>_<to>.<ext>` in plain ASCII: safe in a Content-Disposition header and
 * on any file system. Dates are calendar dates in `tz`, so an October report in Berlin reads
 * 2026-10-01_2026-11-01 (the end date is exclusive, as in the query).
 */
export function reportFileName(clientName: string, from: Date, to: Date, ext: string, tz = 'UTC'): string {
  const slug =
    clientName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'client';
  const cleanExt = ext.replace(/^\.+/, '').replace(/[^A-Za-z0-9]/g, '').toLowerCase() || 'csv';
  return `tally-${slug}-${localDate(from, tz)}_${localDate(to, tz)}.${cleanExt}`;
}

function localDate(instant: Date, tz: string): string {
  const w = wallClock(instant, tz);
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}
