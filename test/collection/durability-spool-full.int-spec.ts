import { INestApplicationContext } from '@nestjs/common';
import { ReadingsSpool } from '@tally/collectors';
import { JobProducer, JobWorkers, QUEUES } from '@tally/jobs';
import { MetricsRegistry } from '@tally/metrics';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../support/api-app';
import { Inventory } from '../support/factories';
import { RapiStandin } from '../support/rapi-standin';
import { startSshd, TestSshd } from '../support/sshd';
import { proxyFor, TcpProxy } from '../support/tcp-proxy';
import { collectionEnv, dropRedisPrefix, privateDatabase, runWatcher, startWorkerApp, testSlot, waitFor } from './collection-env';

const VM_KEYS = 4;

/**
 * A spool with no room (TALLY_SPOOL_MAX_BYTES=0) refuses every entry. Readings Redis takes still
 * go on through Redis; readings Redis cannot take either (cut for the worker, through a TCP
 * proxy, while the nodes are being polled) are lost, and their run says so for each resource:
 * the slot finishes, nothing is missing without a reason.
 */
describe('a full spool', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let env: Record<string, string>;
  let api: TestApi;
  let worker: INestApplicationContext;
  let redis: TcpProxy;
  let sshd: TestSshd;
  let standin: RapiStandin;
  const nodes: string[] = [];
  const vms: string[] = [];

  beforeAll(async () => {
    db = await privateDatabase();
    env = collectionEnv(db.url, { TALLY_SPOOL_MAX_BYTES: '0' });
    // Each node poll takes 2 s: time to cut Redis once the VMs (read by the fan-out itself) are written.
    [api, sshd, standin] = await Promise.all([startApi(env), startSshd({ forceScript: 'sleep 2; eval "$SSH_ORIGINAL_COMMAND"' }), RapiStandin.start()]);
    const inv = await new Inventory(api).init();
    const key = await inv.credential('ssh-private-key', sshd.privateKey);
    for (let i = 0; i < 3; i++) nodes.push(await inv.node({ host: sshd.host, port: sshd.port, user: sshd.username, credentialId: key }));
    const { fqdn } = await inv.cluster({ fqdn: `full-${Date.now()}.test`, rapiUrl: standin.url, tlsMode: 'ca', caCertificate: standin.certificates.main.caCert });
    for (const name of ['instance2', 'instance3', 'instance4']) vms.push(await inv.vm(fqdn, name));
    let viaProxy: string;
    ({ proxy: redis, url: viaProxy } = await proxyFor(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 6379));
    worker = await startWorkerApp({ ...env, REDIS_URL: viaProxy });
  });

  afterAll(async () => {
    redis?.restore();
    // A BullMQ worker closed while its connections still reconnect never finishes closing: wait for them.
    if (worker) {
      await waitFor('the worker back on Redis', async () => worker.get(JobWorkers).status().every((q) => q.running) && (await worker.get(JobProducer).queue(QUEUES.collect).getJobCounts()), 20_000);
      // Each queue's own connections too (a private field: teardown only).
      const queues = (worker.get(JobWorkers) as unknown as { workers: { worker: { waitUntilReady(): Promise<unknown> } }[] }).workers;
      await Promise.all(queues.map((q) => q.worker.waitUntilReady()));
    }
    await worker?.close();
    await api?.close();
    await redis?.close();
    await Promise.all([sshd?.stop(), standin?.close()]);
    await dropRedisPrefix(env.TALLY_QUEUE_PREFIX);
    await db?.drop();
    // Waiting out the reconnects takes long on a loaded machine.
  }, 120_000);

  const admin = () => api.as(api.adminKey);
  const { run, done } = runWatcher(admin);

  it('records on the run every reading it could neither spool nor hand to Redis, and why', async () => {
    await done((await admin().post('/api/v1/collections/precache').expect(202)).body.id);
    const slot = testSlot();
    const { id } = (await admin().post('/api/v1/collections').send({ slot: slot.toISOString() }).expect(201)).body;
    // The VMs went through Redis without a spool copy, and are written.
    await waitFor('the VMs written', async () => (await run(id)).okCount === vms.length, 10_000);
    expect((await run(id)).state).toBe('running');
    redis.cut();

    const final = await done(id, 20_000);
    expect(final).toMatchObject({ state: 'partial', total: 6, okCount: 3, errorCount: 3, sampleCount: 3 * VM_KEYS });
    const failed = final.outcomes.filter((o: { ok: boolean }) => !o.ok);
    expect(failed.map((o: { target: string }) => o.target).sort()).toEqual([...nodes].sort());
    for (const o of failed) {
      expect(o.reason).toBe('not stored: Redis did not take the readings and the local spool is full (0 of 0 bytes, TALLY_SPOOL_MAX_BYTES)');
      expect(o.samples).toBe(0);
    }
    const rows: { resource_id: string; n: number }[] = await api.app.get(DataSource).query(
      `SELECT resource_id, count(*)::int AS n FROM samples WHERE ts = $1 GROUP BY resource_id`,
      [slot.toISOString()],
    );
    expect(Object.fromEntries(rows.map((r) => [r.resource_id, r.n]))).toEqual(Object.fromEntries(vms.map((v) => [v, VM_KEYS])));
    // The gauge counts every refusal: the VMs' batch and each node's.
    expect(worker.get(ReadingsSpool).stats()).toMatchObject({ entries: 0, bytes: 0, maxBytes: 0, refused: 1 + nodes.length });
    // And the metrics show it: every refusal counted, the bound, nothing held.
    const text = await worker.get(MetricsRegistry).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
    expect([value('tally_spool_refused_total'), value('tally_spool_max_bytes'), value('tally_spool_bytes'), value('tally_spool_entries')]).toEqual([1 + nodes.length, 0, 0, 0]);
  }, 60_000);
});
