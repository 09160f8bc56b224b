import { CredentialsService } from '@tally/inventory';
import { generateKeyPairSync } from 'node:crypto';
import { KeyedAgent, startApi, TestApi } from '../support/api-app';
import { makeTenant, uniq } from '../support/factories';

/** An unencrypted RSA key in PEM (PKCS#1), a format the SSH collector reads. */
const sshKey = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 1024,
    privateKeyEncoding: { format: 'pem', type: 'pkcs1' },
    publicKeyEncoding: { format: 'pem', type: 'spki' },
  }).privateKey;

describe('inventory: credentials', () => {
  let api: TestApi;
  let admin: KeyedAgent;
  beforeAll(async () => {
    api = await startApi();
    admin = api.as(api.adminKey);
  });
  afterAll(() => api.close());

  it('stores a secret encrypted, never returns it, and reveals it to the worker', async () => {
    const secret = `pw-${uniq('s')}-correct-horse`;
    const created = await admin.post('/api/v1/credentials').send({ name: uniq('rapi'), kind: 'password', username: 'tally-ro', secret }).expect(201);
    expect(created.body).toMatchObject({ kind: 'password', username: 'tally-ro', hasSecret: true, keyVersion: 1 });
    expect(JSON.stringify(created.body)).not.toContain(secret);
    expect(created.body).not.toHaveProperty('secret');

    const got = await admin.get(`/api/v1/credentials/${created.body.id}`).expect(200);
    const list = await admin.get('/api/v1/credentials?kind=password&limit=500').expect(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(created.body.id);
    for (const body of [got.body, list.body]) expect(JSON.stringify(body)).not.toContain(secret);

    const [row] = await api.db.query(`SELECT secret_ciphertext, secret_iv, secret_tag FROM credentials WHERE id = $1`, [created.body.id]);
    expect(Buffer.concat([row.secret_ciphertext, row.secret_iv, row.secret_tag]).toString('latin1')).not.toContain(secret);
    expect(row.secret_ciphertext.toString('utf8')).not.toContain('correct-horse');

    await expect(api.app.get(CredentialsService).reveal(created.body.id)).resolves.toEqual({ kind: 'password', username: 'tally-ro', secret });
  });

  it('accepts a usable SSH key and refuses anything else, naming secret without echoing it', async () => {
    const key = sshKey();
    const ok = await admin.post('/api/v1/credentials').send({ name: uniq('ssh'), kind: 'ssh-private-key', secret: key }).expect(201);
    expect(JSON.stringify(ok.body)).not.toContain('PRIVATE KEY');
    expect((await api.app.get(CredentialsService).reveal(ok.body.id)).secret).toBe(key);

    const notPem = await admin.post('/api/v1/credentials').send({ name: uniq('ssh'), kind: 'ssh-private-key', secret: 'hunter2-not-a-key' }).expect(400);
    expect(notPem.body.message).toMatch(/^secret: /);
    expect(notPem.body.message).not.toContain('hunter2');
    const garbled = '-----BEGIN OPENSSH PRIVATE KEY-----\nZm9vYmFy\n-----END OPENSSH PRIVATE KEY-----\n';
    const bad = await admin.post('/api/v1/credentials').send({ name: uniq('ssh'), kind: 'ssh-private-key', secret: garbled }).expect(400);
    expect(bad.body.message).toMatch(/^secret: not a usable SSH private key/);
    const kind = await admin.post('/api/v1/credentials').send({ name: uniq('x'), kind: 'token', secret: 'x' }).expect(400);
    expect(kind.body.message).toMatch(/^kind must be one of/);
  });

  it('renames, rotates the secret (re-sealed), refuses duplicates, and deletes', async () => {
    const name = uniq('pw');
    const c = (await admin.post('/api/v1/credentials').send({ name, kind: 'password', secret: 'old-secret' }).expect(201)).body;
    const [before] = await api.db.query(`SELECT secret_ciphertext FROM credentials WHERE id = $1`, [c.id]);
    const renamed = await admin.patch(`/api/v1/credentials/${c.id}`).send({ name: `${name}-2`, secret: 'new-secret' }).expect(200);
    expect(renamed.body).toMatchObject({ name: `${name}-2`, keyVersion: 1, hasSecret: true });
    const [after] = await api.db.query(`SELECT secret_ciphertext FROM credentials WHERE id = $1`, [c.id]);
    expect(after.secret_ciphertext.equals(before.secret_ciphertext)).toBe(false);
    expect((await api.app.get(CredentialsService).reveal(c.id)).secret).toBe('new-secret');

    const dup = await admin.post('/api/v1/credentials').send({ name: `${name}-2`, kind: 'password', secret: 'x' }).expect(409);
    expect(dup.body.message).toMatch(/^name: /);
    await admin.delete(`/api/v1/credentials/${c.id}`).expect(204);
    await admin.get(`/api/v1/credentials/${c.id}`).expect(404);
  });

  it('refuses to delete a credential a cluster or resource uses', async () => {
    const pw = (await admin.post('/api/v1/credentials').send({ name: uniq('pw'), kind: 'password', secret: 'p' }).expect(201)).body;
    await admin.post('/api/v1/clusters').send({ fqdn: `${uniq('c')}.example.org`, credentialId: pw.id }).expect(201);
    const res = await admin.delete(`/api/v1/credentials/${pw.id}`).expect(409);
    expect(res.body.message).toMatch(/1 cluster/);
  });

  it('answers 503 naming TALLY_SECRET_KEYS when no encryption key is configured', async () => {
    const bare = await startApi({ TALLY_SECRET_KEYS: '', TALLY_SECRET_KEY_ACTIVE: '' });
    try {
      const res = await bare.as(bare.adminKey).post('/api/v1/credentials').send({ name: uniq('pw'), kind: 'password', secret: 'p' }).expect(503);
      expect(res.body.message).toMatch(/TALLY_SECRET_KEYS/);
    } finally {
      await bare.close();
    }
  });

  it('is admin-only', async () => {
    const { key } = await makeTenant(api);
    await api.as(key).get('/api/v1/credentials').expect(403);
    const billing = (await admin.post('/api/v1/api-keys').send({ name: uniq('b'), role: 'billing' }).expect(201)).body.key;
    await api.as(billing).get('/api/v1/credentials').expect(403);
  });
});

describe('inventory: clusters', () => {
  let api: TestApi;
  let admin: KeyedAgent;
  beforeAll(async () => {
    api = await startApi();
    admin = api.as(api.adminKey);
  });
  afterAll(() => api.close());

  it('creates with a default RAPI URL, updates, lists by active, and deletes', async () => {
    const fqdn = `${uniq('ganeti')}.example.org`;
    const c = (await admin.post('/api/v1/clusters').send({ fqdn: fqdn.toUpperCase() }).expect(201)).body;
    expect(c).toMatchObject({ fqdn, rapiUrl: `https://${fqdn}:5080`, tlsMode: 'system', credentialId: null, active: true });
    const fp = 'AB:'.repeat(31) + 'CD';
    const pinned = await admin.patch(`/api/v1/clusters/${c.id}`).send({ tlsMode: 'fingerprint', tlsFingerprintSha256: fp, active: false }).expect(200);
    expect(pinned.body).toMatchObject({ tlsMode: 'fingerprint', tlsFingerprintSha256: 'ab'.repeat(31) + 'cd', active: false });
    const inactive = await admin.get(`/api/v1/clusters?active=false&fqdn=${fqdn}`).expect(200);
    expect(inactive.body).toEqual({ items: [pinned.body], total: 1 });
    expect((await admin.get(`/api/v1/clusters?active=true&fqdn=${fqdn}`).expect(200)).body.total).toBe(0);
    const back = await admin.patch(`/api/v1/clusters/${c.id}`).send({ tlsMode: 'system' }).expect(200);
    expect(back.body.tlsFingerprintSha256).toBeNull();
    await admin.post('/api/v1/clusters').send({ fqdn }).expect(409);
    await admin.delete(`/api/v1/clusters/${c.id}`).expect(204);
    await admin.get(`/api/v1/clusters/${c.id}`).expect(404);
  });

  it('validates the TLS policy and the credential, naming the field', async () => {
    const fqdn = () => `${uniq('g')}.example.org`;
    const cases: [object, RegExp][] = [
      [{ tlsMode: 'fingerprint' }, /^tlsFingerprintSha256: is required/],
      [{ tlsMode: 'fingerprint', tlsFingerprintSha256: 'abc123' }, /^tlsFingerprintSha256 must be 64 hex/],
      [{ tlsMode: 'ca' }, /^caCertificate: is required/],
      [{ tlsMode: 'ca', caCertificate: 'not a cert' }, /^caCertificate: must be a PEM certificate/],
      [{ tlsMode: 'bogus' }, /^tlsMode must be one of/],
      [{ rapiUrl: 'http://x.example.org:5080' }, /^rapiUrl: must use https/],
      [{ credentialId: '00000000-0000-4000-8000-000000000000' }, /^credentialId: credential .* not found/],
    ];
    for (const [body, message] of cases) {
      const res = await admin.post('/api/v1/clusters').send({ fqdn: fqdn(), ...body }).expect(400);
      expect(res.body.message).toMatch(message);
    }
    const bad = await admin.post('/api/v1/clusters').send({ fqdn: 'not a host!' }).expect(400);
    expect(bad.body.message).toMatch(/^fqdn must be a valid host name/);
    const ssh = (await admin.post('/api/v1/credentials').send({ name: uniq('ssh'), kind: 'ssh-private-key', secret: sshKey() }).expect(201)).body;
    const wrongKind = await admin.post('/api/v1/clusters').send({ fqdn: fqdn(), credentialId: ssh.id }).expect(400);
    expect(wrongKind.body.message).toMatch(/^credentialId: .*password/);
  });

  it('refuses to delete a cluster active ganeti-vm resources name', async () => {
    const { project } = await makeTenant(api);
    const fqdn = `${uniq('g')}.example.org`;
    const c = (await admin.post('/api/v1/clusters').send({ fqdn }).expect(201)).body;
    const vm = (await admin.post('/api/v1/resources').send({ projectId: project.id, name: 'vm1', type: 'ganeti-vm', clusterFqdn: fqdn }).expect(201)).body;
    const res = await admin.delete(`/api/v1/clusters/${c.id}`).expect(409);
    expect(res.body.message).toMatch(/deactivate/);
    await admin.patch(`/api/v1/resources/${vm.id}`).send({ active: false }).expect(200);
    await admin.delete(`/api/v1/clusters/${c.id}`).expect(204);
  });

  it('lets billing read, and keeps client keys out', async () => {
    const { key } = await makeTenant(api);
    const billing = (await admin.post('/api/v1/api-keys').send({ name: uniq('b'), role: 'billing' }).expect(201)).body.key;
    await api.as(billing).get('/api/v1/clusters').expect(200);
    await api.as(billing).post('/api/v1/clusters').send({ fqdn: `${uniq('g')}.example.org` }).expect(403);
    await api.as(key).get('/api/v1/clusters').expect(403);
  });
});
