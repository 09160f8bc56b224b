import { startApi, TestApi } from '../support/api-app';
import { makeTenant } from '../support/factories';

/** A key no other suite (or run) will create: the catalog is shared by every test. */
const customKey = () => `test.m_${Math.random().toString(36).slice(2, 10)}`;

describe('measurement catalog', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi()));
  afterAll(() => api.close());

  it('lists the built-ins to every role, filtered by source and kind', async () => {
    const { key } = await makeTenant(api);
    const res = await api.as(key).get('/api/v1/measurements?source=ssh&kind=counter').expect(200);
    expect(res.body.items.map((m: { key: string }) => m.key)).toEqual(['cpu.busy', 'net.rx', 'net.tx']);
    expect(res.body.total).toBe(3);
    expect(res.body.items[0]).toEqual({
      key: 'cpu.busy', kind: 'counter', unit: 's', usageUnit: 's', displayUnit: 'CPU·h', displayPlaces: 3, source: 'ssh', builtin: true,
      description: expect.any(String), createdAt: expect.any(String),
    });
    const page = await api.as(api.adminKey).get('/api/v1/measurements?source=ganeti&limit=2&offset=1').expect(200);
    expect(page.body).toMatchObject({ total: 4, items: [{ key: 'ganeti.memory' }, { key: 'ganeti.running' }] });
  });

  it('refuses bad filters with a message naming the parameter', async () => {
    const res = await api.as(api.adminKey).get('/api/v1/measurements?kind=histogram').expect(400);
    expect(res.body.message).toMatch(/^kind must be one of gauge, counter/);
  });

  it('reads one measurement by key, 404 for an unknown one', async () => {
    const res = await api.as(api.adminKey).get('/api/v1/measurements/disk.used').expect(200);
    expect(res.body).toMatchObject({ key: 'disk.used', kind: 'gauge', unit: 'byte', source: 'ssh', builtin: true });
    const missing = await api.as(api.adminKey).get('/api/v1/measurements/no.such_thing').expect(404);
    expect(missing.body.message).toBe('measurement no.such_thing not found');
  });

  it('lets an admin add a custom push measurement, then lists it', async () => {
    const admin = api.as(api.adminKey);
    const key = customKey();
    const created = await admin.post('/api/v1/measurements').send({ key, kind: 'gauge', unit: 'byte', description: 'DB size' }).expect(201);
    expect(created.body).toEqual({
      key, kind: 'gauge', unit: 'byte', usageUnit: 'byte·h', displayUnit: 'byte·h', displayPlaces: 3,
      source: 'push', description: 'DB size', builtin: false, createdAt: expect.any(String),
    });
    await admin.get(`/api/v1/measurements/${key}`).expect(200);
    const listed = await admin.get('/api/v1/measurements?source=push&limit=500').expect(200);
    expect(listed.body.items.map((m: { key: string }) => m.key)).toContain(key);
    const bare = await admin.post('/api/v1/measurements').send({ key: customKey(), kind: 'counter' }).expect(201);
    expect(bare.body).toMatchObject({ unit: '', description: '', source: 'push' });
  });

  it('changes how usage is shown, only to units the usage converts to, and only for admins', async () => {
    const admin = api.as(api.adminKey);
    const key = customKey();
    const created = await admin.post('/api/v1/measurements').send({ key, kind: 'gauge', unit: 'byte', displayUnit: 'GiB*month', displayPlaces: 4 }).expect(201);
    expect(created.body).toMatchObject({ usageUnit: 'byte·h', displayUnit: 'GiB·month', displayPlaces: 4 });
    const changed = await admin.patch(`/api/v1/measurements/${key}`).send({ displayUnit: 'GiB·h' }).expect(200);
    expect(changed.body).toMatchObject({ unit: 'byte', displayUnit: 'GiB·h', displayPlaces: 4 });
    expect((await admin.get(`/api/v1/measurements/${key}`).expect(200)).body).toMatchObject({ displayUnit: 'GiB·h', displayPlaces: 4 });
    const wrong = await admin.patch(`/api/v1/measurements/${key}`).send({ displayUnit: 'GiB' }).expect(400);
    expect(wrong.body.message).toMatch(/^displayUnit: "GiB" is not a unit "byte·h" converts to; use one of byte·s/);
    expect((await admin.patch(`/api/v1/measurements/${key}`).send({ displayPlaces: 13 }).expect(400)).body.message).toMatch(/^displayPlaces must not be greater than 12/);
    expect((await admin.patch(`/api/v1/measurements/${key}`).send({ unit: 'MiB' }).expect(400)).body.message).toMatch(/^unit: .*should not exist/);
    expect((await admin.post('/api/v1/measurements').send({ key: customKey(), kind: 'counter', unit: 's', displayUnit: 'vCPU·h' }).expect(400)).body.message).toMatch(/^displayUnit: /);
    await admin.patch('/api/v1/measurements/no.such_thing').send({ displayPlaces: 1 }).expect(404);
    const { key: clientKey } = await makeTenant(api);
    await api.as(clientKey).patch(`/api/v1/measurements/${key}`).send({ displayPlaces: 1 }).expect(403);
    // Back to the usage unit: stored as "the usage unit" (null), shown as it.
    const back = await admin.patch(`/api/v1/measurements/${key}`).send({ displayUnit: 'byte·h' }).expect(200);
    expect(back.body).toMatchObject({ usageUnit: 'byte·h', displayUnit: 'byte·h' });
    const [row] = await api.db.query(`SELECT display_unit FROM measurements WHERE key = $1`, [key]);
    expect(row.display_unit).toBeNull();
  });

  it('refuses a taken key, built-in or custom, with 409 naming key', async () => {
    const admin = api.as(api.adminKey);
    const key = customKey();
    await admin.post('/api/v1/measurements').send({ key, kind: 'gauge' }).expect(201);
    const again = await admin.post('/api/v1/measurements').send({ key, kind: 'counter' }).expect(409);
    expect(again.body.message).toMatch(/^key: /);
    const builtin = await admin.post('/api/v1/measurements').send({ key: 'cpu.busy', kind: 'gauge' }).expect(409);
    expect(builtin.body.message).toMatch(/^key: .*cpu\.busy/);
    const [{ kind }] = await api.db.query(`SELECT kind FROM measurements WHERE key = 'cpu.busy'`);
    expect(kind).toBe('counter');
  });

  it.each([
    [{ key: 'storage', kind: 'gauge' }, /^key must be lower-case words joined by dots/],
    [{ key: 'Db.Storage', kind: 'gauge' }, /^key must be/],
    [{ key: `db.${'x'.repeat(62)}`, kind: 'gauge' }, /^key must be .*64/],
    [{ key: 'db.size', kind: 'histogram' }, /^kind must be one of gauge, counter/],
    [{ key: 'db.size', kind: 'gauge', source: 'ssh' }, /^source must be push/],
    [{ key: 'db.size', kind: 'gauge', builtin: true }, /^builtin: .*should not exist/],
  ])('refuses a bad measurement %j', async (body, message) => {
    const res = await api.as(api.adminKey).post('/api/v1/measurements').send(body).expect(400);
    expect(res.body.message).toMatch(message);
  });

  it('documents the push body, its per-item errors and the read parameters in OpenAPI', async () => {
    const doc = (await api.http.get('/api/docs-json').expect(200)).body;
    const push = doc.paths['/api/v1/samples'].post;
    expect(push.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/PushSamplesDto' });
    expect(push.responses['400'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/SampleBatchErrorDto' });
    expect(Object.keys(push.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '413']));
    const { samples } = doc.components.schemas.PushSamplesDto.properties;
    expect(samples).toMatchObject({ type: 'array', minItems: 1, maxItems: 10000 });
    expect(doc.components.schemas.PushSampleDto.required).toEqual(['resourceId', 'measurement', 'ts', 'value']);
    const read = doc.paths['/api/v1/resources/{id}/samples'].get;
    expect(read.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['from', 'id', 'limit', 'measurement', 'offset', 'to']);
    expect(doc.paths['/api/v1/measurements/{key}'].get.responses['200']).toBeDefined();
  });

  it('lets only admins add measurements', async () => {
    const { key } = await makeTenant(api, ['samples:write']);
    await api.as(key).post('/api/v1/measurements').send({ key: customKey(), kind: 'gauge' }).expect(403);
  });
});
