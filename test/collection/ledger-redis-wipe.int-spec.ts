import { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { startApi, TestApi } from '../support/api-app';
import { startRedisServer, TestRedis } from '../support/redis-server';
import { startTcpProxy, TcpProxy } from '../support/tcp-proxy';
import { dropRedisPrefix, privateDatabase, startWorkerApp, waitFor } from './collection-env';
import { FINISHED, ledger, ledgerEnv, MINUTE, until } from './ledger-env';

/**
 * The test's own redis-server restarts without its data: the job schedulers are gone. The
 * API (straight to Redis) says degraded while they are missing; the worker (through a proxy,
 * cut while Redis restarts, so it sees one reconnect) registers them again by itself, and the
 * next boundary is collected without restarting it.
 */
describe('job schedulers after Redis loses its data', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let env: Record<string, string>;
  let redis: TestRedis;
  let proxy: TcpProxy;
  let worker: INestApplicationContext;
  let api: TestApi;
  let pg: Client;

  beforeAll(async () => {
    db = await privateDatabase();
    redis = await startRedisServer();
    proxy = await startTcpProxy(redis.port);
    // A reconciler timer longer than the test's wait: the schedules come back on the reconnect.
    env = ledgerEnv(db.url, { TALLY_SCHEDULE_GRACE_SECONDS: '20', TALLY_RECONCILE_INTERVAL_SECONDS: '600' });
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    api = await startApi({ ...env, REDIS_URL: redis.url });
    worker = await startWorkerApp({ ...env, REDIS_URL: `redis://127.0.0.1:${proxy.port}` });
  });

  afterAll(async () => {
    proxy?.restore();
    await worker?.close();
    await api?.close();
    await pg?.end();
    await proxy?.close();
    await redis?.stop();
    await dropRedisPrefix(env?.TALLY_QUEUE_PREFIX ?? 'none');
    await db?.drop();
  });

  const ready = async () => (await api.http.get('/health/ready').expect(200)).body;
  const schedules = async () => (await api.as(api.adminKey).get('/api/v1/collections/schedules').expect(200)).body as { id: string; registered: boolean; status: string; problem?: string }[];

  it('shows degraded while the schedulers are missing, and collects the next boundary without a worker restart', async () => {
    const first = await waitFor('the first scheduled slot', async () =>
      [...(await ledger(pg)).values()].find((r) => r.trigger === 'schedule' && r.state === 'succeeded'), 2 * MINUTE);
    expect((await ready()).status).toBe('up');

    proxy.cut();
    await redis.restartEmpty();

    const degraded = await waitFor('health to say degraded', async () => {
      const body = await ready();
      return body.status === 'degraded' && body;
    }, 20_000);
    expect(degraded.checks.schedules.status).toBe('degraded');
    expect(degraded.checks.schedules.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^job scheduler schedule-collect-slot is missing/)]));
    expect((await schedules()).map((s) => [s.id, s.registered, s.status])).toEqual([
      ['schedule-ganeti-precache', false, 'degraded'],
      ['schedule-collect-slot', false, 'degraded'],
    ]);

    // Not in a boundary's last seconds: the schedulers must be back before the boundary to fire at it.
    const ahead = Math.ceil(Date.now() / MINUTE) * MINUTE;
    if (ahead - Date.now() < 5_000) await until(ahead + 1_000);
    const restoredAt = Date.now();
    proxy.restore();
    await waitFor('the worker to register its schedules again', async () => (await schedules()).every((s) => s.registered), 20_000);
    const next = Math.ceil(restoredAt / MINUTE) * MINUTE;
    const collected = await waitFor('the next boundary collected', async () => {
      const run = (await ledger(pg)).get(next);
      return run && FINISHED.includes(run.state) && run;
    }, 2 * MINUTE);
    expect(collected.state).toBe('succeeded');
    await waitFor('health to say up again', async () => (await ready()).status === 'up', 20_000);

    // No boundary from the ledger's start on is missing.
    const rows = await ledger(pg);
    for (let b = first.slot.getTime(); b <= next; b += MINUTE) expect(FINISHED).toContain(rows.get(b)?.state);
  }, 8 * MINUTE);
});
