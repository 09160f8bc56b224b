import { csvSafeText } from './csv-safety';
import type { ReportRow, ReportRowType } from './report-rows';
import type { MeasurementTotal } from './report-totals';
import type { ReportHeader } from './report.types';
import { wallClock } from './report-window';

/**
 * The CSV report's columns, a contract (docs/reports.md): columns are added at the end, never
 * renamed or moved. RFC 4180 (comma, CRLF, text in double quotes with "" for a quote), UTF-8 with a
 * byte-order mark so spreadsheet apps read non-ASCII names. Numbers are written bare (exact
 * decimals too, as CsvNumber), an empty cell means "no value", and every text cell goes through
 * csvSafeText (formula injection). Totals travel as rows marked by row_type.
 */
export const REPORT_COLUMNS = [
  { name: 'row_type', description: 'line, project_subtotal, project_amount, client_total or client_amount; filter on line before summing anything' },
  { name: 'client', description: 'Client (tenant) name' },
  { name: 'project', description: 'Project name; empty on client rows' },
  { name: 'resource', description: 'Resource name (for ganeti-vm, the instance name); empty on total rows' },
  { name: 'resource_id', description: 'Resource UUID; stable when the resource is renamed; empty on total rows' },
  { name: 'resource_type', description: 'Resource type: ganeti-vm, node, or a push-only kind; empty on total rows' },
  { name: 'resource_active', description: 'false for a deactivated resource still billed for samples in the window; empty on total rows' },
  { name: 'measurement', description: 'Measurement key, e.g. ganeti.vcpus' },
  { name: 'kind', description: 'gauge (a level over time) or counter (an ever-growing total)' },
  { name: 'unit', description: 'Unit of the raw samples, e.g. vCPU, MiB, byte (empty for unitless)' },
  { name: 'usage', description: 'Billable usage: gauge = value × hours held (each sample at most one interval, never past the window end, gaps not filled); counter = sum of increases, resets counted from 0' },
  { name: 'usage_unit', description: 'Unit of usage: <unit>·h for gauges (h when unitless), <unit> for counters' },
  { name: 'samples', description: 'Samples with window_from ≤ ts < window_to (summed on total rows)' },
  { name: 'expected', description: 'Collection slots (epoch-aligned, UTC) starting in [window_from, min(window_to, report time)) (summed on total rows)' },
  { name: 'coverage', description: 'samples ÷ expected as a ratio (1 = complete); empty when nothing was expected' },
  { name: 'min', description: 'Smallest sample value in the window; empty without samples and on total rows' },
  { name: 'max', description: 'Largest sample value in the window; empty without samples and on total rows' },
  { name: 'avg', description: 'Mean of the sample values (not time-weighted); empty without samples and on total rows' },
  { name: 'last', description: 'Latest sample value in the window; empty without samples and on total rows' },
  { name: 'window_from', description: 'Window start, ISO 8601 UTC (inclusive)' },
  { name: 'window_to', description: 'Window end, ISO 8601 UTC (exclusive)' },
  { name: 'tz', description: 'IANA time zone the window dates were given in' },
  { name: 'status', description: 'provisional (numbers may still change) or final' },
  { name: 'generated_at', description: 'When the report was computed, ISO 8601 UTC (the "now" expected and status use)' },
  { name: 'corrections', description: "Corrections (POST /api/v1/corrections) that changed this line's samples in the window, or for a counter also the baseline before it; 0 for none" },
  { name: 'corrected_at', description: 'When the latest of those corrections was applied, ISO 8601 UTC; empty for none' },
  { name: 'unit_price', description: 'The one rate behind the amount, per price_unit; empty when tiers, a price change or no price mean there is none' },
  { name: 'price_unit', description: 'Unit the price is quoted per, e.g. GiB·h' },
  { name: 'amount', description: 'Line: usage × price, exact, rounded once half-even to the currency minor unit; totals: sums of the rounded line amounts; empty when not priced (never 0 for that)' },
  { name: 'currency', description: "ISO 4217 code of the client's rate card; empty without one" },
  { name: 'pricing', description: 'How the amount came about (quantities × prices, per period when the price changed), or why there is none' },
  { name: 'display_usage', description: "usage in display_unit, rounded half-even to the measurement's display places" },
  { name: 'display_unit', description: 'Unit people read, e.g. GiB·h, h (hours running)' },
  { name: 'client_id', description: 'Client UUID' },
  { name: 'client_billing_ref', description: "The client's reference in the invoicing system; empty when not set" },
  { name: 'resource_labels', description: 'Resource labels as a JSON object; empty on total rows' },
  { name: 'window_from_utc', description: 'Window start in UTC as YYYY-MM-DD hh:mm:ss (a spreadsheet reads it as a date-time)' },
  { name: 'window_to_utc', description: 'Window end in UTC as YYYY-MM-DD hh:mm:ss (exclusive)' },
  { name: 'window_from_local', description: 'Window start in tz as YYYY-MM-DD hh:mm:ss' },
  { name: 'window_to_local', description: 'Window end in tz as YYYY-MM-DD hh:mm:ss (exclusive)' },
  { name: 'project_billing_ref', description: "The project's reference in the invoicing system; empty when not set and on client rows" },
] as const;

