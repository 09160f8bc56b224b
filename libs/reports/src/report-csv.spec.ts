import { REPORT_COLUMNS, REPORT_CORRECTION_COLUMNS, reportCsv, reportFileName } from './report-csv';
import type { ReportHeader, ReportLine } from './report.types';

const HEADER = [...REPORT_COLUMNS, ...REPORT_CORRECTION_COLUMNS].map((c) => `"${c.name}"`).join(',');

const header: ReportHeader = {
  clientId: '00000000-0000-4000-8000-000000000001',
  clientName: '=cmd|"/c calc"!A1, Ltd',
  from: new Date('2026-09-30T22:00:00Z'),
  to: new Date('2026-10-31T23:00:00Z'),
  tz: 'Europe/Berlin',
  status: 'final',
  replicaLagSeconds: null,
  intervalMs: 1_800_000,
  expectedPerSeries: 1490,
  generatedAt: new Date('2026-11-23T19:00:00Z'),
};

const line = (over: Partial<ReportLine>): ReportLine => ({
  projectId: 'p1',
  projectName: 'Web',
  resourceId: 'r1',
  resourceName: 'web-01',
  resourceType: 'ganeti-vm',
  resourceActive: true,
  measurementId: 1,
  measurementKey: 'ganeti.vcpus',
  kind: 'gauge',
  unit: 'vCPU',
  usage: 1490,
  usageUnit: 'vCPU·h',
  samples: 1490,
  expected: 1490,
  coverage: 1,
  min: 2,
  max: 2,
  avg: 2,
  last: 2,
  corrections: 0,
  correctedAt: null,
  ...over,
});

async function collect(stream: NodeJS.ReadableStream): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += chunk.toString();
  return out;
}

describe('reportCsv', () => {
  it('writes the documented columns, RFC 4180 quoting, CRLF, a BOM, and neutralised text', async () => {
    const lines = [
      line({}),
      line({ corrections: 2, correctedAt: new Date('2026-11-20T08:00:00Z'), resourceName: '@evil "quoted"', resourceActive: false, measurementKey: 'net.rx', kind: 'counter', unit: 'byte', usageUnit: 'byte', usage: -0.5, samples: 0, coverage: 0, min: null, max: null, avg: null, last: -3 }),
    ];
    const csv = await collect(reportCsv(header, lines));
    expect(csv.startsWith('\ufeff')).toBe(true);
    const rows = csv.slice(1).split('\r\n');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toBe(HEADER);
    expect(rows[1]).toBe(
      `"'=cmd|""/c calc""!A1, Ltd","Web","web-01","r1","ganeti-vm",true,"ganeti.vcpus","gauge","vCPU",1490,"vCPU·h",1490,1490,1,2,2,2,2,` +
        `"2026-09-30T22:00:00.000Z","2026-10-31T23:00:00.000Z","Europe/Berlin","final",0,`,
    );
    // numbers stay numbers (even negative); a missing value is an empty cell, not 0
    expect(rows[2]).toBe(
      `"'=cmd|""/c calc""!A1, Ltd","Web","'@evil ""quoted""","r1","ganeti-vm",false,"net.rx","counter","byte",-0.5,"byte",0,1490,0,,,,-3,` +
        `"2026-09-30T22:00:00.000Z","2026-10-31T23:00:00.000Z","Europe/Berlin","final",2,"2026-11-20T08:00:00.000Z"`,
    );
  });

  it('writes only the header for a client without lines, and can leave out the BOM', async () => {
    const csv = await collect(reportCsv(header, [], { bom: false }));
    expect(csv).toBe(HEADER);
  });

  it('passes an error from the line source on to the stream', async () => {
    async function* failing(): AsyncGenerator<ReportLine> {
      yield line({});
      throw new Error('database went away');
    }
    await expect(collect(reportCsv(header, failing()))).rejects.toThrow('database went away');
  });

  it('documents every column', () => {
    const all = [...REPORT_COLUMNS, ...REPORT_CORRECTION_COLUMNS];
    expect(new Set(all.map((c) => c.name)).size).toBe(all.length);
    for (const c of all) expect(c.description.length).toBeGreaterThan(10);
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
