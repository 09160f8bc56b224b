import { loadConfig } from '@tally/config';
import { createRedis, JobProducer, JOBS, QUEUES, slotJobId } from '@tally/jobs';
import Redis from 'ioredis';
import { startApi, TestApi } from '../support/api-app';
import { proxyFor, TcpProxy } from '../support/tcp-proxy';
import { collectionEnv, dropRedisPrefix, privateDatabase, waitFor } from './collection-env';

/**
 * Redis goes away for one API (through a TCP proxy; the shared Redis keeps running): a
 * trigger answers 503 at once, and "not enqueued" stays true after Redis comes back. The
 * run waits as queued, and the next trigger enqueues it.
 */
describe('triggering a collection while Redis is unreachable', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let env: Record<string, string>;
  let api: TestApi;
  let proxy: TcpProxy;
  let direct: Redis;
  let producer: JobProducer;

  beforeAll(async () => {
    db = await privateDatabase();
    env = collectionEnv(db.url);
    let viaProxy: string;
    ({ proxy, url: viaProxy } = await proxyFor(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 6379));
    api = await startApi({ ...env, REDIS_URL: viaProxy });
    // The test's own view of the queues, straight to Redis.
    const config = loadConfig({ ...process.env, ...env });
    direct = createRedis(config, 'test-direct');
    producer = new JobProducer(config, direct);
  });

  afterAll(async () => {
    proxy?.restore();
    await api?.close();
    await proxy?.close();
    await producer?.onApplicationShutdown();
    await direct?.quit();
    await dropRedisPrefix(env.TALLY_QUEUE_PREFIX);
    await db?.drop();
  });

  const admin = () => api.as(api.adminKey);
  const ready = async () => (await api.http.get('/health/ready')).status;

  it('answers 503 saying nothing was enqueued, and nothing is enqueued when Redis returns', async () => {
    await waitFor('the API to reach Redis', async () => (await ready()) === 200);
    proxy.cut();
    await waitFor('the API to see Redis gone', async () => (await ready()) === 503);

    const started = Date.now();
    const refused = await admin().post('/api/v1/collections').send({}).expect(503);
    const answeredInMs = Date.now() - started;

    const [run] = await api.db.query(`SELECT id, slot, state FROM collection_runs WHERE kind = 'collect'`);
    expect(run.state).toBe('queued');
    const jobId = slotJobId(JOBS.collectSlot, run.slot, 'api');

    proxy.restore();
    // A health check answered over the same connection comes after anything it had kept back.
    await waitFor('the API to reach Redis again', async () => (await ready()) === 200, 15_000);
    expect(await producer.queue(QUEUES.collect).getJob(jobId)).toBeUndefined();
    expect((await admin().get(`/api/v1/collections/${run.id}`).expect(200)).body.state).toBe('queued');
    expect(refused.body.message).toMatch(/^The job queue \(Redis\) is not reachable, so nothing was enqueued\. The run is recorded as queued: trigger the same slot again/);
    expect(answeredInMs).toBeLessThan(1000);

    // The next trigger of the slot enqueues it.
    const again = await admin().post('/api/v1/collections').send({ slot: run.slot.toISOString() }).expect(200);
    expect(again.body.id).toBe(run.id);
    expect((await producer.queue(QUEUES.collect).getJob(jobId))?.data).toEqual({ trigger: 'api', slot: run.slot.toISOString() });
  });
});
