import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../support/api-app';
import { Inventory } from '../support/factories';
import { startPrivateRedis, PrivateRedis } from '../support/private-redis';
import { RunningProcess } from '../support/processes';
import { RapiStandin } from '../support/rapi-standin';
import { startSshd, TestSshd } from '../support/sshd';
import { proxyFor, TcpProxy } from '../support/tcp-proxy';
import { startWorkerProcess } from '../support/worker-process';
import { collectionEnv, privateDatabase, runWatcher, testSlot, waitFor } from './collection-env';

const NODE_KEYS = 10;

/**
 * Everything goes wrong at once for the real worker process: Postgres is cut (a TCP proxy)
 * while its polls hand on their readings, the worker is killed with SIGKILL, and Redis is
 * restarted without data (a redis-server of the test's own). The readings survive only in the
 * spool on disk; a new worker finds them at boot and the slot finishes with every sample.
 */
describe('the spool across a worker kill and a Redis wipe', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let env: Record<string, string>;
  let redis: PrivateRedis;
  let api: TestApi;
  let pg: TcpProxy;
  let workerDb: string;
  let sshd: TestSshd;
  let standin: RapiStandin;
  let worker: (RunningProcess & { kill(signal: NodeJS.Signals): Promise<number | null> }) | undefined;
  const nodes: string[] = [];

  beforeAll(async () => {
    db = await privateDatabase();
    redis = await startPrivateRedis();
    env = collectionEnv(db.url, { REDIS_URL: redis.url });
    [api, sshd, standin] = await Promise.all([startApi(env), startSshd({ forceScript: 'sleep 1; eval "$SSH_ORIGINAL_COMMAND"' }), RapiStandin.start()]);
    const inv = await new Inventory(api).init();
    const key = await inv.credential('ssh-private-key', sshd.privateKey);
    for (let i = 0; i < 3; i++) nodes.push(await inv.node({ host: sshd.host, port: sshd.port, user: sshd.username, credentialId: key }));
    ({ proxy: pg, url: workerDb } = await proxyFor(db.url, 5432));
  });

  afterAll(async () => {
    pg?.restore();
    await worker?.kill('SIGTERM');
    await api?.close();
    await pg?.close();
    await Promise.all([sshd?.stop(), standin?.close(), redis?.stop()]);
    await db?.drop();
  });

  const admin = () => api.as(api.adminKey);
  const { run, done } = runWatcher(admin);
  /** Resources whose readings of this slot sit in the spool directory, read from its files. */
  const spooled = (slot: Date) => {
    const found = new Set<string>();
    for (const file of readdirSync(env.TALLY_SPOOL_DIR).filter((f) => f.endsWith('.json'))) {
      const { data } = JSON.parse(readFileSync(join(env.TALLY_SPOOL_DIR, file), 'utf8'));
      if (data.slot === slot.toISOString()) for (const r of data.readings) if (Object.keys(r.values).length === NODE_KEYS) found.add(r.resourceId);
    }
    return found;
  };

  it('replays at boot what a killed worker left in its spool, after Redis lost it', async () => {
    worker = await startWorkerProcess({ ...env, DATABASE_URL: workerDb });
    const slot = testSlot();
    const { id } = (await admin().post('/api/v1/collections').send({ slot: slot.toISOString() }).expect(201)).body;
    await waitFor('the fan-out', async () => (await run(id)).total === nodes.length, 15_000);
    pg.cut();
    await waitFor('every node\'s readings in the spool', async () => spooled(slot).size === nodes.length, 15_000);

    expect(await worker.kill('SIGKILL')).toBeNull();
    await redis.wipe();
    pg.restore();
    expect((await run(id)).state).toBe('running');
    expect(await api.app.get(DataSource).query(`SELECT 1 FROM samples WHERE ts = $1`, [slot.toISOString()])).toEqual([]);

    const restarted = Date.now();
    worker = await startWorkerProcess({ ...env, DATABASE_URL: workerDb });
    const final = await done(id, 30_000);
    expect(Date.now() - restarted).toBeLessThan(30_000);
    expect(final).toMatchObject({ state: 'succeeded', total: nodes.length, okCount: nodes.length, errorCount: 0, sampleCount: nodes.length * NODE_KEYS });
    const rows: { resource_id: string; n: number }[] = await api.app.get(DataSource).query(
      `SELECT resource_id, count(*)::int AS n FROM samples WHERE ts = $1 GROUP BY resource_id`,
      [slot.toISOString()],
    );
    expect(Object.fromEntries(rows.map((r) => [r.resource_id, r.n]))).toEqual(Object.fromEntries(nodes.map((n) => [n, NODE_KEYS])));
    await waitFor('the spool to empty', async () => readdirSync(env.TALLY_SPOOL_DIR).filter((f) => f.endsWith('.json')).length === 0, 10_000);
    expect(worker.output()).toMatch(/spool holds readings from before this start; they are replayed/);
  }, 90_000);
});
