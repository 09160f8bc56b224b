import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../support/api-app';
import { Inventory } from '../support/factories';
import { freePort } from '../support/net';
import { RunningProcess } from '../support/processes';
import { RapiStandin } from '../support/rapi-standin';
import { startRedisServer, TestRedis } from '../support/redis-server';
import { startSshd, TestSshd } from '../support/sshd';
import { startWorkerProcess } from '../support/worker-process';
import { collectionEnv, privateDatabase, runWatcher, testSlot, waitFor } from '../collection/collection-env';

const NODES = 12;
const NODE_KEYS = 10;
const VM_KEYS = 4;
const SLOTS = 3;

const SLOT_MS = 30 * 60_000;
/** Longer than the suite takes from its workers' start to its end. */
const SUITE_MS = 150_000;

/**
 * The workers' own schedule collects the current slot at each boundary; a past test slot
 * re-polled after that is "read after a later slot was stored" and rightly keeps no counters
 * (readings-writer.ts). So the workers start only when no boundary falls within the suite:
 * at worst this waits SUITE_MS for one to pass (no resource of ours is older than it yet).
 */
async function clearOfBoundary(ms: number): Promise<void> {
  const untilNext = SLOT_MS - (Date.now() % SLOT_MS);
  if (untilNext < ms) await new Promise((r) => setTimeout(r, untilNext + 1_000));
}

type Worker = RunningProcess & { kill(signal: NodeJS.Signals): Promise<number | null>; metricsPort: number };

/**
 * Three real worker processes share one Redis (a redis-server of the test's own, so nothing
 * else's jobs or schedules can be in it) and one database. Each slot is collected exactly once
 * (one outcome and one sample set per resource), every worker takes part of the polls, and a
 * worker SIGKILLed mid-slot leaves its jobs to the other two, still exactly once.
 */
