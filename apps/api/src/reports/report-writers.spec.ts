import { decimal } from '@tally/money';
import { ReportHeader, ReportLine, reportRows } from '@tally/reports';
import { PassThrough, Writable } from 'node:stream';
import { csvTransform, reportCsvRows } from './report-csv.writer';
import { reportJsonChunks } from './report-json.writer';
import { primed, streamTo } from './report-stream';

const header: ReportHeader = {
  clientId: 'c1', clientName: 'Acme', from: new Date('2026-10-01T00:00:00Z'), to: new Date('2026-10-02T00:00:00Z'), tz: 'UTC',
  status: 'final', replicaLagSeconds: null, intervalMs: 1_800_000, expectedPerSeries: 48, generatedAt: new Date('2026-11-01T00:00:00Z'),
  clientBillingRef: 'CUST-1', pricing: null, bounds: [Date.parse('2026-10-01T00:00:00Z'), Date.parse('2026-10-02T00:00:00Z')],
};

function line(projectName: string, resourceName: string, measurementKey: string, usage: number, kind: 'gauge' | 'counter' = 'gauge'): ReportLine {
  return {
    projectId: `p-${projectName}`, projectName, projectBillingRef: null, resourceId: `r-${projectName}-${resourceName}`, resourceName, resourceType: 'node', resourceActive: true,
    measurementId: 1, measurementKey, kind, unit: 'vCPU', usage, usageUnit: kind === 'gauge' ? 'vCPU·h' : 'vCPU', samples: 2, expected: 48,
    coverage: 2 / 48, min: 1, max: 2, avg: 1.5, last: 2, corrections: 0, correctedAt: null,
    labels: {}, displayUsage: String(usage), displayUnit: 'vCPU·h', segmentUsage: [decimal(String(usage))],
    unitPrice: null, priceUnit: null, amount: null, currency: null, pricing: 'not priced: the client has no rate card',
  };
}

async function* from<T>(items: T[]) {
  yield* items;
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const LINES = [line('a', 'r1', 'cpu', 1), line('a', 'r1', 'mem', 2), line('a', 'r2', 'cpu', 3), line('b', 'r1', 'cpu', -0.5)];

describe('report JSON writer', () => {
  it('writes valid JSON nested by project and resource, with totals', async () => {
    const report = JSON.parse((await collect(reportJsonChunks(header, reportRows(header, from(LINES))))).join(''));
    expect(report.projects.map((p: { name: string; resources: { name: string; measurements: unknown[] }[] }) => [p.name, p.resources.map((r) => [r.name, r.measurements.length])]))
      .toEqual([['a', [['r1', 2], ['r2', 1]]], ['b', [['r1', 1]]]]);
    expect(report.projects[0].totals.find((t: { key: string }) => t.key === 'cpu')).toMatchObject({ usage: 4, resources: 2, samples: 4, expected: 96 });
    expect(report.totals.find((t: { key: string }) => t.key === 'cpu')).toMatchObject({ usage: 3.5, resources: 3 });
    expect(report).toMatchObject({ client: { id: 'c1', name: 'Acme' }, intervalMinutes: 30, status: 'final' });
  });

  it('writes an empty report for a client without lines', async () => {
    const report = JSON.parse((await collect(reportJsonChunks(header, reportRows(header, from<ReportLine>([]))))).join(''));
    expect(report).toMatchObject({ projects: [], totals: [] });
  });
});

describe('report CSV writer', () => {
  it('follows each project with its subtotals and ends with the client totals', async () => {
    const rows = await collect(reportCsvRows(header, reportRows(header, from(LINES))));
    expect(rows.map((r) => [r.row_type, r.project ?? '', r.resource ?? '', r.measurement])).toEqual([
      ['line', 'a', 'r1', 'cpu'], ['line', 'a', 'r1', 'mem'], ['line', 'a', 'r2', 'cpu'],
      ['project_subtotal', 'a', '', 'cpu'], ['project_subtotal', 'a', '', 'mem'],
      ['line', 'b', 'r1', 'cpu'], ['project_subtotal', 'b', '', 'cpu'],
      ['client_total', '', '', 'cpu'], ['client_total', '', '', 'mem'],
    ]);
    expect(rows[7]).toMatchObject({ usage: 3.5, unit: 'vCPU', usage_unit: 'vCPU·h', samples: 6, expected: 144 });
  });

  it('writes RFC 4180 text with a BOM, header row only when there are no lines', async () => {
    const out = new PassThrough();
    const text = collect(out);
    await streamTo(out, from([]), reportCsvRows(header, reportRows(header, from<ReportLine>([]))), csvTransform());
    const csv = (await text).join('');
    expect(csv).toMatch(/^\uFEFF"row_type","client","project",/);
    expect(csv).not.toContain('\r\n');
  });
});

describe('streaming helpers', () => {
  function trackedSource(n: number) {
    const state = { closed: false, read: 0 };
    async function* gen() {
      try {
        for (let i = 0; i < n; i++) {
          state.read++;
          yield line('a', `r${i}`, 'cpu', i);
        }
      } finally {
        state.closed = true; // where the report service rolls back and releases its connection
      }
    }
    return { state, gen: gen() };
  }

  it('primed() surfaces a failure of the first read before anything is sent', async () => {
    async function* broken(): AsyncGenerator<ReportLine> {
      throw new Error('relation "samples" does not exist');
    }
    await expect(primed(broken())).rejects.toThrow('samples');
  });

  it('closes the source when the response is already gone before the writer starts', async () => {
    const { state, gen } = trackedSource(1000);
    const lines = await primed(gen);
    const res = new Writable({ write: (_c, _e, cb) => cb() });
    res.destroy();
    const result = await streamTo(res, lines, reportCsvRows(header, reportRows(header, lines)), csvTransform());
    expect(result.outcome).not.toBe('complete');
    expect(state).toEqual({ closed: true, read: 1 });
  });

  it('closes the source when the response stops mid-stream', async () => {
    const { state, gen } = trackedSource(100_000);
    const lines = await primed(gen);
    let bytes = 0;
    const res: Writable = new Writable({
      highWaterMark: 1024,
      write(chunk, _e, cb) {
        bytes += chunk.length;
        if (bytes > 10_000) res.destroy(); // the caller hangs up
        cb();
      },
    });
    await streamTo(res, lines, reportJsonChunks(header, reportRows(header, lines)));
    expect(state.closed).toBe(true);
    expect(state.read).toBeLessThan(100_000);
  });
});