export type ReportColumn = (typeof REPORT_COLUMNS)[number]['name'];
export type CsvCell = string | number | boolean | CsvNumber | undefined;
export type ReportCsvRecord = Partial<Record<ReportColumn, CsvCell>> & { row_type: ReportRowType };

/** An exact decimal written as a bare number cell (a JS number would lose digits; a string would be text). */
export class CsvNumber {
  constructor(readonly text: string) {}
}

const dec = (text: string | null) => (text === null ? undefined : new CsvNumber(text));
const num = (v: number | null) => (v === null || !Number.isFinite(v) ? undefined : v);

/** A timestamp a spreadsheet recognises as a date-time: `2026-11-01 00:00:00`. */
export function spreadsheetTime(instant: Date, tz = 'UTC'): string {
  const w = wallClock(instant, tz);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${String(w.year).padStart(4, '0')}-${p(w.month)}-${p(w.day)} ${p(w.hour)}:${p(w.minute)}:${p(w.second)}`;
}

/** The columns every row shares: who, the window, the report's status. */
function common(header: ReportHeader): ReportCsvRecord {
  return {
    row_type: 'line',
    client: header.clientName,
    window_from: header.from.toISOString(),
    window_to: header.to.toISOString(),
    tz: header.tz,
    status: header.status,
    generated_at: header.generatedAt.toISOString(),
    client_id: header.clientId,
    client_billing_ref: header.clientBillingRef ?? undefined,
    window_from_utc: spreadsheetTime(header.from),
    window_to_utc: spreadsheetTime(header.to),
    window_from_local: spreadsheetTime(header.from, header.tz),
    window_to_local: spreadsheetTime(header.to, header.tz),
  };
}

function totalRecord(t: MeasurementTotal): Partial<ReportCsvRecord> {
  return {
    measurement: t.measurementKey, kind: t.kind, unit: t.unit, usage: num(t.usage), usage_unit: t.usageUnit, samples: t.samples, expected: t.expected,
    coverage: num(t.coverage), amount: dec(t.amount), currency: t.currency ?? undefined,
  };
}

/** One typed row as a CSV record; null becomes undefined, which json2csv writes as an empty cell. */
export function reportCsvRecord(header: ReportHeader, row: ReportRow): ReportCsvRecord {
  const base = common(header);
  switch (row.rowType) {
    case 'line': {
      const l = row.line;
      return {
        ...base,
        project: l.projectName, resource: l.resourceName, resource_id: l.resourceId, resource_type: l.resourceType, resource_active: l.resourceActive,
        measurement: l.measurementKey, kind: l.kind, unit: l.unit, usage: num(l.usage), usage_unit: l.usageUnit, samples: l.samples, expected: l.expected,
        coverage: num(l.coverage), min: num(l.min), max: num(l.max), avg: num(l.avg), last: num(l.last),
        corrections: l.corrections, corrected_at: l.correctedAt?.toISOString(),
        unit_price: dec(l.unitPrice), price_unit: l.priceUnit ?? undefined, amount: dec(l.amount), currency: l.currency ?? undefined, pricing: l.pricing,
        display_usage: dec(l.displayUsage), display_unit: l.displayUnit, resource_labels: JSON.stringify(l.labels), project_billing_ref: l.projectBillingRef ?? undefined,
      };
    }
    case 'project_subtotal':
      return { ...base, row_type: row.rowType, project: row.projectName, ...totalRecord(row.total), project_billing_ref: row.projectBillingRef ?? undefined };
    case 'client_total':
      return { ...base, row_type: row.rowType, ...totalRecord(row.total) };
    case 'project_amount':
      return { ...base, row_type: row.rowType, project: row.projectName, amount: dec(row.total.amount), currency: row.total.currency, project_billing_ref: row.projectBillingRef ?? undefined };
    case 'client_amount':
      return { ...base, row_type: row.rowType, amount: dec(row.total.amount), currency: row.total.currency };
  }
}

/** RFC 4180 text cell, neutralised against formula injection first. */
export function csvText(value: string): string {
  return `"${csvSafeText(value).replace(/"/g, '""')}"`;
}

/** json2csv formatting: text quoted and neutralised, CsvNumber bare, anything else as JSON text. */
export const CSV_FORMATTERS = {
  string: csvText,
  header: csvText,
  object: (v: object) => (v instanceof CsvNumber ? v.text : v === null ? '' : csvText(JSON.stringify(v))),
};

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
