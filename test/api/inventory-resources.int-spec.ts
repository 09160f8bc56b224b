import { defaultMeasurementKeys } from '@tally/metering';
import { generateKeyPairSync } from 'node:crypto';
import { KeyedAgent, startApi, TestApi } from '../support/api-app';
import { makeTenant, uniq } from '../support/factories';

const HOST_KEY = 'SHA256:uS0h0bVSuZyTMLAaXkVAsGO7Rhd3a0tZbd8TJ64YS+k';

describe('inventory: resources', () => {
  let api: TestApi;
  let admin: KeyedAgent;
  let sshCredential: string;
  beforeAll(async () => {
    api = await startApi();
    admin = api.as(api.adminKey);
    const secret = generateKeyPairSync('rsa', {
      modulusLength: 1024,
      privateKeyEncoding: { format: 'pem', type: 'pkcs1' },
      publicKeyEncoding: { format: 'pem', type: 'spki' },
    }).privateKey;
    sshCredential = (await admin.post('/api/v1/credentials').send({ name: uniq('ssh'), kind: 'ssh-private-key', secret }).expect(201)).body.id;
  });
  afterAll(() => api.close());

  const node = (projectId: string, extra: object = {}) => ({
    projectId, name: uniq('node'), type: 'node', sshHost: '127.0.0.1', sshUser: 'tally', credentialId: sshCredential, ...extra,
  });

  it('creates each type with its default measurements and its client', async () => {
    const { client, project } = await makeTenant(api);
    const fqdn = `${uniq('g')}.example.org`;
    const vm = await admin.post('/api/v1/resources').send({ projectId: project.id, name: 'web1', type: 'ganeti-vm', clusterFqdn: fqdn.toUpperCase() }).expect(201);
    expect(vm.body).toMatchObject({ clientId: client.id, projectId: project.id, type: 'ganeti-vm', clusterFqdn: fqdn, sshHost: null, labels: {}, active: true });
    expect(vm.body.measurements).toEqual(defaultMeasurementKeys('ganeti-vm').sort());
    const n = await admin.post('/api/v1/resources').send(node(project.id, { labels: { rack: 'b4' } })).expect(201);
    expect(n.body).toMatchObject({ sshPort: 22, sshUser: 'tally', credentialId: sshCredential, hostKeySha256: null, labels: { rack: 'b4' } });
    expect(n.body.measurements).toEqual(defaultMeasurementKeys('node').sort());
    const db = await admin.post('/api/v1/resources').send({ projectId: project.id, name: 'pg-main', type: 'database' }).expect(201);
    expect(db.body.measurements).toEqual([]);
    const chosen = await admin.post('/api/v1/resources').send(node(project.id, { measurements: ['node.up', 'cpu.busy'] })).expect(201);
    expect(chosen.body.measurements).toEqual(['cpu.busy', 'node.up']);

    const got = await admin.get(`/api/v1/resources/${vm.body.id}`).expect(200);
    // GET adds how its collection goes (null: a VM is read from its cluster's cache, never backed off).
    expect(got.body).toEqual({ ...vm.body, collection: null });
  });

  it('updates fields, replaces measurements, and sets or clears the pinned host key', async () => {
    const { project } = await makeTenant(api);
    const n = (await admin.post('/api/v1/resources').send(node(project.id, { hostKeySha256: HOST_KEY })).expect(201)).body;
    expect(n.hostKeySha256).toBe(HOST_KEY);
    const patched = await admin.patch(`/api/v1/resources/${n.id}`).send({ sshPort: 2222, measurements: ['memory.used'], labels: { a: 'b' } }).expect(200);
    // A new address means a new host as far as SSH knows: the key is learnt again.
    expect(patched.body).toMatchObject({ sshPort: 2222, hostKeySha256: null, measurements: ['memory.used'], labels: { a: 'b' }, sshHost: '127.0.0.1' });
    expect(patched.body.updatedAt).not.toBe(n.updatedAt);
    const pinned = await admin.patch(`/api/v1/resources/${n.id}`).send({ hostKeySha256: HOST_KEY }).expect(200);
    expect(pinned.body.hostKeySha256).toBe(HOST_KEY);
    const cleared = await admin.patch(`/api/v1/resources/${n.id}`).send({ hostKeySha256: null, name: 'renamed' }).expect(200);
    expect(cleared.body).toMatchObject({ hostKeySha256: null, name: 'renamed', measurements: ['memory.used'] });
    const dup = (await admin.post('/api/v1/resources').send(node(project.id)).expect(201)).body;
    const res = await admin.patch(`/api/v1/resources/${dup.id}`).send({ name: 'renamed' }).expect(409);
    expect(res.body.message).toMatch(/^name: /);
  });

  it('refuses bad input with a 400 that names the field', async () => {
    const { project } = await makeTenant(api);
    const password = (await admin.post('/api/v1/credentials').send({ name: uniq('pw'), kind: 'password', secret: 'p' }).expect(201)).body.id;
    const cases: [object, RegExp][] = [
      [node(project.id, { sshHost: undefined }), /^sshHost: is required/],
      [node(project.id, { sshUser: undefined }), /^sshUser: is required/],
      [node(project.id, { credentialId: undefined }), /^credentialId: is required/],
      [node(project.id, { credentialId: password }), /^credentialId: .*ssh-private-key/],
      [node(project.id, { sshPort: 70000 }), /^sshPort must not be greater than 65535/],
      [node(project.id, { sshHost: 'bad host!' }), /^sshHost: must be a host name or an IP/],
      [node(project.id, { hostKeySha256: 'SHA256:short' }), /^hostKeySha256 must be an OpenSSH fingerprint/],
      [node(project.id, { clusterFqdn: 'c.example.org' }), /^clusterFqdn: applies only to type ganeti-vm/],
      [node(project.id, { measurements: ['no.such.thing'] }), /^measurements: unknown measurement key\(s\): no\.such\.thing/],
      [node(project.id, { measurements: ['ganeti.vcpus'] }), /^measurements: ganeti\.vcpus cannot be collected for type node/],
      [node(project.id, { labels: { a: 1 } }), /^labels value of "a" must be a string/],
      [node(project.id, { labels: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) }), /^labels must have at most 50 keys/],
      [{ projectId: project.id, name: 'vm', type: 'ganeti-vm' }, /^clusterFqdn: is required/],
      [{ projectId: project.id, name: 'vm', type: 'ganeti-vm', clusterFqdn: 'not valid!' }, /^clusterFqdn must be a valid host name/],
      [{ projectId: project.id, name: 'x', type: 'Database' }, /^type must be ganeti-vm, node, or a lower-case/],
      [{ projectId: project.id, name: 'x', type: 'database', sshHost: 'h' }, /^sshHost: applies only to type node/],
      [{ projectId: '00000000-0000-4000-8000-000000000000', name: 'x', type: 'database' }, /^projectId: project .* not found/],
    ];
    for (const [body, message] of cases) {
      const res = await admin.post('/api/v1/resources').send(body).expect(400);
      expect([body, res.body.message]).toEqual([body, expect.stringMatching(message)]);
    }
  });

  it('refuses a second active resource for the same Ganeti instance', async () => {
    const a = await makeTenant(api);
    const b = await makeTenant(api);
    const vm = { name: uniq('vm'), type: 'ganeti-vm', clusterFqdn: `${uniq('g')}.example.org` };
    const first = (await admin.post('/api/v1/resources').send({ projectId: a.project.id, ...vm }).expect(201)).body;
    const res = await admin.post('/api/v1/resources').send({ projectId: b.project.id, ...vm }).expect(409);
    expect(res.body.message).toMatch(/already tracked/);
    await admin.patch(`/api/v1/resources/${first.id}`).send({ active: false }).expect(200);
    await admin.post('/api/v1/resources').send({ projectId: b.project.id, ...vm }).expect(201);
  });

  it('filters by type, cluster, active, project and client', async () => {
    const a = await makeTenant(api);
    const b = await makeTenant(api);
    const fqdn = `${uniq('g')}.example.org`;
    const post = (body: object) => admin.post('/api/v1/resources').send(body).expect(201).then((r) => r.body);
    const vm = await post({ projectId: a.project.id, name: 'vm1', type: 'ganeti-vm', clusterFqdn: fqdn });
    const n = await post(node(a.project.id, { active: false }));
    const other = await post({ projectId: b.project.id, name: 'vm2', type: 'ganeti-vm', clusterFqdn: fqdn });
    const ids = async (query: string) =>
      (await admin.get(`/api/v1/resources?limit=500&${query}`).expect(200)).body.items.map((r: { id: string }) => r.id).sort();

    expect(await ids(`cluster=${fqdn}`)).toEqual([vm.id, other.id].sort());
    expect(await ids(`clientId=${a.client.id}`)).toEqual([vm.id, n.id].sort());
    expect(await ids(`projectId=${a.project.id}&type=node`)).toEqual([n.id]);
    expect(await ids(`clientId=${a.client.id}&active=true`)).toEqual([vm.id]);
    expect(await ids(`clientId=${a.client.id}&active=false`)).toEqual([n.id]);
    expect(await ids(`cluster=${fqdn}&clientId=${b.client.id}`)).toEqual([other.id]);
    const page = await admin.get(`/api/v1/resources?clientId=${a.client.id}&limit=1`).expect(200);
    expect(page.body).toMatchObject({ total: 2, items: [expect.objectContaining({ clientId: a.client.id })] });
  });

  it('shows a client key only its own resources, 404 for others, and no writes', async () => {
    const mine = await makeTenant(api);
    const theirs = await makeTenant(api);
    const own = (await admin.post('/api/v1/resources').send({ projectId: mine.project.id, name: 'db', type: 'database' }).expect(201)).body;
    const foreign = (await admin.post('/api/v1/resources').send({ projectId: theirs.project.id, name: 'db', type: 'database' }).expect(201)).body;
    const client = api.as(mine.key);

    const list = await client.get('/api/v1/resources?limit=500').expect(200);
    expect(list.body).toEqual({ items: [own], total: 1 });
    expect((await client.get(`/api/v1/resources?clientId=${theirs.client.id}`).expect(200)).body.total).toBe(0);
    await client.get(`/api/v1/resources/${own.id}`).expect(200);
    const hidden = await client.get(`/api/v1/resources/${foreign.id}`).expect(404);
    const missing = await client.get('/api/v1/resources/00000000-0000-4000-8000-000000000000').expect(404);
    expect(hidden.body.message.replace(foreign.id, 'ID')).toBe(missing.body.message.replace('00000000-0000-4000-8000-000000000000', 'ID'));
    await client.post('/api/v1/resources').send({ projectId: mine.project.id, name: 'x', type: 'database' }).expect(403);
    await client.patch(`/api/v1/resources/${own.id}`).send({ active: false }).expect(403);
    await client.delete(`/api/v1/resources/${own.id}`).expect(403);
  });

  it('refuses to delete a resource with samples, and deletes one without', async () => {
    const { project } = await makeTenant(api);
    const used = (await admin.post('/api/v1/resources').send(node(project.id)).expect(201)).body;
    await api.db.query(`SELECT tally_ensure_sample_partitions(now(), now())`);
    await api.db.query(
      `INSERT INTO samples (resource_id, measurement_id, ts, value) SELECT $1, id, now(), 1 FROM measurements WHERE key = 'node.up'`,
      [used.id],
    );
    const res = await admin.delete(`/api/v1/resources/${used.id}`).expect(409);
    expect(res.body.message).toMatch(/deactivate it/);
    await admin.get(`/api/v1/resources/${used.id}`).expect(200);

    const unused = (await admin.post('/api/v1/resources').send(node(project.id)).expect(201)).body;
    await admin.delete(`/api/v1/resources/${unused.id}`).expect(204);
    await admin.get(`/api/v1/resources/${unused.id}`).expect(404);
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM resource_measurements WHERE resource_id = $1`, [unused.id]);
    expect(n).toBe(0);
  });
});
