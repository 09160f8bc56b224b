import { startApi, TestApi } from '../support/api-app';
import { makeTenant, uniq } from '../support/factories';

describe('clients, projects and API keys', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi()));
  afterAll(() => api.close());

  it('creates, reads, updates and lists a client', async () => {
    const admin = api.as(api.adminKey);
    const name = uniq('Acme');
    const created = await admin.post('/api/v1/clients').send({ name, billingRef: 'CUST-1' }).expect(201);
    expect(created.body).toMatchObject({ name, billingRef: 'CUST-1', active: true });
    const updated = await admin.patch(`/api/v1/clients/${created.body.id}`).send({ active: false }).expect(200);
    expect(updated.body.active).toBe(false);
    const list = await admin.get(`/api/v1/clients?name=${name}&active=false`).expect(200);
    expect(list.body).toEqual({ items: [updated.body], total: 1 });
  });

  it('refuses a duplicate client name with 409 naming the field', async () => {
    const admin = api.as(api.adminKey);
    const name = uniq('dup');
    await admin.post('/api/v1/clients').send({ name }).expect(201);
    const res = await admin.post('/api/v1/clients').send({ name }).expect(409);
    expect(res.body.message).toMatch(/^name: /);
  });

  it('shows an API key once and stores only its hash', async () => {
    const { client } = await makeTenant(api);
    const admin = api.as(api.adminKey);
    const created = await admin.post('/api/v1/api-keys').send({ name: 'k', role: 'client', clientId: client.id }).expect(201);
    expect(created.body.key).toMatch(/^tally_[A-Za-z0-9_-]{43}$/);
    const rows: { key_hash: string }[] = await api.db.query('SELECT key_hash FROM api_keys WHERE id = $1', [created.body.id]);
    expect(rows[0].key_hash).not.toContain(created.body.key);
    const list = await admin.get(`/api/v1/api-keys?clientId=${client.id}`).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    expect(list.body.items.map((k: { id: string }) => k.id)).toContain(created.body.id);
  });

  it('stops accepting a revoked key', async () => {
    const { key } = await makeTenant(api);
    const admin = api.as(api.adminKey);
    await api.as(key).get('/api/v1/clients').expect(200);
    const id = (await admin.get('/api/v1/api-keys?limit=500').expect(200)).body.items.find((k: { prefix: string }) => key.startsWith(k.prefix)).id;
    await admin.delete(`/api/v1/api-keys/${id}`).expect(200);
    const res = await api.as(key).get('/api/v1/clients').expect(401);
    expect(res.body.message).toMatch(/revoked/);
  });

  it('denies without a key, and by role', async () => {
    const { key } = await makeTenant(api);
    const res = await api.http.get('/api/v1/clients').expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    expect(res.body.requestId).toBeTruthy();
    await api.as(key).post('/api/v1/clients').send({ name: uniq('x') }).expect(403);
    await api.as(key).get('/api/v1/api-keys').expect(403);
  });

  it('refuses to delete a client with samples and deletes an empty one', async () => {
    const admin = api.as(api.adminKey);
    const { client, project } = await makeTenant(api);
    const [resource] = await api.db.query(
      `INSERT INTO resources (project_id, name, type) VALUES ($1, 'db-1', 'database') RETURNING id`, [project.id]);
    await api.db.query(`SELECT tally_ensure_sample_partitions(now(), now())`);
    await api.db.query(
      `INSERT INTO samples (resource_id, measurement_id, ts, value) SELECT $1, id, now(), 1 FROM measurements WHERE key = 'node.up'`, [resource.id]);
    const res = await admin.delete(`/api/v1/clients/${client.id}`).expect(409);
    expect(res.body.message).toMatch(/deactivate/);
    await admin.delete(`/api/v1/projects/${project.id}`).expect(409);

    const empty = await makeTenant(api);
    await admin.delete(`/api/v1/clients/${empty.client.id}`).expect(204);
    await admin.get(`/api/v1/clients/${empty.client.id}`).expect(404);
  });
});
