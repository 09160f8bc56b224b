import { INestApplicationContext } from '@nestjs/common';
import { ReadingsSpool } from '@tally/collectors';
import { JobProducer, PersistSamplesPayload, QUEUES } from '@tally/jobs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../support/api-app';
import { Inventory } from '../support/factories';
import { startPrivateRedis, PrivateRedis } from '../support/private-redis';
import { RapiStandin } from '../support/rapi-standin';
import { startSshd, TestSshd } from '../support/sshd';
import { proxyFor, TcpProxy } from '../support/tcp-proxy';
import { collectionEnv, privateDatabase, runWatcher, startWorkerApp, testSlot, waitFor } from './collection-env';

const NODE_KEYS = 10;
const VM_KEYS = 4;

/**
 * Redis loses its data (restarted without its append-only file, on a redis-server of the
 * test's own) while a slot's readings wait in it as persist jobs (Postgres is cut for the worker
 * meanwhile). The worker's spool kept a copy of each: once Postgres is back the slot finishes
 * with every sample, the values the polls read, as many as a slot collected normally.
 */
describe('Redis wiped between poll and persist', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let env: Record<string, string>;
  let redis: PrivateRedis;
  let api: TestApi;
  let worker: INestApplicationContext;
  let pg: TcpProxy;
  let sshd: TestSshd;
  let standin: RapiStandin;
  const resources: { id: string; keys: number }[] = [];

  beforeAll(async () => {
    db = await privateDatabase();
    redis = await startPrivateRedis();
    env = collectionEnv(db.url, { REDIS_URL: redis.url });
    [api, sshd, standin] = await Promise.all([startApi(env), startSshd({ forceScript: 'sleep 1; eval "$SSH_ORIGINAL_COMMAND"' }), RapiStandin.start()]);
    const inv = await new Inventory(api).init();
    const key = await inv.credential('ssh-private-key', sshd.privateKey);
    for (let i = 0; i < 3; i++) resources.push({ id: await inv.node({ host: sshd.host, port: sshd.port, user: sshd.username, credentialId: key }), keys: NODE_KEYS });
    const { fqdn } = await inv.cluster({ fqdn: `wipe-${Date.now()}.test`, rapiUrl: standin.url, tlsMode: 'ca', caCertificate: standin.certificates.main.caCert });
    for (const name of ['instance2', 'instance3', 'instance4']) resources.push({ id: await inv.vm(fqdn, name), keys: VM_KEYS });
    let viaProxy: string;
    ({ proxy: pg, url: viaProxy } = await proxyFor(db.url, 5432));
    worker = await startWorkerApp({ ...env, DATABASE_URL: viaProxy });
  });

  afterAll(async () => {
    pg?.restore();
    await worker?.close();
    await api?.close();
    await pg?.close();
    await Promise.all([sshd?.stop(), standin?.close(), redis?.stop()]);
    await db?.drop();
  });

  const admin = () => api.as(api.adminKey);
  const { run, done } = runWatcher(admin);
  const samplesOf = async (slot: Date) => {
    const rows: { resource_id: string; measurement_id: number; value: number }[] = await api.app.get(DataSource).query(
      `SELECT resource_id, measurement_id, value FROM samples WHERE ts = $1`,
      [slot.toISOString()],
    );
    return rows;
  };
  const countsOf = (rows: { resource_id: string }[]) => rows.reduce<Record<string, number>>((m, r) => ({ ...m, [r.resource_id]: (m[r.resource_id] ?? 0) + 1 }), {});
  /** The readings of a slot that sit in the worker's spool, by resource, read straight from its files. */
  const spooled = (slot: Date) => {
    const dir = worker.get(ReadingsSpool).dir;
    const byResource = new Map<string, Record<string, number>>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const { data } = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { data: PersistSamplesPayload };
      if (data.slot === slot.toISOString()) for (const r of data.readings) byResource.set(r.resourceId, r.values);
    }
    return byResource;
  };

  it('finishes the slot from the spool with every sample, and collects the next slot on the wiped Redis', async () => {
    await done((await admin().post('/api/v1/collections/precache').expect(202)).body.id);
    const normal = testSlot();
    const baseline = await done((await admin().post('/api/v1/collections').send({ slot: normal.toISOString() }).expect(201)).body.id);
    expect(baseline).toMatchObject({ state: 'succeeded', okCount: resources.length });
    const expected = countsOf(await samplesOf(normal));
    for (const r of resources) expect(expected[r.id]).toBe(r.keys);

    const slot = testSlot();
    const { id } = (await admin().post('/api/v1/collections').send({ slot: slot.toISOString() }).expect(201)).body;
    await waitFor('the fan-out', async () => (await run(id)).total === resources.length, 10_000);
    pg.cut();

    // The polls finish; their persist jobs fail against the cut and wait in Redis, each with its copy in the spool.
    const persist = worker.get(JobProducer).queue(QUEUES.persist);
    await waitFor('persist jobs retrying against the cut', async () => {
      const jobs = await persist.getJobs(['delayed', 'waiting', 'active']);
      return jobs.filter((j) => j.attemptsMade >= 1 && j.data.slot === slot.toISOString()).length >= 3;
    }, 15_000);
    const inSpool = spooled(slot);
    const stored = await samplesOf(slot);
    const meanwhile = await run(id);
    expect(meanwhile.state).toBe('running');
    // Whatever is not in Postgres yet is in the spool.
    const unwritten = resources.filter((r) => !stored.some((s) => s.resource_id === r.id));
    expect(unwritten.length).toBeGreaterThanOrEqual(3);
    for (const r of unwritten) expect(Object.keys(inSpool.get(r.id) ?? {})).toHaveLength(r.keys);

    await redis.wipe();
    expect(await persist.getJobs(['delayed', 'waiting', 'active'])).toEqual([]);
    const back = Date.now();
    pg.restore();

    const final = await done(id, 30_000);
    expect(Date.now() - back).toBeLessThan(20_000);
    expect(final).toMatchObject({ state: 'succeeded', total: resources.length, okCount: resources.length, errorCount: 0, sampleCount: baseline.sampleCount });
    const rows = await samplesOf(slot);
    expect(countsOf(rows)).toEqual(expected);
    // The values stored are the ones the polls read, from the spool.
    for (const [resourceId, values] of inSpool) {
      for (const [measurement, value] of Object.entries(values)) {
        expect([resourceId, measurement, rows.find((s) => s.resource_id === resourceId && String(s.measurement_id) === measurement)?.value]).toEqual([resourceId, measurement, value]);
      }
    }
    await waitFor('the spool to empty', async () => worker.get(ReadingsSpool).stats().entries === 0, 10_000);

    // The pipeline works on the wiped Redis: the next slot is collected without restarting the worker.
    await done((await admin().post('/api/v1/collections/precache').expect(202)).body.id);
    const next = await done((await admin().post('/api/v1/collections').send({ slot: testSlot().toISOString() }).expect(201)).body.id);
    expect(next).toMatchObject({ state: 'succeeded', okCount: resources.length, sampleCount: baseline.sampleCount });
  }, 120_000);
});
