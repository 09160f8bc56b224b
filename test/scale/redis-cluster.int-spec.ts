import { INestApplicationContext } from '@nestjs/common';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../support/api-app';
import { Inventory } from '../support/factories';
import { RapiStandin } from '../support/rapi-standin';
import { startRedisCluster, TestRedisCluster } from '../support/redis-cluster';
import { startSshd, TestSshd } from '../support/sshd';
import { collectionEnv, privateDatabase, runWatcher, startWorkerApp, testSlot, waitFor } from '../collection/collection-env';

/**
 * The API and a worker on a three-master Redis Cluster (REDIS_CLUSTER_NODES): the queue
 * prefix gets a hash tag, so every key of ours lands in one slot, as BullMQ's multi-key
 * scripts need; a slot of SSH nodes and Ganeti VMs is collected through it end to end, and the
 * API's health, rate limiter and queue metrics read the same cluster.
 */
describe('on a Redis Cluster', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let cluster: TestRedisCluster;
  let env: Record<string, string>;
  let api: TestApi;
  let worker: INestApplicationContext;
  let sshd: TestSshd;
  let standin: RapiStandin;
  const resources: { id: string; keys: number }[] = [];

  beforeAll(async () => {
    [db, cluster, sshd, standin] = await Promise.all([privateDatabase(), startRedisCluster(), startSshd(), RapiStandin.start()]);
    env = collectionEnv(db.url, { REDIS_CLUSTER_NODES: cluster.nodes, TALLY_WORKER_METRICS_PORT: '0' });
    api = await startApi(env);
    const inv = await new Inventory(api).init();
    const key = await inv.credential('ssh-private-key', sshd.privateKey);
    for (let i = 0; i < 3; i++) resources.push({ id: await inv.node({ host: sshd.host, port: sshd.port, user: sshd.username, credentialId: key }), keys: 10 });
    const { fqdn } = await inv.cluster({ fqdn: `rc-${Date.now()}.test`, rapiUrl: standin.url, tlsMode: 'ca', caCertificate: standin.certificates.main.caCert });
    for (const name of ['instance2', 'instance3']) resources.push({ id: await inv.vm(fqdn, name), keys: 4 });
    worker = await startWorkerApp(env);
  }, 90_000);

  afterAll(async () => {
    await worker?.close().catch(() => undefined);
    await api?.close();
    await Promise.all([sshd?.stop(), standin?.close()]);
    await cluster?.stop();
    await db?.drop();
  });

  const admin = () => api.as(api.adminKey);
  const { done } = runWatcher(admin, 60_000);

  /** Keys under our prefix, per master: read from each node directly, not through the cluster client. */
  async function keysPerNode(): Promise<number[]> {
    return Promise.all(cluster.ports.map(async (port) => {
      const r = new Redis({ port, host: '127.0.0.1' });
      try {
        return (await r.keys(`{${env.TALLY_QUEUE_PREFIX}}*`)).length;
      } finally {
        r.disconnect();
      }
    }));
  }

  it('collects a slot through the cluster, with every key in the hash tag slot', async () => {
    await done((await admin().post('/api/v1/collections/precache').expect(202)).body.id);
    const slot = testSlot();
    const { id } = (await admin().post('/api/v1/collections').send({ slot: slot.toISOString() }).expect(201)).body;
    const final = await done(id);
    expect(final).toMatchObject({ state: 'succeeded', total: resources.length, okCount: resources.length, sampleCount: resources.reduce((n, r) => n + r.keys, 0) });
    const rows: { resource_id: string; n: number }[] = await api.app.get(DataSource).query(
      `SELECT resource_id, count(*)::int AS n FROM samples WHERE ts = $1 GROUP BY resource_id`, [slot.toISOString()],
    );
    expect(Object.fromEntries(rows.map((r) => [r.resource_id, r.n]))).toEqual(Object.fromEntries(resources.map((r) => [r.id, r.keys])));

    // The queues, the Ganeti cache and the rate limiter's buckets: all on the one master owning the tag's slot.
    const perNode = await keysPerNode();
    expect(perNode.filter((n) => n > 0)).toHaveLength(1);
    expect(Math.max(...perNode)).toBeGreaterThan(5);

    const ready = (await api.http.get('/health/ready').expect(200)).body;
    expect(ready.checks?.redis?.status ?? ready.redis?.status).toBe('up');
    const metrics = (await api.http.get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/tally_queue_jobs\{[^}]*queue="tally-collect"/);
  }, 120_000);

  it("fails fast with the cluster gone: the API's health says so and a trigger answers 503 at once", async () => {
    await worker.close();
    await cluster.stop();
    await waitFor('the API to see the cluster gone', async () => (await api.http.get('/health/ready')).status === 503, 20_000);
    const started = Date.now();
    const refused = await admin().post('/api/v1/collections').send({ slot: testSlot().toISOString() }).expect(503);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(refused.body.message).toMatch(/^The job queue \(Redis\) is not reachable, so nothing was enqueued/);
  }, 60_000);
});
