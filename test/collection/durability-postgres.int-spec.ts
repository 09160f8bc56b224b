import { INestApplicationContext } from '@nestjs/common';
import { JobProducer, QUEUES } from '@tally/jobs';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../support/api-app';
import { RapiStandin } from '../support/rapi-standin';
import { startSshd, TestSshd } from '../support/sshd';
import { startTcpProxy, TcpProxy } from '../support/tcp-proxy';
import { collectionEnv, dropRedisPrefix, privateDatabase, startWorkerApp, testSlot, waitFor, runWatcher } from './collection-env';
import { Inventory } from '../support/factories';

const NODE_KEYS = 10;
const VM_KEYS = 4;

/**
 * Postgres goes away (for the worker only, through a TCP proxy) while a slot is being
 * polled: the readings wait in Redis as persist jobs, retried with backoff, and once
 * Postgres is back every sample is written exactly once.
 */
describe('Postgres down during a collection', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let env: Record<string, string>;
  let api: TestApi;
  let worker: INestApplicationContext;
  let proxy: TcpProxy;
  let sshd: TestSshd;
  let standin: RapiStandin;
  const nodes: string[] = [];
  const vms: string[] = [];

  beforeAll(async () => {
    db = await privateDatabase();
    env = collectionEnv(db.url);
    // Each poll takes a second, so the cut reliably falls between polling and persisting.
    [api, sshd, standin] = await Promise.all([startApi(env), startSshd({ forceScript: 'sleep 1; eval "$SSH_ORIGINAL_COMMAND"' }), RapiStandin.start()]);
    const inv = await new Inventory(api).init();
    const key = await inv.credential('ssh-private-key', sshd.privateKey);
    for (let i = 0; i < 3; i++) nodes.push(await inv.node({ host: sshd.host, port: sshd.port, user: sshd.username, credentialId: key }));
    const { fqdn } = await inv.cluster({ fqdn: `pg-cut-${Date.now()}.test`, rapiUrl: standin.url, tlsMode: 'ca', caCertificate: standin.certificates.main.caCert });
    for (const name of ['instance2', 'instance3', 'instance4']) vms.push(await inv.vm(fqdn, name));
    const direct = new URL(db.url);
    proxy = await startTcpProxy(Number(direct.port || 5432), direct.hostname);
    const viaProxy = new URL(db.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    worker = await startWorkerApp({ ...env, DATABASE_URL: viaProxy.toString() });
  });

  afterAll(async () => {
    proxy?.restore();
    await worker?.close();
    await api?.close();
    await proxy?.close();
    await Promise.all([sshd?.stop(), standin?.close()]);
    await dropRedisPrefix(env.TALLY_QUEUE_PREFIX);
    await db?.drop();
  });

  const admin = () => api.as(api.adminKey);
  const { run, done } = runWatcher(admin);

  it('loses nothing and doubles nothing', async () => {
    // A first slot with Postgres up: the cache is warm and the worker has read the SSH key once.
    await done((await admin().post('/api/v1/collections/precache').expect(202)).body.id);
    await done((await admin().post('/api/v1/collections').send({ slot: testSlot().toISOString() }).expect(201)).body.id);

    const slot = testSlot();
    const { id } = (await admin().post('/api/v1/collections').send({ slot: slot.toISOString() }).expect(201)).body;
    await waitFor('the fan-out', async () => (await run(id)).total === 6, 10_000);
    proxy.cut();

    // The polls finish while Postgres is down; their readings wait as retried persist jobs.
    const persist = worker.get(JobProducer).queue(QUEUES.persist);
    await waitFor('persist jobs failing against the cut', async () => {
      const jobs = await persist.getJobs(['delayed', 'waiting', 'active']);
      const retrying = jobs.filter((j) => j.attemptsMade >= 1 && j.data.slot === slot.toISOString());
      return retrying.length >= nodes.length;
    }, 15_000);
    const meanwhile = await run(id);
    expect(meanwhile.state).toBe('running');
    expect(meanwhile.okCount).toBeLessThan(6);

    proxy.restore();
    const final = await done(id, 40_000);
    expect(final).toMatchObject({ state: 'succeeded', total: 6, okCount: 6, errorCount: 0, sampleCount: 3 * NODE_KEYS + 3 * VM_KEYS });

    const rows: { resource_id: string; n: number }[] = await api.app.get(DataSource).query(
      `SELECT resource_id, count(*)::int AS n FROM samples WHERE ts = $1 GROUP BY resource_id`,
      [slot.toISOString()],
    );
    const counts = Object.fromEntries(rows.map((r) => [r.resource_id, r.n]));
    for (const n of nodes) expect(counts[n]).toBe(NODE_KEYS);
    for (const v of vms) expect(counts[v]).toBe(VM_KEYS);
  });

  /**
   * The default backoff doubles from 1 s: after six failed attempts (about 31 s of outage) the
   * next waits 32 s. Postgres returns right then; the worker notices within a second (its probe)
   * and runs the waiting persist jobs at once instead of 32 s later.
   */
  it('writes the waiting readings within seconds of Postgres returning, not at the next backoff step', async () => {
    const slot = testSlot();
    const { id } = (await admin().post('/api/v1/collections').send({ slot: slot.toISOString() }).expect(201)).body;
    await waitFor('the fan-out', async () => (await run(id)).total === 6, 10_000);
    proxy.cut();
    const persist = worker.get(JobProducer).queue(QUEUES.persist);
    const retrying = async (attempts: number) => {
      const jobs = await persist.getJobs(['delayed', 'waiting', 'active']);
      return jobs.filter((j) => j.attemptsMade >= attempts && j.data.slot === slot.toISOString()).length >= nodes.length;
    };
    await waitFor('six failed attempts of each node batch', () => retrying(6), 60_000);
    const [next] = (await persist.getJobs(['delayed'])).filter((j) => j.data.slot === slot.toISOString()).map((j) => j.delay);
    expect(next).toBeGreaterThanOrEqual(30_000); // what the backoff alone would wait

    proxy.restore();
    const back = Date.now();
    const final = await done(id, 40_000);
    const landedAfterMs = Date.now() - back;
    expect(final).toMatchObject({ state: 'succeeded', okCount: 6, sampleCount: 3 * NODE_KEYS + 3 * VM_KEYS });
    expect(landedAfterMs).toBeLessThan(10_000); // the issue asks for 30 s; the backoff alone gives 32 s or more
  }, 100_000);

  it('fans a slot out within seconds of Postgres returning when the fan-out itself met the cut', async () => {
    proxy.cut();
    const slot = testSlot();
    const { id } = (await admin().post('/api/v1/collections').send({ slot: slot.toISOString() }).expect(201)).body;
    const collect = worker.get(JobProducer).queue(QUEUES.collect);
    // After five failed attempts (1 + 2 + 4 + 8 s) the next waits 16 s.
    await waitFor('five failed fan-outs', async () => (await collect.getJobs(['delayed'])).some((j) => j.name === 'collect-slot' && j.data.slot === slot.toISOString() && j.attemptsMade >= 5), 40_000);
    proxy.restore();
    const back = Date.now();
    expect(await done(id, 30_000)).toMatchObject({ state: 'succeeded', okCount: 6 });
    expect(Date.now() - back).toBeLessThan(10_000);
  }, 80_000);
});
