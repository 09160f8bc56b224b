import { reportTotals } from './report-totals';
import type { ReportLine } from './report.types';

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

describe('reportTotals', () => {
  it('sums usage and samples per project and per client, coverage from the sums', () => {
    const totals = reportTotals([
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

  it('never adds different units, and reports null coverage when nothing was expected', () => {
    const l = { ...line('p1', 'a', 'custom.x', 5, 0, 'kg'), expected: 0, coverage: null };
    const totals = reportTotals([l, { ...l, resourceId: 'b', unit: 't', usageUnit: 't·h' }]);
    expect(totals.client.map((m) => [m.usageUnit, m.usage, m.coverage])).toEqual([
      ['kg·h', 5, null],
      ['t·h', 5, null],
    ]);
  });

  it('is empty for no lines', () => {
    expect(reportTotals([])).toEqual({ projects: [], client: [] });
  });
});
