import { ReportRow, reportRows } from './report-rows';
import type { MeasurementTotal } from './report-totals';
import type { ReportHeader, ReportLine } from './report.types';

const header = (currency: string | null = null) => ({
  clientId: 'c', clientName: 'C', clientBillingRef: null, from: new Date(0), to: new Date(86_400_000), tz: 'UTC', status: 'final', intervalMs: 1_800_000,
  expectedPerSeries: 48, generatedAt: new Date(86_400_000), bounds: [0, 86_400_000],
  pricing: currency ? { currency, rateCardId: 'k', rateCardName: 'K', prices: new Map() } : null,
}) as ReportHeader;

async function rowsOf(lines: ReportLine[], currency: string | null = null): Promise<ReportRow[]> {
  async function* source() {
    yield* lines;
  }
  const rows: ReportRow[] = [];
  for await (const row of reportRows(header(currency), source())) rows.push(row);
  return rows;
}

/** The totals the rows pipeline emits, by project and for the client. */
async function reportTotals(lines: ReportLine[]) {
  const rows = await rowsOf(lines);
  const projects: { projectName: string; measurements: MeasurementTotal[] }[] = [];
  for (const r of rows) {
    if (r.rowType !== 'project_subtotal') continue;
    if (projects[projects.length - 1]?.projectName !== r.projectName) projects.push({ projectName: r.projectName, measurements: [] });
    projects[projects.length - 1].measurements.push(r.total);
  }
  return { projects, client: rows.flatMap((r) => (r.rowType === 'client_total' ? [r.total] : [])) };
}

const line = (projectId: string, resourceId: string, measurementKey: string, usage: number, samples: number, unit = 'vCPU'): ReportLine => ({
  projectId,
  projectName: projectId === 'p1' ? 'Alpha' : 'Beta',
  projectBillingRef: null,
  resourceId,
  resourceName: resourceId,
  resourceType: 'ganeti-vm',
  resourceActive: true,
  measurementId: 1,
  measurementKey,
  kind: measurementKey.startsWith('net.') ? 'counter' : 'gauge',
  unit,
  usage,
  usageUnit: measurementKey.startsWith('net.') ? unit : `${unit}·h`,
  samples,
  expected: 48,
  coverage: samples / 48,
  min: null,
  max: null,
  avg: null,
  last: null,
  corrections: 0,
  correctedAt: null,
  labels: {},
  displayUsage: String(usage),
  displayUnit: 'h',
  segmentUsage: [],
  unitPrice: null,
  priceUnit: null,
  amount: null,
  currency: null,
  pricing: 'not priced',
});

describe('reportRows totals', () => {
  it('sums usage and samples per project and per client, coverage from the sums', async () => {
    const totals = await reportTotals([
      line('p1', 'a', 'ganeti.vcpus', 48, 48), // 2 vCPU × 24 h
      line('p1', 'a', 'net.rx', 1000, 48, 'byte'),
      line('p1', 'b', 'ganeti.vcpus', 12, 24), // half the day missing
      line('p2', 'c', 'ganeti.vcpus', 96, 48),
    ]);
    expect(totals.projects.map((p) => p.projectName)).toEqual(['Alpha', 'Beta']);
    expect(totals.projects[0].measurements).toEqual([
      // 48 + 12 = 60 vCPU·h; samples 72 of 96 expected → 0.75
      { measurementKey: 'ganeti.vcpus', kind: 'gauge', unit: 'vCPU', usageUnit: 'vCPU·h', usage: 60, samples: 72, expected: 96, coverage: 0.75, lines: 2, amount: null, currency: null },
      { measurementKey: 'net.rx', kind: 'counter', unit: 'byte', usageUnit: 'byte', usage: 1000, samples: 48, expected: 48, coverage: 1, lines: 1, amount: null, currency: null },
    ]);
    // client: vCPU 48 + 12 + 96 = 156 vCPU·h; samples 120 of 144 → 5/6
    const vcpus = totals.client.find((m) => m.measurementKey === 'ganeti.vcpus')!;
    expect(vcpus).toMatchObject({ usage: 156, samples: 120, expected: 144, lines: 3 });
    expect(vcpus.coverage).toBeCloseTo(5 / 6, 12);
  });

  it('never adds different units, and reports null coverage when nothing was expected', async () => {
    const l = { ...line('p1', 'a', 'custom.x', 5, 0, 'kg'), expected: 0, coverage: null };
    const totals = await reportTotals([l, { ...l, resourceId: 'b', unit: 't', usageUnit: 't·h' }]);
    expect(totals.client.map((m) => [m.usageUnit, m.usage, m.coverage])).toEqual([
      ['kg·h', 5, null],
      ['t·h', 5, null],
    ]);
  });

  it('is empty for no lines', async () => {
    expect(await reportTotals([])).toEqual({ projects: [], client: [] });
  });

  it('follows each project with its subtotals and amount, and ends with the client totals and amount, summing rounded line amounts', async () => {
    const priced = (l: ReportLine, amount: string | null) => ({ ...l, amount, currency: 'EUR' });
    const rows = await rowsOf([
      priced(line('p1', 'a', 'ganeti.vcpus', 2.5, 48), '0.12'),
      priced(line('p1', 'b', 'ganeti.vcpus', 2.5, 48), '0.12'),
      priced(line('p1', 'b', 'load.1m', 1, 48), null),
      priced(line('p2', 'c', 'ganeti.vcpus', 2.5, 48), '0.12'),
    ], 'EUR');
    expect(rows.map((r) => r.rowType)).toEqual([
      'line', 'line', 'line', 'project_subtotal', 'project_subtotal', 'project_amount', 'line', 'project_subtotal', 'project_amount', 'client_total', 'client_total', 'client_amount',
    ]);
    const amounts = rows.flatMap((r) => (r.rowType === 'project_amount' || r.rowType === 'client_amount' ? [r.total.amount] : []));
    expect(amounts).toEqual(['0.24', '0.12', '0.36']); // 0.12 × 3, not the rounded exact 0.375
    const load = rows.find((r) => r.rowType === 'client_total' && r.total.measurementKey === 'load.1m');
    expect(load).toMatchObject({ total: { amount: null } });
  });
});