describe('three workers on one Redis', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let redis: TestRedis;
  let env: Record<string, string>;
  let api: TestApi;
  let sshd: TestSshd;
  let standin: RapiStandin;
  const workers: Worker[] = [];
  const resources: { id: string; keys: number }[] = [];

  beforeAll(async () => {
    [db, redis] = await Promise.all([privateDatabase(), startRedisServer()]);
    env = collectionEnv(db.url, { REDIS_URL: redis.url });
    // Each poll takes a second, so a slot's polls overlap and a kill lands while some are in flight.
    [api, sshd, standin] = await Promise.all([startApi(env), startSshd({ forceScript: 'sleep 1; eval "$SSH_ORIGINAL_COMMAND"' }), RapiStandin.start()]);
    await clearOfBoundary(SUITE_MS);
    const inv = await new Inventory(api).init();
    const key = await inv.credential('ssh-private-key', sshd.privateKey);
    for (let i = 0; i < NODES; i++) resources.push({ id: await inv.node({ host: sshd.host, port: sshd.port, user: sshd.username, credentialId: key }), keys: NODE_KEYS });
    const { fqdn } = await inv.cluster({ fqdn: `many-${Date.now()}.test`, rapiUrl: standin.url, tlsMode: 'ca', caCertificate: standin.certificates.main.caCert });
    for (const name of ['instance2', 'instance3', 'instance4']) resources.push({ id: await inv.vm(fqdn, name), keys: VM_KEYS });
    for (let i = 0; i < 3; i++) {
      const metricsPort = await freePort();
      workers.push({ ...(await startWorkerProcess({ ...env, TALLY_WORKER_METRICS_PORT: String(metricsPort) })), metricsPort });
    }
  }, 90_000 + SUITE_MS);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill('SIGTERM')));
    await api?.close();
    await Promise.all([sshd?.stop(), standin?.close(), redis?.stop()]);
    await db?.drop();
  });

  const admin = () => api.as(api.adminKey);
  const { run, done } = runWatcher(admin, 60_000);
  const totalSamples = () => resources.reduce((n, r) => n + r.keys, 0);

  /** The slot's rows in Postgres: one outcome per resource, and each resource's samples once. */
  async function expectCollectedOnce(runId: string, slot: Date) {
    const pg = api.app.get(DataSource);
    const outcomes: { n: number; distinct_targets: number }[] = await pg.query(
      `SELECT count(*)::int AS n, count(DISTINCT target)::int AS distinct_targets FROM collection_run_outcomes WHERE run_id = $1`,
      [runId],
    );
    expect(outcomes[0]).toEqual({ n: resources.length, distinct_targets: resources.length });
    const rows: { resource_id: string; n: number }[] = await pg.query(
      `SELECT resource_id, count(*)::int AS n FROM samples WHERE ts = $1 GROUP BY resource_id`,
      [slot.toISOString()],
    );
    const counts = Object.fromEntries(rows.map((r) => [r.resource_id, r.n]));
    for (const r of resources) expect(counts[r.id]).toBe(r.keys);
    expect(rows.length).toBe(resources.length);
    const final = await run(runId);
    const perTarget = await pg.query(`SELECT target, ok, samples, reason FROM collection_run_outcomes WHERE run_id = $1 ORDER BY target`, [runId]);
    expect({ ...final, perTarget }).toMatchObject({ state: 'succeeded', total: resources.length, okCount: resources.length, errorCount: 0, sampleCount: totalSamples() });
  }

  /** Polls (collect-batch jobs) this worker completed, from its own /metrics. */
  async function pollsDone(w: Worker): Promise<number> {
    const text = await (await fetch(`http://127.0.0.1:${w.metricsPort}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith('tally_job_duration_seconds_count{') && l.includes('job_name="collect-batch"') && l.includes('outcome="completed"'));
    return line ? Number(line.split(' ').pop()) : 0;
  }

  /** Active jobs on the collect queue taken by the worker process with this pid. */
  async function activeJobsOf(pid: string): Promise<string[]> {
    const r = new Redis(redis.url);
    try {
      const ids = await r.lrange(`${env.TALLY_QUEUE_PREFIX}:tally-collect:active`, 0, -1);
      const by = await Promise.all(ids.map((j) => r.hget(`${env.TALLY_QUEUE_PREFIX}:tally-collect:${j}`, 'pb')));
      return ids.filter((_, i) => by[i]?.endsWith(`:${pid}`));
    } finally {
      r.disconnect();
    }
  }

  async function jobField(jobId: string, field: string): Promise<string | null> {
    const r = new Redis(redis.url);
    try {
      return await r.hget(`${env.TALLY_QUEUE_PREFIX}:tally-collect:${jobId}`, field);
    } finally {
      r.disconnect();
    }
  }

  it('collects each slot exactly once, spreading the polls over every worker', async () => {
    await done((await admin().post('/api/v1/collections/precache').expect(202)).body.id);
    for (let i = 0; i < SLOTS; i++) {
      const slot = testSlot();
      const { id } = (await admin().post('/api/v1/collections').send({ slot: slot.toISOString() }).expect(201)).body;
      await done(id);
      await expectCollectedOnce(id, slot);
    }
    const polls = await Promise.all(workers.map(pollsDone));
    // Every node poll of every slot was done once, by someone, and each worker did some.
    expect(polls.reduce((a, b) => a + b, 0)).toBe(NODES * SLOTS);
    for (const n of polls) expect(n).toBeGreaterThan(0);
  }, 180_000);

  it('completes a slot exactly once when one worker is SIGKILLed mid-slot', async () => {
    const slot = testSlot();
    const { id } = (await admin().post('/api/v1/collections').send({ slot: slot.toISOString() }).expect(201)).body;
    await waitFor('the fan-out', async () => (await run(id)).total === resources.length, 15_000);
    // Killed while it holds polls in flight (each job names the process that took it), so its death strands some.
    const victim = workers[0];
    const stranded = await waitFor('the victim to hold polls', async () => {
      const held = await activeJobsOf(`${victim.child.pid}`);
      return held.length > 0 && held;
    }, 15_000);
    expect(await victim.kill('SIGKILL')).toBeNull();
    workers.shift();
    const cut = await run(id);
    expect(cut.okCount).toBeLessThan(resources.length);
    // The other two finish it: the victim's jobs come back when their locks lapse.
    await done(id, 90_000);
    await expectCollectedOnce(id, slot);
    const redo = await Promise.all(stranded.map((jobId) => jobField(jobId, 'pb')));
    // Each stranded job was finished by one of the survivors.
    const survivors = workers.map((w) => `:${w.child.pid}`);
    for (const pb of redo) expect(survivors.some((s) => pb?.endsWith(s))).toBe(true);
  }, 150_000);
});
