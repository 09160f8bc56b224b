import { randomUUID } from 'node:crypto';
import { startApi, TestApi } from '../support/api-app';
import { makeTenant, uniq } from '../support/factories';

type Item = Record<string, unknown>;

describe('pushing samples', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi()));
  afterAll(() => api.close());

  /** A push-only resource: nothing collects it, so every sample in it came from these tests. */
  async function makeResource(projectId: string): Promise<string> {
    const res = await api.as(api.adminKey).post('/api/v1/resources').send({ projectId, name: uniq('db'), type: 'database' }).expect(201);
    return res.body.id;
  }
  const rowsOf = async (resourceId: string): Promise<number> =>
    (await api.db.query(`SELECT count(*)::int AS n FROM samples WHERE resource_id = $1`, [resourceId]))[0].n;
  const push = (key: string, samples: unknown) => api.as(key).post('/api/v1/samples').send({ samples });
  // Recent instants a minute apart: older ones are closed to pushes (test/api/closed-periods.int-spec.ts).
  const base = Math.floor(Date.now() / 60_000) * 60_000 - 30 * 60_000;
  const minute = (m: number) => new Date(base + m * 60_000).toISOString();
  /** minute(0), written with a +02:00 offset. */
  const minute0AtPlus2 = new Date(base + 2 * 3600_000).toISOString().replace('.000Z', '+02:00');

  it('stores a batch sent twice exactly once, and a resend replaces values', async () => {
    const { project } = await makeTenant(api);
    const resource = await makeResource(project.id);
    const batch = [0, 1, 2].flatMap((h) => [
      { resourceId: resource, measurement: 'disk.used', ts: minute(h), value: 1000 + h },
      { resourceId: resource, measurement: 'memory.used', ts: minute(h), value: 2000 + h },
    ]);
    expect((await push(api.adminKey, batch).expect(200)).body).toEqual({ accepted: 6 });
    expect((await push(api.adminKey, batch).expect(200)).body).toEqual({ accepted: 6 });
    expect(await rowsOf(resource)).toBe(6);
    const read = await api.as(api.adminKey).get(`/api/v1/resources/${resource}/samples`).expect(200);
    expect(read.body.total).toBe(6);
    expect(read.body.items[0]).toEqual({ measurement: 'disk.used', ts: minute(0), value: 1000 });

    await push(api.adminKey, [{ ...batch[0], value: 5, ts: minute0AtPlus2 }]).expect(200);
    expect(await rowsOf(resource)).toBe(6);
    const [{ value }] = await api.db.query(
      `SELECT value FROM samples s JOIN measurements m ON m.id = s.measurement_id WHERE resource_id = $1 AND m.key = 'disk.used' AND ts = $2`,
      [resource, minute(0)],
    );
    expect(value).toBe(5);
  });

  it('rejects the whole batch, naming each bad item by index and field, and writes nothing', async () => {
    const { project } = await makeTenant(api);
    const resource = await makeResource(project.id);
    const ok = { resourceId: resource, measurement: 'disk.used', ts: minute(0), value: 1 };
    const future = new Date(Date.now() + 25 * 3600_000).toISOString();
    const items: unknown[] = [
      ok, // 0: fine
      { ...ok, resourceId: randomUUID() }, // 1: unknown resource
      { ...ok, resourceId: 'db-1' }, // 2: not a UUID
      { ...ok, measurement: 'no.such_measurement' }, // 3: unknown measurement
      { ...ok, ts: minute(1), value: '12' }, // 4: string value
      { ...ok, ts: minute(2), value: null }, // 5: null value
      { ...ok, ts: minute(3), value: 'INFINITY' }, // 6: replaced by 1e400 below, which JSON.parse turns into Infinity
      { ...ok, ts: '2026-10-01T05:00:00' }, // 7: no offset
      { ...ok, ts: '1999-12-31T23:59:59Z' }, // 8: too early
      { ...ok, ts: future }, // 9: too far ahead
      { ...ok, ts: '2026-02-30T00:00:00Z' }, // 10: no such day
      { ...ok }, // 11: repeats item 0
      42, // 12: not an object
      { ...ok, ts: minute(4), timestamp: minute(4) }, // 13: unknown property
      { resourceId: resource, measurement: 'disk.used', value: 1 }, // 14: ts missing
    ];
    const json = JSON.stringify({ samples: items }).replace('"INFINITY"', '1e400');
    const res = await api.as(api.adminKey).post('/api/v1/samples').set('Content-Type', 'application/json').send(json).expect(400);
    expect(res.body.message).toMatch(/^samples: 14 of 15 samples are invalid and nothing was stored/);
    const got = res.body.errors.map((e: { index: number; field: string }) => `${e.index}:${e.field}`);
    expect(got).toEqual([
      '1:resourceId', '2:resourceId', '3:measurement', '4:value', '5:value', '6:value', '7:ts', '8:ts', '9:ts', '10:ts',
      '11:ts', '12:item', '13:timestamp', '14:ts',
    ]);
    const byIndex = (i: number) => res.body.errors.find((e: { index: number }) => e.index === i).message;
    expect(byIndex(1)).toMatch(/^samples\[1\]\.resourceId: resource [0-9a-f-]{36} not found$/);
    expect(byIndex(4)).toBe('samples[4].value must be a finite number (got string)');
    expect(byIndex(6)).toBe('samples[6].value must be a finite number (got Infinity)');
    expect(byIndex(11)).toMatch(/repeats samples\[0\]/);
    expect(await rowsOf(resource)).toBe(0);
  });

  it.each([
    [{}, 400, /^samples must be an array/],
    [{ samples: [] }, 400, /^samples must contain at least one sample/],
    [{ samples: {} }, 400, /^samples must be an array/],
    [{ samples: [], extra: 1 }, 400, /^extra is not allowed/],
    [[1, 2], 400, /^The body must be a JSON object/],
  ])('refuses a malformed body %j', async (body, status, message) => {
    const res = await api.as(api.adminKey).post('/api/v1/samples').send(body).expect(status);
    expect(res.body.message).toMatch(message);
  });

  it('lets a client key with samples:write push to its own resources only', async () => {
    const mine = await makeTenant(api, ['samples:write']);
    const other = await makeTenant(api);
    const own = await makeResource(mine.project.id);
    const foreign = await makeResource(other.project.id);
    const custom = `test.push_${randomUUID().slice(0, 8)}`;
    await api.as(api.adminKey).post('/api/v1/measurements').send({ key: custom, kind: 'gauge', unit: 'byte' }).expect(201);

    await push(mine.key, [{ resourceId: own, measurement: custom, ts: minute(0), value: 7 }]).expect(200);
    expect(await rowsOf(own)).toBe(1);

    // Another client's resource must read exactly like one that does not exist.
    const unknown = randomUUID();
    const res = await push(mine.key, [
      { resourceId: foreign, measurement: custom, ts: minute(1), value: 1 },
      { resourceId: unknown, measurement: custom, ts: minute(1), value: 1 },
    ]).expect(400);
    expect(res.body.errors).toEqual([
      { index: 0, field: 'resourceId', message: `samples[0].resourceId: resource ${foreign} not found` },
      { index: 1, field: 'resourceId', message: `samples[1].resourceId: resource ${unknown} not found` },
    ]);
    expect(await rowsOf(foreign)).toBe(0);

    // Collected values are what the client is billed on: a client key may not write them.
    const collected = await push(mine.key, [{ resourceId: own, measurement: 'ganeti.vcpus', ts: minute(2), value: 0 }]).expect(400);
    expect(collected.body.errors).toEqual([expect.objectContaining({ index: 0, field: 'measurement', message: expect.stringMatching(/source push/) })]);
    expect(await rowsOf(own)).toBe(1);
  });

  it('refuses a client key without samples:write, and a billing key', async () => {
    const tenant = await makeTenant(api);
    const resource = await makeResource(tenant.project.id);
    const billing = (await api.as(api.adminKey).post('/api/v1/api-keys').send({ name: uniq('billing'), role: 'billing' }).expect(201)).body.key;
    const sample = [{ resourceId: resource, measurement: 'disk.used', ts: minute(0), value: 1 }];
    await push(tenant.key, sample).expect(403);
    await push(billing, sample).expect(403);
    expect(await rowsOf(resource)).toBe(0);
  });

  it('accepts 10,000 samples in one request and refuses 10,001', async () => {
    const { project } = await makeTenant(api);
    const resources = await Promise.all([0, 1, 2, 3].map(() => makeResource(project.id)));
    const start = base - 10 * 60_000;
    const samples = Array.from({ length: 10_000 }, (_, i) => ({
      resourceId: resources[i % 4],
      measurement: i % 8 < 4 ? 'memory.used' : 'disk.used',
      ts: new Date(start + Math.floor(i / 8) * 1000).toISOString(),
      value: 123456789 + i,
    }));
    const bytes = JSON.stringify({ samples }).length;
    const began = process.hrtime.bigint();
    const res = await push(api.adminKey, samples).expect(200);
    const ms = Number(process.hrtime.bigint() - began) / 1e6;
    console.log(`POST /api/v1/samples: 10,000 samples (${(bytes / 1024).toFixed(0)} KiB) accepted in ${ms.toFixed(0)} ms`);
    expect(res.body).toEqual({ accepted: 10_000 });
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM samples WHERE resource_id = ANY($1::uuid[])`, [resources]);
    expect(n).toBe(10_000);

    const tooMany = [...samples, { ...samples[0], ts: new Date(start - 60_000).toISOString() }];
    const refused = await push(api.adminKey, tooMany).expect(413);
    expect(refused.body.message).toMatch(/^samples: at most 10000 samples per request \(got 10001\)/);
  });
});
