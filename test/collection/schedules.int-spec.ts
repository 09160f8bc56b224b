import { loadConfig } from '@tally/config';
import { createRedis, JobProducer, preparedSlot, QUEUES, registerSchedules, scheduledAt, SCHEDULERS, slotStart } from '@tally/jobs';
import { randomUUID } from 'node:crypto';
import { dropRedisPrefix } from './collection-env';

/** Against real Redis: the recurring jobs exist once, however many workers register them. */
describe('job schedulers', () => {
  const prefix = `${process.env.TALLY_QUEUE_PREFIX}-${randomUUID().slice(0, 8)}`;
  const config = loadConfig({ ...process.env, TALLY_QUEUE_PREFIX: prefix });
  const redis = [createRedis(config, 'a'), createRedis(config, 'b')];
  const producers = redis.map((r) => new JobProducer(config, r));

  afterAll(async () => {
    await Promise.all(producers.map((p) => p.onApplicationShutdown()));
    await Promise.all(redis.map((r) => r.quit()));
    await dropRedisPrefix(prefix);
  });

  it('registers each schedule once, whether two workers boot together or one restarts', async () => {
    // A scheduler left by an older version under another id must not keep firing.
    await producers[0].queue(QUEUES.collect).upsertJobScheduler('old-collect-every-30', { every: 1_800_000 }, { name: 'collect-slot', data: { trigger: 'schedule' } });
    await Promise.all(producers.map((p) => registerSchedules(p, config)));
    const registered = await registerSchedules(producers[0], config); // the restart

    expect(registered.map((s) => [s.id, s.pattern]).sort()).toEqual([
      [SCHEDULERS.collect, '0 0,30 * * * *'],
      [SCHEDULERS.precache, '0 15,45 * * * *'],
    ]);
    expect(await producers[0].queue(QUEUES.collect).getJobSchedulersCount()).toBe(1);
    expect(await producers[0].queue(QUEUES.precache).getJobSchedulersCount()).toBe(1);
    expect(await producers[0].queue(QUEUES.persist).getJobSchedulersCount()).toBe(0);

    // One pending job per schedule, at the next :00/:30 and :15/:45 (UTC).
    const collect = registered.find((s) => s.id === SCHEDULERS.collect)!.next!;
    const precache = registered.find((s) => s.id === SCHEDULERS.precache)!.next!;
    expect(collect.getTime() % 1_800_000).toBe(0);
    expect(precache.getTime() % 1_800_000).toBe(900_000);
    const delayed = await producers[0].queue(QUEUES.collect).getDelayed();
    expect(delayed.map((j) => j.name)).toEqual(['collect-slot']);
  });

  it('gives a scheduled job its own slot even when it runs late', async () => {
    const [job] = await producers[0].queue(QUEUES.precache).getDelayed();
    const firesAt = scheduledAt(job);
    expect(firesAt % 1_800_000).toBe(900_000);
    // The pre-cache at :15 prepares the :30 slot; a collection belongs to the slot it starts.
    expect(preparedSlot(firesAt, 30).getTime()).toBe(firesAt + 900_000);
    const [collect] = await producers[0].queue(QUEUES.collect).getDelayed();
    expect(slotStart(scheduledAt(collect), 30).getTime()).toBe(scheduledAt(collect));
    expect(job.data).toEqual({ trigger: 'schedule' });
    expect(job.opts.attempts).toBeGreaterThan(1);
    expect(job.opts.removeOnComplete).toEqual({ age: expect.any(Number), count: expect.any(Number) });
  });
});
