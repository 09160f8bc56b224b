import { INestApplicationContext } from '@nestjs/common';
import { CollectionRunsService, GanetiCacheStore, ReadingsWriter } from '@tally/collectors';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../support/api-app';
import { RapiStandin } from '../support/rapi-standin';
import { generateClientKey, startSilentServer, startSshd, TestSshd } from '../support/sshd';
import { collectionEnv, dropRedisPrefix, privateDatabase, startWorkerApp, testSlot, runWatcher } from './collection-env';
import { Inventory, uniq } from '../support/factories';

/**
 * One slot over a mix of healthy and broken targets, each broken one real: a wrong host key,
 * a refused key, a port that never speaks, garbage output, a host that is down (rebooting),
 * a VM missing from its cluster, a cluster never fetched, a stale cache. Each is recorded
 * with its reason and every healthy resource still collects.
 */
describe('collecting a slot', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let env: Record<string, string>;
  let api: TestApi;
  let worker: INestApplicationContext;
  let inv: Inventory;
  let good: TestSshd;
  let garbage: TestSshd;
  let rebooting: TestSshd;
  let silent: Awaited<ReturnType<typeof startSilentServer>>;
  let standin: RapiStandin;
  const ids: Record<string, string> = {};
  let fqdn: string;
  const staleFqdn = `${uniq('stale')}.test`;

  beforeAll(async () => {
    db = await privateDatabase();
    env = collectionEnv(db.url);
    [api, good, garbage, rebooting, silent, standin] = await Promise.all([
      startApi(env), startSshd(), startSshd({ cannedOutput: 'Welcome!\nthis is not what tally asked for\n' }), startSshd(), startSilentServer(), RapiStandin.start(),
    ]);
    inv = await new Inventory(api).init();
    const key = await inv.credential('ssh-private-key', good.privateKey);
    const ssh = (d: { host: string; port: number }, credentialId = key) => ({ host: d.host, port: d.port, user: good.username, credentialId });
    const stranger = await inv.credential('ssh-private-key', (await generateClientKey(good.dir, 'stranger')).privateKey);
    ids.ok = await inv.node(ssh(good));
    ids.few = await inv.node(ssh(good), ['node.up', 'load.1m']);
    ids.wrongHostKey = await inv.node({ ...ssh(good), hostKeySha256: `SHA256:${randomBytes(32).toString('base64').replace(/=+$/, '')}` });
    ids.refusedKey = await inv.node(ssh(good, stranger));
    ids.silent = await inv.node(ssh(silent));
    ids.garbage = await inv.node({ ...ssh(garbage), credentialId: await inv.credential('ssh-private-key', garbage.privateKey) });
    ids.rebooting = await inv.node({ ...ssh(rebooting), credentialId: await inv.credential('ssh-private-key', rebooting.privateKey) });
    await rebooting.stop(); // down mid-reboot: nothing listens
    fqdn = (await inv.cluster({ fqdn: `${uniq('cluster')}.test`, rapiUrl: standin.url, tlsMode: 'ca', caCertificate: standin.certificates.main.caCert })).fqdn;
    ids.vm = await inv.vm(fqdn, 'instance2');
    ids.vmStopped = await inv.vm(fqdn, 'instance18');
    ids.vmMissing = await inv.vm(fqdn, 'instance-gone');
    ids.vmNeverFetched = await inv.vm(`${uniq('unfetched')}.invalid`, 'instance3');
    ids.vmStale = await inv.vm(staleFqdn, 'instance4');
    worker = await startWorkerApp(env);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await Promise.all([good?.stop(), garbage?.stop(), silent?.stop(), standin?.close()]);
    await dropRedisPrefix(env.TALLY_QUEUE_PREFIX);
    await db?.drop();
  });

  const admin = () => api.as(api.adminKey);
  const finished = runWatcher(admin, 40_000).done;

  async function samplesOf(resourceId: string, slot: Date): Promise<Record<string, number>> {
    const rows: { key: string; value: number }[] = await api.app.get(DataSource).query(
      `SELECT m.key, s.value FROM samples s JOIN measurements m ON m.id = s.measurement_id WHERE s.resource_id = $1 AND s.ts = $2`,
      [resourceId, slot.toISOString()],
    );
    return Object.fromEntries(rows.map((r) => [r.key, Number(r.value)]));
  }

  it('pre-caches the clusters, then collects every resource or records why not', async () => {
    // A cached answer two hours old: present, but too old to bill from.
    const store = worker.get(GanetiCacheStore);
    await store.put({ cluster: staleFqdn, fetchedAt: new Date(Date.now() - 2 * 3600_000).toISOString(), instances: [], problems: [] });

    const pre = (await admin().post('/api/v1/collections/precache').expect(202)).body;
    const precache = await finished(pre.id);
    const byCluster = Object.fromEntries(precache.outcomes.map((o: { target: string }) => [o.target, o]));
    expect(byCluster[fqdn]).toMatchObject({ ok: true, samples: 11, targetType: 'cluster' });
    // A FQDN no cluster row describes is fetched at https://<fqdn>:5080 with system TLS.
    const unfetched = precache.outcomes.find((o: { target: string }) => o.target.endsWith('.invalid'));
    expect(unfetched).toMatchObject({ ok: false, reason: expect.stringMatching(/^connect: cannot resolve unfetched-.*\.invalid/) });

    const slot = testSlot();
    const started = await admin().post('/api/v1/collections').send({ slot: new Date(slot.getTime() + 7 * 60_000).toISOString() }).expect(201);
    expect(started.body.slot).toBe(slot.toISOString()); // aligned down to the slot start
    const run = await finished(started.body.id);
    const outcome = (id: string) => run.outcomes.find((o: { target: string }) => o.target === id);

    expect(run).toMatchObject({ state: 'partial', total: Object.keys(ids).length, okCount: 4, errorCount: Object.keys(ids).length - 4 });
    expect(run.durationMs).toEqual(expect.any(Number));
    for (const ok of ['ok', 'few', 'vm', 'vmStopped']) expect(outcome(ids[ok])).toMatchObject({ ok: true });
    expect(outcome(ids.wrongHostKey).reason).toMatch(/^hostkey: host key mismatch/);
    expect(outcome(ids.refusedKey).reason).toMatch(/^auth: public key .* refused/);
    expect(outcome(ids.silent).reason).toMatch(/^timeout: no SSH handshake within 2000 ms/);
    expect(outcome(ids.garbage).reason).toMatch(/^parse: /);
    expect(outcome(ids.rebooting).reason).toMatch(/^connect: .*ECONNREFUSED/);
    expect(outcome(ids.vmMissing).reason).toMatch(/instance instance-gone is not in the answer/);
    expect(outcome(ids.vmNeverFetched).reason).toMatch(/no cached answer from cluster/);
    expect(outcome(ids.vmStale).reason).toMatch(/is 1[12]\d minutes old .* limit 60/);

    const ok = await samplesOf(ids.ok, slot);
    expect(Object.keys(ok).sort()).toEqual(['cpu.busy', 'cpu.count', 'disk.total', 'disk.used', 'load.1m', 'memory.total', 'memory.used', 'net.rx', 'net.tx', 'node.up']);
    expect(ok['node.up']).toBe(1);
    expect(Object.keys(await samplesOf(ids.few, slot)).sort()).toEqual(['load.1m', 'node.up']);
    for (const down of ['wrongHostKey', 'refusedKey', 'silent', 'garbage', 'rebooting']) {
      expect(await samplesOf(ids[down], slot)).toEqual({ 'node.up': 0 });
    }
    expect(await samplesOf(ids.vm, slot)).toEqual({ 'ganeti.vcpus': 1, 'ganeti.memory': 128, 'ganeti.disk': 128, 'ganeti.running': 1 });
    expect(await samplesOf(ids.vmStopped, slot)).toEqual({ 'ganeti.vcpus': 1, 'ganeti.memory': 8192, 'ganeti.disk': 128, 'ganeti.running': 0 });
    for (const none of ['vmMissing', 'vmNeverFetched', 'vmStale']) expect(await samplesOf(ids[none], slot)).toEqual({});

    // First contact pinned the host key; the pinned node's key was left alone.
    const pinned = (await admin().get(`/api/v1/resources/${ids.ok}`).expect(200)).body.hostKeySha256;
    expect(pinned).toBe(good.hostKeyFingerprint);

    // Triggering the same slot again answers the existing run and collects nothing more.
    const again = await admin().post('/api/v1/collections').send({ slot: slot.toISOString() }).expect(200);
    expect(again.body.id).toBe(run.id);
    const after = (await admin().get(`/api/v1/collections/${run.id}`).expect(200)).body;
    expect(after.outcomes).toEqual(run.outcomes);
  });

  const fixture = (name: string) => readFileSync(join(__dirname, '../../libs/collectors/src/ssh/__fixtures__', name), 'utf8');

  /** A node whose sshd answers with a canned fixture, and a way to collect a slot and read its outcome. */
  async function cannedNode(name: string) {
    const node = await startSshd({ cannedOutput: fixture(name) });
    const id = await inv.node({ host: node.host, port: node.port, user: node.username, credentialId: await inv.credential('ssh-private-key', node.privateKey) });
    const collect = async (slot: Date) => {
      const started = (await admin().post('/api/v1/collections').send({ slot: slot.toISOString() }).expect(201)).body;
      return (await finished(started.id)).outcomes.find((o: { target: string }) => o.target === id);
    };
    return { node, id, collect };
  }

  it('a host whose df failed still bills the rest, and the outcome says what was not read', async () => {
    const { node, id, collect } = await cannedNode('debian-12-vm.txt');
    try {
      const canned = fixture('debian-12-vm.txt').replace(/@@tally df\n[^@]*/, '@@tally df\n@@tally-error 1 df: cannot read table of mounted file systems\n');
      writeFileSync(join(node.dir, 'canned.txt'), canned);
      const slot = testSlot();
      const outcome = await collect(slot);
      expect(outcome).toMatchObject({ ok: true, samples: 8 });
      expect(outcome.reason).toBe('not read: disk.total, disk.used (df: command failed: 1 df: cannot read table of mounted file systems)');
      expect(Object.keys(await samplesOf(id, slot)).sort()).toEqual(['cpu.busy', 'cpu.count', 'load.1m', 'memory.total', 'memory.used', 'net.rx', 'net.tx', 'node.up']);
    } finally {
      await node.stop();
    }
  });

  it('records a reboot between two slots, with the new boot id on the samples', async () => {
    const { node, id, collect } = await cannedNode('debian-12-vm.txt');
    try {
      const [before, after] = [testSlot(), testSlot()];
      expect(await collect(before)).toMatchObject({ ok: true, samples: 10 });
      // The harness serves its canned answer from this file: the host came back with a new boot id.
      writeFileSync(join(node.dir, 'canned.txt'), fixture('debian-12-vm-rebooted.txt'));
      const outcome = await collect(after);
      expect(outcome).toMatchObject({ ok: true, samples: 10 });
      expect(outcome.reason).toMatch(/^rebooted since the previous poll \(boot id 89512f93-.* → 3f0c2a5e-.*\): counters restart/);
      const boots: { ts: Date; boot_id: string }[] = await api.app.get(DataSource).query(
        `SELECT DISTINCT ts, boot_id FROM samples WHERE resource_id = $1 ORDER BY ts`,
        [id],
      );
      expect(boots.map((b) => b.boot_id)).toEqual(['89512f93-dd22-4297-bdbb-11c2eff8a09e', '3f0c2a5e-7b1d-4e8a-9c6f-2d4b8e1a7c90']);
    } finally {
      await node.stop();
    }
  });

  it('collecting a past slot after a later one writes its gauges but not its counters, and says why', async () => {
    const { node, id, collect } = await cannedNode('debian-12-vm.txt');
    try {
      const [earlier, later] = [testSlot(), testSlot()];
      expect(await collect(later)).toMatchObject({ ok: true, samples: 10 });
      // Read now but stamped earlier: a counter above the later slot's would look like a reset.
      const late = await collect(earlier);
      expect(late).toMatchObject({ ok: true, samples: 7 });
      expect(late.reason).toBe(
        'read after a later slot was stored: counters not written (cpu.busy, net.rx, net.tx), since a value read now but stamped with this slot would look like a counter reset',
      );
      expect(Object.keys(await samplesOf(id, earlier)).sort()).toEqual(['cpu.count', 'disk.total', 'disk.used', 'load.1m', 'memory.total', 'memory.used', 'node.up']);
      expect(Object.keys(await samplesOf(id, later))).toHaveLength(10);
    } finally {
      await node.stop();
    }
  });

  it('writes every counter of a reading taken in its slot but persisted after a later one (Postgres was down)', async () => {
    const { node, id, collect } = await cannedNode('debian-12-vm.txt');
    try {
      const [first, second] = [testSlot(), testSlot()];
      expect(await collect(second)).toMatchObject({ ok: true, samples: 10 });
      const [{ boot_id: bootId }] = await api.app.get(DataSource).query(`SELECT boot_id FROM samples WHERE resource_id = $1 LIMIT 1`, [id]);
      const catalog: { id: number; key: string }[] = await api.app.get(DataSource).query(`SELECT id, key FROM measurements WHERE source = 'ssh'`);
      const stored = await samplesOf(id, second);
      // The first slot's reading, taken a minute into its slot, arrives only now.
      const runs = worker.get(CollectionRunsService);
      const { run } = await runs.ensure('collect', first, 'api');
      await runs.start(run.id, 1);
      const values = Object.fromEntries(catalog.map((m) => [String(m.id), stored[m.key] - (m.key === 'cpu.busy' ? 10 : 0)]));
      await worker.get(ReadingsWriter).persist({
        runId: run.id, slot: first.toISOString(), at: new Date(first.getTime() + 60_000).toISOString(), readings: [{ resourceId: id, ok: true, values, bootId }],
      });
      expect(Object.keys(await samplesOf(id, first))).toHaveLength(10);
      expect((await samplesOf(id, first))['cpu.busy']).toBe(stored['cpu.busy'] - 10);
    } finally {
      await node.stop();
    }
  });

  it('lists what a cluster runs that no resource claims', async () => {
    const cluster = (await admin().get(`/api/v1/clusters?fqdn=${fqdn}`).expect(200)).body.items[0];
    const page = (await admin().get(`/api/v1/clusters/${cluster.id}/unassigned?limit=3`).expect(200)).body;
    expect(page.total).toBe(9); // 11 instances, instance2 and instance18 claimed
    expect(page.items.map((i: { name: string }) => i.name)).toEqual(['instance13', 'instance14', 'instance19']);
    expect(Date.parse(page.fetchedAt)).toBeGreaterThan(Date.now() - 120_000);
  });
});
