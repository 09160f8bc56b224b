import { ClustersService, CollectTarget, CollectTargetsService } from '@tally/inventory';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { KeyedAgent, startApi, TestApi } from '../support/api-app';
import { makeTenant, uniq } from '../support/factories';

const HOST_KEY = 'SHA256:uS0h0bVSuZyTMLAaXkVAsGO7Rhd3a0tZbd8TJ64YS+k';
const OTHER_KEY = 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** A throwaway self-signed certificate, made with the openssl CLI. */
function selfSignedCert(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-inv-ca-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=Tally test CA',
      '-keyout', path.join(dir, 'k.pem'), '-out', path.join(dir, 'c.pem')], { stdio: 'ignore' });
    return readFileSync(path.join(dir, 'c.pem'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('inventory: what the worker reads', () => {
  let api: TestApi;
  let admin: KeyedAgent;
  let targets: CollectTargetsService;
  let sshCredential: string;
  beforeAll(async () => {
    api = await startApi();
    admin = api.as(api.adminKey);
    targets = api.app.get(CollectTargetsService);
    const secret = generateKeyPairSync('rsa', {
      modulusLength: 1024, privateKeyEncoding: { format: 'pem', type: 'pkcs1' }, publicKeyEncoding: { format: 'pem', type: 'spki' },
    }).privateKey;
    sshCredential = (await admin.post('/api/v1/credentials').send({ name: uniq('ssh'), kind: 'ssh-private-key', secret }).expect(201)).body.id;
  });
  afterAll(() => api.close());

  it('collects only resources whose resource, project and client are all active', async () => {
    const a = await makeTenant(api);
    const b = await makeTenant(api);
    const fqdn = `${uniq('g')}.example.org`;
    const post = (body: object) => admin.post('/api/v1/resources').send(body).expect(201).then((r) => r.body);
    const live = await post({ projectId: a.project.id, name: 'vm1', type: 'ganeti-vm', clusterFqdn: fqdn, measurements: ['ganeti.vcpus'] });
    const off = await post({ projectId: a.project.id, name: 'vm2', type: 'ganeti-vm', clusterFqdn: fqdn, active: false });
    const ofInactiveClient = await post({ projectId: b.project.id, name: 'vm3', type: 'ganeti-vm', clusterFqdn: `${uniq('g')}.example.org` });
    await admin.patch(`/api/v1/clients/${b.client.id}`).send({ active: false }).expect(200);

    // What a fan-out reads: every collectable ganeti-vm, a cluster at a time.
    const all: CollectTarget[] = [];
    await targets.readCollectable(['ganeti-vm'], new Set(), async () => undefined, async (group) => void all.push(...group));
    const found = all.filter((t) => t.clusterFqdn === fqdn);
    expect(all.filter((t) => t.clusterFqdn === ofInactiveClient.clusterFqdn)).toEqual([]);
    expect(all.map((t) => t.resourceId)).not.toContain(off.id);
    expect(found).toEqual([
      { resourceId: live.id, type: 'ganeti-vm', name: 'vm1', clusterFqdn: fqdn, ssh: null, measurements: { 'ganeti.vcpus': expect.any(Number) } },
    ]);
    const fqdns = await targets.clusterFqdns();
    expect(fqdns).toContain(fqdn);
    expect(fqdns).not.toContain(ofInactiveClient.clusterFqdn);
  });

  it('pins a host key on first contact, then compares', async () => {
    const { project } = await makeTenant(api);
    const n = (await admin.post('/api/v1/resources')
      .send({ projectId: project.id, name: 'n1', type: 'node', sshHost: '127.0.0.1', sshUser: 'tally', credentialId: sshCredential })
      .expect(201)).body;
    const [first, second] = await Promise.all([targets.pinHostKey(n.id, HOST_KEY), targets.pinHostKey(n.id, OTHER_KEY)]);
    expect([first, second].sort()).toEqual(['mismatch', 'pinned']);
    const pinned = (await admin.get(`/api/v1/resources/${n.id}`).expect(200)).body.hostKeySha256;
    expect(await targets.pinHostKey(n.id, pinned)).toBe('match');
    // An admin clears the pin to accept a legitimately changed key; the next contact pins the new one.
    await admin.patch(`/api/v1/resources/${n.id}`).send({ hostKeySha256: null }).expect(200);
    expect(await targets.pinHostKey(n.id, OTHER_KEY)).toBe('pinned');
  });

  it('finds a cluster by FQDN with its CA certificate', async () => {
    const fqdn = `${uniq('g')}.example.org`;
    const ca = selfSignedCert();
    const c = (await admin.post('/api/v1/clusters').send({ fqdn, tlsMode: 'ca', caCertificate: ca, rapiUrl: 'https://127.0.0.1:15080/' }).expect(201)).body;
    expect(c).toMatchObject({ tlsMode: 'ca', caCertificate: ca, rapiUrl: 'https://127.0.0.1:15080', tlsFingerprintSha256: null });
    await expect(api.app.get(ClustersService).findByFqdn(fqdn.toUpperCase())).resolves.toMatchObject({ id: c.id, caCertificate: ca });
    await expect(api.app.get(ClustersService).findByFqdn(`${uniq('none')}.example.org`)).resolves.toBeNull();
    const garbled = ca.replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA');
    const res = await admin.patch(`/api/v1/clusters/${c.id}`).send({ caCertificate: garbled }).expect(400);
    expect(res.body.message).toMatch(/^caCertificate: /);
  });
});
