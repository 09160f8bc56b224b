import { decimal } from '@tally/money';
import { CsvNumber, REPORT_COLUMNS, reportCsvRecord, reportFileName, spreadsheetTime } from './report-csv';
import type { ReportHeader, ReportLine } from './report.types';

const header: ReportHeader = {
  clientId: '00000000-0000-4000-8000-000000000001',
  clientName: '=cmd|"/c calc"!A1, Ltd',
  clientBillingRef: 'CUST-7',
  from: new Date('2026-09-30T22:00:00Z'),
  to: new Date('2026-10-31T23:00:00Z'),
  tz: 'Europe/Berlin',
  status: 'final',
  replicaLagSeconds: null,
  intervalMs: 1_800_000,
  expectedPerSeries: 1490,
  generatedAt: new Date('2026-11-23T19:00:00Z'),
  pricing: null,
  bounds: [Date.parse('2026-09-30T22:00:00Z'), Date.parse('2026-10-31T23:00:00Z')],
};

const line = (over: Partial<ReportLine>): ReportLine => ({
  projectId: 'p1', projectName: 'Web', projectBillingRef: 'PO-1', resourceId: 'r1', resourceName: 'web-01', resourceType: 'ganeti-vm', resourceActive: true,
  measurementId: 1, measurementKey: 'ganeti.vcpus', kind: 'gauge', unit: 'vCPU', usage: 1490, usageUnit: 'vCPU·h',
  samples: 1490, expected: 1490, coverage: 1, min: 2, max: 2, avg: 2, last: 2, corrections: 0, correctedAt: null,
  labels: { env: 'prod' }, displayUsage: '1490.000', displayUnit: 'vCPU·h', segmentUsage: [decimal('1490')],
  unitPrice: '0.04', priceUnit: 'vCPU·h', amount: '59.60', currency: 'EUR', pricing: '1490 vCPU·h × 0.04',
  ...over,
});

describe('reportCsvRecord', () => {
  it('keeps every earlier column in its place and adds money, identifiers and spreadsheet times at the end', () => {
    const names = REPORT_COLUMNS.map((c) => c.name);
    expect(names.slice(0, 26)).toEqual([
      'row_type', 'client', 'project', 'resource', 'resource_id', 'resource_type', 'resource_active', 'measurement', 'kind', 'unit', 'usage', 'usage_unit',
      'samples', 'expected', 'coverage', 'min', 'max', 'avg', 'last', 'window_from', 'window_to', 'tz', 'status', 'generated_at', 'corrections', 'corrected_at',
    ]);
    const r = reportCsvRecord(header, { rowType: 'line', line: line({}) });
    expect(r).toMatchObject({
      row_type: 'line', client: header.clientName, usage: 1490, unit_price: new CsvNumber('0.04'), amount: new CsvNumber('59.60'), currency: 'EUR',
      client_id: header.clientId, client_billing_ref: 'CUST-7', resource_labels: '{"env":"prod"}',
      window_from_utc: '2026-09-30 22:00:00', window_to_utc: '2026-10-31 23:00:00', window_from_local: '2026-10-01 00:00:00', window_to_local: '2026-11-01 00:00:00',
    });
  });

  it('leaves a line without a price without an amount (never 0) and says why', () => {
    const r = reportCsvRecord(header, { rowType: 'line', line: line({ amount: null, unitPrice: null, priceUnit: null, currency: null, pricing: 'not priced: the client has no rate card' }) });
    expect(r.amount).toBeUndefined();
    expect(r.pricing).toBe('not priced: the client has no rate card');
  });

  it('fills only the amount on amount rows', () => {
    const r = reportCsvRecord(header, { rowType: 'client_amount', total: { amount: '-0.12', currency: 'EUR' } });
    expect(r).toMatchObject({ row_type: 'client_amount', amount: new CsvNumber('-0.12'), currency: 'EUR' });
    expect(r.usage).toBeUndefined();
    expect(r.measurement).toBeUndefined();
  });

  it('writes times a spreadsheet reads, in UTC or the zone', () => {
    expect(spreadsheetTime(new Date('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe('2026-03-29 03:00:00');
    expect(spreadsheetTime(new Date('2026-11-23T23:00:00.000Z'))).toBe('2026-11-23 23:00:00');
  });

  it('documents every column', () => {
    expect(new Set(REPORT_COLUMNS.map((c) => c.name)).size).toBe(REPORT_COLUMNS.length);
    for (const c of REPORT_COLUMNS) expect(c.description.length).toBeGreaterThan(10);
  });
});

describe('reportFileName', () => {
  it('uses the calendar dates of the window in its zone', () => {
    expect(reportFileName('Acme', header.from, header.to, 'csv', 'Europe/Berlin')).toBe('tally-acme-2026-10-01_2026-11-01.csv');
    expect(reportFileName('Acme', new Date('2026-10-01T00:00:00Z'), new Date('2026-11-01T00:00:00Z'), '.json')).toBe('tally-acme-2026-10-01_2026-11-01.json');
  });

  it('reduces any client name to safe ASCII', () => {
    const d = [new Date('2026-10-01T00:00:00Z'), new Date('2026-11-01T00:00:00Z')] as const;
    expect(reportFileName('Müller & Söhne GmbH', ...d, 'csv')).toBe('tally-muller-sohne-gmbh-2026-10-01_2026-11-01.csv');
    expect(reportFileName('../../etc/passwd\r\n"', ...d, 'csv')).toBe('tally-etc-passwd-2026-10-01_2026-11-01.csv');
    expect(reportFileName('東京', ...d, 'c/s"v')).toBe('tally-client-2026-10-01_2026-11-01.csv');
  });
});
