import { INestApplicationContext } from '@nestjs/common';
import { loadConfig } from '@tally/config';
import { createRedis, JobProducer, QUEUES, recurringJobs, SCHEDULERS } from '@tally/jobs';
import Redis from 'ioredis';
import { collectionEnv, dropRedisPrefix, privateDatabase, startWorkerApp, waitFor } from './collection-env';

/**
 * A scheduler that disappears, or is changed, with no reconnect for the worker to notice (a
 * FLUSHDB, an operator's mistake): the worker's timer finds it and registers it again.
 */
describe('job schedulers checked on a timer', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let env: Record<string, string>;
  let worker: INestApplicationContext;
  let redis: Redis;
  let producer: JobProducer;

  beforeAll(async () => {
    db = await privateDatabase();
    env = collectionEnv(db.url, { TALLY_RECONCILE_INTERVAL_SECONDS: '2' });
    const config = loadConfig({ ...process.env, ...env });
    redis = createRedis(config, 'test-direct');
    producer = new JobProducer(config, redis);
    worker = await startWorkerApp(env);
  });

  afterAll(async () => {
    await worker?.close();
    await producer?.onApplicationShutdown();
    await redis?.quit();
    await dropRedisPrefix(env.TALLY_QUEUE_PREFIX);
    await db?.drop();
  });

  const collect = () => producer.queue(QUEUES.collect).getJobScheduler(SCHEDULERS.collect);
  const pattern = () => recurringJobs(loadConfig({ ...process.env, ...env })).find((s) => s.id === SCHEDULERS.collect)!.pattern;

  it('registers a removed scheduler again', async () => {
    await waitFor('the schedulers registered at boot', collect);
    await producer.queue(QUEUES.collect).removeJobScheduler(SCHEDULERS.collect);
    expect(await collect()).toBeUndefined();
    const back = await waitFor('the scheduler registered again', collect, 15_000);
    expect(back).toMatchObject({ pattern: pattern(), tz: 'UTC' });
  });

  it('puts a changed pattern back', async () => {
    await producer.queue(QUEUES.collect).upsertJobScheduler(SCHEDULERS.collect, { pattern: '0 7 * * * *', tz: 'UTC' }, { name: 'collect-slot', data: { trigger: 'schedule' } });
    expect((await collect())?.pattern).toBe('0 7 * * * *');
    await waitFor('the pattern put back', async () => (await collect())?.pattern === pattern(), 15_000);
    expect(await producer.queue(QUEUES.collect).getJobSchedulersCount()).toBe(1);
  });
});
