import SwaggerParser from '@apidevtools/swagger-parser';
import { randomUUID } from 'node:crypto';
import { startApi, TestApi } from '../support/api-app';
import { makeTenant, uniq, seedReportClient, SeededClient, WINDOW } from '../support/factories';
import { csvRecords } from '../support/csv';

const unpriced = { unitPrice: null, priceUnit: null, amount: null, currency: null, pricing: 'not priced: the client has no rate card' };
const q = (extra = '') => `from=${encodeURIComponent(WINDOW.from)}&to=${encodeURIComponent(WINDOW.to)}${extra}`;

describe('GET /api/v1/clients/:id/report', () => {
  let api: TestApi;
  let seeded: SeededClient;
  beforeAll(async () => {
    api = await startApi();
    seeded = await seedReportClient(api);
  });
  afterAll(() => api.close());

  const url = (extra = '') => `/api/v1/clients/${seeded.client.id}/report?${q(extra)}`;

  it('answers JSON nested client → projects → resources → measurements, with totals', async () => {
    const res = await api.as(api.adminKey).get(url()).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['x-report-status']).toBe('final');
    const body = res.body;
    expect(body).toMatchObject({
      client: { id: seeded.client.id, name: seeded.client.name },
      window: { from: '2026-10-01T00:00:00.000Z', to: '2026-10-01T02:00:00.000Z', tz: 'UTC' },
      intervalMinutes: 30,
      status: 'final',
    });
    expect(body.projects.map((p: { name: string }) => p.name)).toEqual(['alpha', 'beta']);
    const [alpha, beta] = body.projects;
    expect(alpha.resources.map((r: { name: string; active: boolean }) => [r.name, r.active])).toEqual([['@old-vm', false], ['vm-1', true]]);
    const vm1 = alpha.resources[1];
    expect(vm1.measurements).toEqual([
      { key: 'ganeti.vcpus', kind: 'gauge', unit: 'vCPU', samples: 4, expected: 4, coverage: 1, min: 2, max: 2, avg: 2, last: 2, usage: 4, usageUnit: 'vCPU·h', corrections: 0, correctedAt: null, ...unpriced, displayUsage: '4.000', displayUnit: 'vCPU·h' },
      { key: 'net.rx', kind: 'counter', unit: 'byte', samples: 4, expected: 4, coverage: 1, min: 50, max: 300, avg: 150, last: 150, usage: 410, usageUnit: 'byte', corrections: 0, correctedAt: null, ...unpriced, displayUsage: '0.000', displayUnit: 'GiB' },
    ]);
    const load = alpha.resources[0].measurements.find((m: { key: string }) => m.key === 'load.1m');
    expect(load).toMatchObject({ samples: 1, usage: -0.25, usageUnit: 'h', min: -0.5 });
    expect(alpha.totals.find((t: { key: string }) => t.key === 'ganeti.vcpus')).toEqual({
      key: 'ganeti.vcpus', kind: 'gauge', usageUnit: 'vCPU·h', usage: 8, samples: 6, expected: 8, coverage: 0.75, resources: 2, amount: null, currency: null,
    });
    expect(beta.resources[0].measurements[0]).toMatchObject({ samples: 1, expected: 4, coverage: 0.25, usage: 0.5 });
    expect(body.totals.find((t: { key: string }) => t.key === 'ganeti.vcpus')).toMatchObject({ usage: 8.5, samples: 7, expected: 12, resources: 3 });
    expect(body.totals.map((t: { key: string }) => t.key)).toEqual(['ganeti.vcpus', 'load.1m', 'net.rx']);
  });

  it('streams CSV with fixed columns, subtotal and total rows, formula-safe text and real numbers', async () => {
    const res = await api.as(api.adminKey).get(url('&format=csv')).buffer(true).parse(textParser).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="tally-hyperlink-x-lab-c-[0-9a-f]{8}-2026-10-01_2026-10-01\.csv"$/);
    expect(res.headers['transfer-encoding']).toBe('chunked'); // streamed, not buffered with a Content-Length
    const text: string = res.body;
    expect(text.startsWith('\uFEFF"row_type","client","project","resource","resource_id"')).toBe(true);
    expect(text).toContain('\r\n');
    const rows = csvRecords(text);
    expect(rows.map((r) => [r.row_type, r.project, r.resource, r.measurement])).toEqual([
      ['line', 'alpha', "'@old-vm", 'ganeti.vcpus'],
      ['line', 'alpha', "'@old-vm", 'load.1m'],
      ['line', 'alpha', 'vm-1', 'ganeti.vcpus'],
      ['line', 'alpha', 'vm-1', 'net.rx'],
      ['project_subtotal', 'alpha', '', 'ganeti.vcpus'],
      ['project_subtotal', 'alpha', '', 'load.1m'],
      ['project_subtotal', 'alpha', '', 'net.rx'],
      ['line', 'beta', "'-db-1", 'ganeti.vcpus'],
      ['project_subtotal', 'beta', '', 'ganeti.vcpus'],
      ['client_total', '', '', 'ganeti.vcpus'],
      ['client_total', '', '', 'load.1m'],
      ['client_total', '', '', 'net.rx'],
    ]);
    expect(rows[0].client).toBe(`'${seeded.client.name}`); // =HYPERLINK… neutralised
    expect(rows[3]).toMatchObject({ usage: '410', usage_unit: 'byte', samples: '4', expected: '4', coverage: '1', min: '50', status: 'final', tz: 'UTC' });
    expect(rows[9]).toMatchObject({ usage: '8.5', unit: 'vCPU', usage_unit: 'vCPU·h', samples: '7', expected: '12' });
    expect(new Set(rows.map((r) => r.generated_at)).size).toBe(1);
    expect(Math.abs(Date.parse(rows[0].generated_at) - Date.now())).toBeLessThan(60_000);
    // Negative numbers are written bare (a number cell), never quoted or prefixed like text.
    expect(text).toMatch(/,-0\.25,"h",1,4,0\.25,-0\.5,-0\.5,-0\.5,-0\.5,/);
  });

  it('picks the format from Accept unless format= says otherwise', async () => {
    const csv = await api.as(api.adminKey).get(url()).set('Accept', 'text/csv').buffer(true).parse(textParser).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const json = await api.as(api.adminKey).get(url('&format=json')).set('Accept', 'text/csv').expect(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    const refused = await api.as(api.adminKey).get(url()).set('Accept', 'image/png').expect(406);
    expect(refused.body).toMatchObject({ statusCode: 406, message: expect.stringMatching(/^Accept: /) });
  });

  it('lets a client key read only its own client, and billing any', async () => {
    await api.as(seeded.clientKey).get(url()).expect(200);
    const other = await makeTenant(api);
    const res = await api.as(other.key).get(url()).expect(404);
    expect(res.body.message).toMatch(/not found/);
    const billing = (await api.as(api.adminKey).post('/api/v1/api-keys').send({ name: uniq('billing'), role: 'billing' }).expect(201)).body.key;
    await api.as(billing).get(url('&format=csv')).expect(200);
    await api.as(api.adminKey).get(`/api/v1/clients/${randomUUID()}/report`).expect(404);
    await api.http.get(url()).expect(401);
  });

  it.each([
    ['from=2026-10-02&to=2026-10-01', /^to: must be after from/],
    ['from=2020-01-01&to=2023-06-01', /^to: the window may span at most 3 years/],
    ['tz=Mars/Olympus', /^tz: unknown time zone/],
    ['from=yesterday', /^from: cannot read/],
    ['to=2026-10-01T00:00:00', /^to: .* has no zone/],
    ['format=xml', /^format must be one of csv, json/],
    ['colour=red', /property colour should not exist/],
  ])('refuses %s with a 400 naming the parameter', async (query, message) => {
    const res = await api.as(api.adminKey).get(`/api/v1/clients/${seeded.client.id}/report?${query}`).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, message: expect.stringMatching(message) });
  });

  it('defaults to the last 30 days in UTC, provisional, and reads dates in tz', async () => {
    const now = Date.now();
    const res = await api.as(api.adminKey).get(`/api/v1/clients/${seeded.client.id}/report`).expect(200);
    const span = Date.parse(res.body.window.to) - Date.parse(res.body.window.from);
    expect(span).toBe(30 * 86_400_000);
    expect(Math.abs(Date.parse(res.body.window.to) - now)).toBeLessThan(60_000);
    expect(res.body).toMatchObject({ status: 'provisional', window: { tz: 'UTC' } });
    const berlin = await api.as(api.adminKey).get(`/api/v1/clients/${seeded.client.id}/report?from=2026-10-01&to=2026-10-02&tz=Europe/Berlin`).expect(200);
    expect(berlin.body.window).toEqual({ from: '2026-09-30T22:00:00.000Z', to: '2026-10-01T22:00:00.000Z', tz: 'Europe/Berlin' });
  });

  it('documents both formats in OpenAPI with the ReportDto schema', async () => {
    const doc = (await api.http.get('/api/docs-json').expect(200)).body;
    await SwaggerParser.validate(structuredClone(doc));
    const op = doc.paths['/api/v1/clients/{id}/report'].get;
    expect(Object.keys(op.responses['200'].content).sort()).toEqual(['application/json', 'application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv']);
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['format', 'from', 'id', 'to', 'tz']);
    expect(doc.components.schemas.ReportDto.required).toEqual(expect.arrayContaining(['client', 'window', 'projects', 'totals', 'status']));
    expect(doc.components.schemas.ReportMeasurementDto.properties.usageUnit).toBeDefined();
  });
});

/** supertest buffers text/csv as a string only when told how. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function textParser(res: any, done: (err: Error | null, body: string) => void) {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (c: string) => (text += c));
  res.on('end', () => done(null, text));
}
