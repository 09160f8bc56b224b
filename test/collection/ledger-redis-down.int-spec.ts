import { MetricsRegistry } from '@tally/metrics';
import { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { startRedisServer, TestRedis } from '../support/redis-server';
import { startTcpProxy, TcpProxy } from '../support/tcp-proxy';
import { dropRedisPrefix, privateDatabase, startWorkerApp, waitFor } from './collection-env';
import { FINISHED, ledger, ledgerEnv, MINUTE, nextBoundary, until } from './ledger-env';

/**
 * Redis goes away for the worker (a TCP proxy in front of the test's own redis-server is cut)
 * across two slot boundaries. BullMQ's scheduler computes its next run from the current time,
 * so it alone would drop one of them without a trace. Afterwards every boundary is in the
 * ledger: the one that closed during the outage as missed, with the outage as its reason and
 * its event; the one still open when Redis came back collected.
 */
describe('the slot ledger across a Redis outage of two boundaries', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let env: Record<string, string>;
  let redis: TestRedis;
  let proxy: TcpProxy;
  let worker: INestApplicationContext;
  let pg: Client;

  beforeAll(async () => {
    db = await privateDatabase();
    redis = await startRedisServer();
    proxy = await startTcpProxy(redis.port);
    env = ledgerEnv(db.url, { REDIS_URL: `redis://127.0.0.1:${proxy.port}` });
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    worker = await startWorkerApp(env);
  });

  afterAll(async () => {
    proxy?.restore();
    await worker?.close();
    await pg?.end();
    await proxy?.close();
    await redis?.stop();
    await dropRedisPrefix(env?.TALLY_QUEUE_PREFIX ?? 'none');
    await db?.drop();
  });

  it('accounts for every boundary: collected, or missed with the reason', async () => {
    // The ledger begins with the schedule's first run.
    const first = await waitFor('the first scheduled slot', async () => {
      const rows = [...(await ledger(pg)).values()];
      return rows.find((r) => r.trigger === 'schedule' && r.state === 'succeeded');
    }, 2 * MINUTE);

    const b1 = nextBoundary(15_000);
    const b2 = b1 + MINUTE;
    await until(b1 - 10_000);
    const cutAt = Date.now();
    proxy.cut();
    // b1 closes at b2 (one interval, no lead, no grace); b2 is still open when Redis returns.
    await until(b2 + 10_000);
    proxy.restore();

    const rows = await waitFor('both boundaries of the outage in the ledger, finished', async () => {
      const l = await ledger(pg);
      return [b1, b2].every((b) => FINISHED.includes(l.get(b)?.state ?? '')) && l;
    }, MINUTE);

    const missed = rows.get(b1)!;
    expect(missed.state).toBe('missed');
    expect(missed.reason).toMatch(new RegExp(`^Redis unavailable from (\\S+) to \\S+.*: not collected before it closed at ${new Date(b2).toISOString()}$`));
    const from = Date.parse(/from (\S+)/.exec(missed.reason!)![1]);
    expect(from).toBeGreaterThanOrEqual(cutAt - 1000);
    expect(from).toBeLessThan(b1);
    expect(rows.get(b2)).toMatchObject({ state: 'succeeded' });

    // No boundary from the ledger's start to the last one is missing.
    for (let b = first.slot.getTime(); b <= b2; b += MINUTE) expect(FINISHED).toContain(rows.get(b)?.state);

    // The missed slot's event was written with it.
    const { rows: events } = await pg.query(`SELECT subject_id, data FROM events WHERE type = 'collection.slot_missed'`);
    expect(events).toEqual([{ subject_id: missed.id, data: { run: { id: missed.id, kind: 'collect', slot: new Date(b1).toISOString(), state: 'missed', trigger: expect.any(String), reason: missed.reason } } }]);
    // And counted, for an alert on any increase (docs/metrics.md).
    expect(await worker.get(MetricsRegistry).text()).toMatch(/^tally_collection_slots_missed_total\{kind="collect"\} 1$/m);
  }, 8 * MINUTE);
});
