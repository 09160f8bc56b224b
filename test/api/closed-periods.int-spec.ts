import { startApi, TestApi } from '../support/api-app';
import { makeTenant, uniq } from '../support/factories';

const MIN = 60_000;
/** Defaults: 30-minute interval + 15-minute pre-cache lead + 120 minutes of late-push grace. */
const HORIZON = (30 + 15 + 120) * MIN;

/**
 * Design §7: once a report said final, its numbers change only through a correction. A push
 * into a closed period is a 409 naming the boundary; a late push within the grace lands, and
 * the report over it stays provisional until the grace has passed.
 */
describe('pushing into closed periods', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi()));
  afterAll(() => api.close());

  async function target(on: TestApi = api) {
    const tenant = await makeTenant(on);
    const resource = (await on.as(on.adminKey).post('/api/v1/resources').send({ projectId: tenant.project.id, name: uniq('db'), type: 'database' }).expect(201)).body.id as string;
    return { clientId: tenant.client.id as string, resource };
  }
  const rowsOf = async (resource: string) => (await api.db.query(`SELECT count(*)::int AS n FROM samples WHERE resource_id = $1`, [resource]))[0].n;
  const iso = (ms: number) => new Date(ms).toISOString();

  it('refuses a push into January with 409 naming the closed boundary and pointing to corrections, and stores nothing', async () => {
    const { resource } = await target();
    const sent = Date.now();
    const res = await api.as(api.adminKey).post('/api/v1/samples').send({ samples: [
      { resourceId: resource, measurement: 'disk.used', ts: iso(sent - 10 * MIN), value: 1 },
      { resourceId: resource, measurement: 'disk.used', ts: '2026-01-15T10:00:00Z', value: 2 },
      { resourceId: resource, measurement: 'memory.used', ts: '2026-01-15T10:00:00+01:00', value: 3 },
    ] }).expect(409);
    const boundary = Date.parse(res.body.closedBefore);
    expect(boundary).toBeGreaterThanOrEqual(sent - HORIZON);
    expect(boundary).toBeLessThanOrEqual(Date.now() - HORIZON);
    expect(res.body).toMatchObject({
      statusCode: 409, error: 'Conflict', requestId: expect.any(String),
      message: `samples: 2 of 3 samples fall in a closed period and nothing was stored: data before ${res.body.closedBefore} is final `
        + '(reports over it may already say so). Send them as a correction: POST /api/v1/corrections',
    });
    expect(res.body.errors).toEqual([
      { index: 1, field: 'ts', message: `samples[1].ts 2026-01-15T10:00:00.000Z is before ${res.body.closedBefore}, in a closed period` },
      { index: 2, field: 'ts', message: `samples[2].ts 2026-01-15T09:00:00.000Z is before ${res.body.closedBefore}, in a closed period` },
    ]);
    expect(await rowsOf(resource)).toBe(0);
  });

  it('answers 400 first when a batch has bad items as well as closed ones: those can never be stored as sent', async () => {
    const { resource } = await target();
    const res = await api.as(api.adminKey).post('/api/v1/samples').send({ samples: [
      { resourceId: resource, measurement: 'disk.used', ts: '2026-01-15T10:00:00Z', value: 2 },
      { resourceId: resource, measurement: 'disk.used', ts: iso(Date.now() - MIN), value: 'two' },
    ] }).expect(400);
    expect(res.body.errors).toEqual([{ index: 1, field: 'value', message: 'samples[1].value must be a finite number (got string)' }]);
    expect(res.body.closedBefore).toBeUndefined();
  });

  it('accepts a push late by more than §4 allows but within the grace; the report stays provisional until the grace has passed', async () => {
    const { clientId, resource } = await target();
    // An hour late: past one interval plus the lead (45 min), within the grace (165 min in all).
    const ts = Date.now() - 60 * MIN;
    await api.as(api.adminKey).post('/api/v1/samples').send({ samples: [{ resourceId: resource, measurement: 'disk.used', ts: iso(ts), value: 7 }] }).expect(200);
    expect(await rowsOf(resource)).toBe(1);
    const report = (from: number, to: number) => api.as(api.adminKey).get(`/api/v1/clients/${clientId}/report?from=${iso(from)}&to=${iso(to)}&format=json`).expect(200);
    const covering = await report(ts - 30 * MIN, ts + MIN);
    expect(covering.body.status).toBe('provisional'); // §4 alone would say final: the window ended 59 minutes ago
    expect(covering.headers['x-report-status']).toBe('provisional');
    const closed = Date.now() - HORIZON - MIN;
    expect((await report(closed - 60 * MIN, closed)).body.status).toBe('final');
  });

  it('closes at §4\'s point when the grace is 0', async () => {
    const strict = await startApi({ TALLY_LATE_PUSH_GRACE_MINUTES: '0' });
    try {
      const { resource } = await target(strict);
      const res = await strict.as(strict.adminKey).post('/api/v1/samples')
        .send({ samples: [{ resourceId: resource, measurement: 'disk.used', ts: iso(Date.now() - 60 * MIN), value: 7 }] }).expect(409);
      expect(Date.parse(res.body.closedBefore)).toBeLessThanOrEqual(Date.now() - 45 * MIN);
      await strict.as(strict.adminKey).post('/api/v1/samples')
        .send({ samples: [{ resourceId: resource, measurement: 'disk.used', ts: iso(Date.now() - 40 * MIN), value: 7 }] }).expect(200);
    } finally {
      await strict.close();
    }
  });

  it('documents the 409 with its boundary', async () => {
    const doc = (await api.http.get('/api/docs-json').expect(200)).body;
    const conflict = doc.paths['/api/v1/samples'].post.responses['409'];
    expect(conflict.content['application/json'].schema.$ref).toBe('#/components/schemas/SampleClosedPeriodErrorDto');
    expect(doc.components.schemas.ClosedPeriodErrorDto.properties.closedBefore).toMatchObject({ format: 'date-time' });
    expect(doc.paths['/api/v1/collections'].post.responses['409']).toBeDefined();
  });
});
