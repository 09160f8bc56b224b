import { INestApplicationContext } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ensureCliBuilt, runCli } from '../cli/cli-runner';
import { startApi, TestApi } from '../support/api-app';
import { Inventory, uniq } from '../support/factories';
import { freePort } from '../support/net';
import { RapiStandin } from '../support/rapi-standin';
import { startSshd, TestSshd } from '../support/sshd';
import { collectionEnv, dropRedisPrefix, privateDatabase, runWatcher, startWorkerApp, testSlot } from './collection-env';

/**
 * GET /api/v1/collections/capacity and `tally capacity` over real collections: two nodes on a
 * real sshd, a dead one, and a cluster's VMs pre-cached from the RAPI stand-in. The figures come
 * from the durations recorded on those runs' outcomes. (e2e: it runs the compiled CLI.)
 */
describe('capacity figures', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let env: Record<string, string>;
  let api: TestApi;
  let worker: INestApplicationContext;
  let sshd: TestSshd;
  let standin: RapiStandin;
  let inv: Inventory;
  const nodes: string[] = [];

  beforeAll(async () => {
    ensureCliBuilt();
    db = await privateDatabase();
    env = collectionEnv(db.url, { TALLY_SSH_CONCURRENCY: '5' });
    [api, sshd, standin] = await Promise.all([
      startApi(env),
      startSshd({ cannedOutput: readFileSync(join(__dirname, '../../libs/collectors/src/ssh/__fixtures__/debian-12-vm.txt'), 'utf8') }),
      RapiStandin.start(),
    ]);
    inv = await new Inventory(api).init();
    const credentialId = await inv.credential('ssh-private-key', sshd.privateKey);
    for (const port of [sshd.port, sshd.port, await freePort()]) nodes.push(await inv.node({ host: sshd.host, port, user: sshd.username, credentialId }));
    const fqdn = (await inv.cluster({ fqdn: `${uniq('cluster')}.test`, rapiUrl: standin.url, tlsMode: 'ca', caCertificate: standin.certificates.main.caCert })).fqdn;
    for (const name of ['instance2', 'instance3', 'instance4']) await inv.vm(fqdn, name);
    worker = await startWorkerApp(env);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await Promise.all([sshd?.stop(), standin?.close()]);
    await dropRedisPrefix(env.TALLY_QUEUE_PREFIX);
    await db?.drop();
  });

  const admin = () => api.as(api.adminKey);
  const { done } = runWatcher(admin, 30_000);

  it('says nothing is measured before any run, without inventing figures', async () => {
    const c = (await admin().get('/api/v1/collections/capacity').expect(200)).body;
    expect(c.sources).toEqual([
      expect.objectContaining({ source: 'ssh', hosts: 3, timePerHostMs: null }),
      expect.objectContaining({ source: 'ganeti', hosts: 3, clusters: 1, timePerClusterMs: null }),
    ]);
    expect(c.slotDurationMs).toBeNull();
    expect(c.binding).toBeNull();
    expect(c.limits.every((l: { maxPerSlot: unknown }) => l.maxPerSlot === null)).toBe(true);
  });

  it('records each poll\'s duration and projects from them, for admin and billing keys', async () => {
    const pre = await done((await admin().post('/api/v1/collections/precache').expect(202)).body.id);
    expect(pre.outcomes).toEqual([expect.objectContaining({ ok: true, durationMs: expect.any(Number) })]);
    for (let i = 0; i < 2; i++) {
      const run = await done((await admin().post('/api/v1/collections').send({ slot: testSlot().toISOString() }).expect(201)).body.id);
      const polled = run.outcomes.filter((o: { target: string }) => nodes.includes(o.target));
      expect(polled).toHaveLength(3);
      for (const o of polled) expect(o.durationMs).toEqual(expect.any(Number));
      // A VM read from the cache contacted nothing: no duration.
      for (const o of run.outcomes.filter((x: { target: string }) => !nodes.includes(x.target))) expect(o.durationMs).toBeUndefined();
    }
    const billing = (await admin().post('/api/v1/api-keys').send({ name: uniq('billing'), role: 'billing' }).expect(201)).body.key;
    const c = (await api.as(billing).get('/api/v1/collections/capacity').expect(200)).body;
    expect(c.settings).toMatchObject({ sshConcurrency: 5, intervalMinutes: 30 });
    const ssh = c.sources.find((s: { source: string }) => s.source === 'ssh');
    expect(ssh.timePerHostMs).toMatchObject({ count: 6 });
    expect(ssh.timePerHostMs.p95).toBeGreaterThanOrEqual(ssh.timePerHostMs.p50);
    expect(c.sources.find((s: { source: string }) => s.source === 'ganeti').timePerClusterMs).toMatchObject({ count: 1 });
    expect(c.slotDurationMs).toMatchObject({ count: 2 });
    const by = Object.fromEntries(c.limits.map((l: { limit: string }) => [l.limit, l]));
    expect(by['ssh-concurrency'].maxPerSlot).toBe(Math.floor((5 * 30 * 60_000) / Math.max(ssh.timePerHostMs.mean, 1)));
    expect(by['ssh-concurrency']).toMatchObject({ current: 3, unit: 'hosts' });
    expect(by.interval).toMatchObject({ current: 6, maxPerSlot: expect.any(Number) });
    expect(c.binding).toBe(c.limits.reduce((a: { utilisation: number }, b: { utilisation: number | null }) => ((b.utilisation ?? -1) > a.utilisation ? b : a)).limit);
  });

  it('is shown by `tally capacity`, as tables or --json', async () => {
    await api.app.listen(0, '127.0.0.1');
    const cli = { TALLY_URL: `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`, TALLY_API_KEY: api.adminKey };
    const json = await runCli(['capacity', '--json'], cli);
    expect(json).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(json.stdout)).toMatchObject({ binding: expect.any(String), sources: [expect.objectContaining({ source: 'ssh', hosts: 3 }), expect.anything()] });
    const text = await runCli(['capacity'], cli);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^SOURCE +TYPE +HOSTS/);
    expect(text.stdout).toMatch(/\nssh +node +3 /);
    expect(text.stdout).toMatch(/slot duration \(latest 12 runs\): p50 \d+ms/);
    expect(text.stdout).toMatch(/\nssh-concurrency +3 hosts +\d+ +\d+\.\d%/);
    expect(text.stdout).toMatch(/\nbinding limit: [a-z-]+\n$/);
  });
});
