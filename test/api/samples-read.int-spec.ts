import { randomUUID } from 'node:crypto';
import { startApi, TestApi } from '../support/api-app';
import { insertSamples, makeTenant, uniq } from '../support/factories';

describe('reading samples of a resource', () => {
  let api: TestApi;
  let tenant: Awaited<ReturnType<typeof makeTenant>>;
  let resource: string;
  const at = (h: number) => new Date(Date.UTC(2026, 9, 31, h)).toISOString();

  beforeAll(async () => {
    api = await startApi();
    tenant = await makeTenant(api);
    const admin = api.as(api.adminKey);
    resource = (await admin.post('/api/v1/resources').send({ projectId: tenant.project.id, name: uniq('db'), type: 'database' }).expect(201)).body.id;
    // Hours 22..25 straddle a month boundary, so two partitions are read. Inserted as history:
    // October is closed to pushes.
    const id = async (key: string) => (await api.db.query(`SELECT id FROM measurements WHERE key = $1`, [key]))[0].id as number;
    const hours = [22, 23, 24, 25];
    await insertSamples(api.db, resource, await id('memory.used'), hours.map((h) => ({ ts: at(h), value: h * 10 })));
    await insertSamples(api.db, resource, await id('disk.used'), hours.map((h) => ({ ts: at(h), value: h })));
  });
  afterAll(() => api.close());

  const get = (query: string, key = api.adminKey, id = resource) => api.as(key).get(`/api/v1/resources/${id}/samples${query}`);

  it('returns every sample ordered by ts, then measurement key', async () => {
    const res = await get('').expect(200);
    expect(res.body.total).toBe(8);
    expect(res.body.items.slice(0, 3)).toEqual([
      { measurement: 'disk.used', ts: at(22), value: 22 },
      { measurement: 'memory.used', ts: at(22), value: 220 },
      { measurement: 'disk.used', ts: at(23), value: 23 },
    ]);
    expect(res.body.items[7]).toEqual({ measurement: 'memory.used', ts: '2026-11-01T01:00:00.000Z', value: 250 });
  });

  it('filters by measurement and by [from, to), and pages', async () => {
    const one = await get('?measurement=memory.used').expect(200);
    expect(one.body.items.map((s: { value: number }) => s.value)).toEqual([220, 230, 240, 250]);
    const window = await get(`?from=${at(23)}&to=${at(25)}`).expect(200);
    expect(window.body.total).toBe(4);
    expect(window.body.items.map((s: { ts: string }) => s.ts)).toEqual([at(23), at(23), at(24), at(24)]);
    // 00:00+01:00 is 23:00Z; an unencoded "+" (read as a space) means the same.
    const offset = await get(`?from=${encodeURIComponent('2026-11-01T00:00:00+01:00')}`).expect(200);
    expect(offset.body.total).toBe(6);
    expect((await get('?from=2026-11-01T00:00:00+01:00').expect(200)).body.total).toBe(6);
    const page = await get('?measurement=disk.used&limit=2&offset=1').expect(200);
    expect(page.body).toEqual({ total: 4, items: [{ measurement: 'disk.used', ts: at(23), value: 23 }, { measurement: 'disk.used', ts: at(24), value: 24 }] });
  });

  it.each([
    ['?from=yesterday', /^from must be an ISO 8601 timestamp with an offset or Z/],
    ['?from=2026-10-31T10:00:00', /^from must be an ISO 8601/],
    ['?to=2026-02-30T00:00:00Z', /^to must be an ISO 8601/],
    [`?from=2026-10-31T10:00:00Z&to=2026-10-31T10:00:00Z`, /^to must be later than from/],
    [`?from=2026-10-31T10:00:00Z&to=2026-10-31T09:00:00Z`, /^to must be later than from/],
    ['?measurement=no.such_key', /^measurement: /],
    ['?limit=501', /^limit must not be greater than 500/],
    ['?offset=-1', /^offset must not be less than 0/],
  ])('refuses %s with a message naming the parameter', async (query, message) => {
    const res = await get(query).expect(400);
    expect(res.body.message).toMatch(message);
  });

  it('shows a client key its own resources only; others are 404', async () => {
    await get('', tenant.key).expect(200);
    const other = await makeTenant(api);
    const hidden = await get('', other.key).expect(404);
    const missing = await get('', other.key, randomUUID()).expect(404);
    expect(hidden.body.message).toBe(`resource ${resource} not found`);
    expect(missing.body.message).toMatch(/^resource [0-9a-f-]{36} not found$/);
    const bad = await get('', api.adminKey, 'db-1').expect(400);
    expect(bad.body.message).toBe('id must be a UUID');
  });

  it('lets a billing key read any resource', async () => {
    const billing = (await api.as(api.adminKey).post('/api/v1/api-keys').send({ name: uniq('billing'), role: 'billing' }).expect(201)).body.key;
    const res = await get('?measurement=disk.used&limit=1', billing).expect(200);
    expect(res.body).toEqual({ total: 4, items: [{ measurement: 'disk.used', ts: at(22), value: 22 }] });
  });
});
