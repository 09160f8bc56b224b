import { Client } from 'pg';
import { startApi, TestApi } from '../support/api-app';
import { seedReportClient, SeededClient } from '../support/factories';
import { proxyFor, TcpProxy } from '../support/tcp-proxy';
import { privateDatabase, waitFor } from '../collection/collection-env';

/**
 * Reports that keep the database busy: here, report queries held up by a lock a test
 * transaction keeps on the samples table, as a long report would hold its connection. In a
 * database of its own, so the lock stops no other suite. The API reaches it through a TCP
 * proxy, so a test can also take Postgres away from it for real.
 */
describe('reports under load', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let api: TestApi;
  let proxy: TcpProxy;
  let seeded: SeededClient;
  let locker: Client;

  const week = '?from=2026-10-01&to=2026-10-08&format=csv';
  const report = (target: TestApi = api) => target.as(target.adminKey).get(`/api/v1/clients/${seeded.client.id}/report${week}`);

  beforeAll(async () => {
    db = await privateDatabase();
    let viaProxy: string;
    ({ proxy, url: viaProxy } = await proxyFor(db.url, 5432));
    api = await startApi({ DATABASE_URL: viaProxy, DATABASE_POOL_SIZE: '2', TALLY_REPORT_QUEUE_TIMEOUT_MS: '1000' });
    seeded = await seedReportClient(api, 'Load');
    locker = new Client({ connectionString: db.url });
    await locker.connect();
  });

  afterAll(async () => {
    proxy?.restore();
    await locker?.end();
    await api?.close();
    await proxy?.close();
    await db?.drop();
  });

  /** Blocks every report query until `release` (ROLLBACK). */
  async function lockSamples(): Promise<() => Promise<void>> {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE samples IN ACCESS EXCLUSIVE MODE');
    return async () => void (await locker.query('ROLLBACK'));
  }

  /** Report queries waiting on that lock (a fresh statistics snapshot each time: the locker is inside a transaction). */
  async function lockWaiters(): Promise<number> {
    await locker.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await locker.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
    return rows[0].n;
  }

  it('with DATABASE_POOL_SIZE=2 and two 7-day reports running, stays ready and keeps GET /clients fast', async () => {
    const release = await lockSamples();
    let first: Promise<{ status: number; text: string }> | undefined;
    try {
      first = report().then((r) => ({ status: r.status, text: r.text }));
      await waitFor('the first report to hold its connection', async () => (await lockWaiters()) === 1, 10_000);
      const second = report().then((r) => r);

      // Ready (busy, not down) and fast, while one report holds a connection and one waits for it.
      // Either it waits in line for a report connection, or (as before the share) it took the pool's last one.
      await waitFor('the second report to wait or to hold a connection', async () =>
        (await lockWaiters()) === 2 || (await api.http.get('/health/ready')).body.checks?.postgres?.reports?.waiting === 1, 5_000);
      const health = await api.http.get('/health/ready').expect(200);
      expect(health.body).toMatchObject({
        status: 'busy',
        checks: { postgres: { status: 'busy', reports: { size: 1, inUse: 1, waiting: 1 }, pool: { size: 2 } }, redis: { status: 'up' } },
      });
      const started = Date.now();
      const clients = await api.as(api.adminKey).get('/api/v1/clients?limit=5').expect(200);
      expect(Date.now() - started).toBeLessThan(500);
      expect(clients.body.total).toBeGreaterThan(0);

      // The report that found no connection in line is told so, with when to retry.
      const busy = await second;
      expect(busy.status).toBe(503);
      expect(busy.headers['retry-after']).toBe('5');
      expect(busy.body).toMatchObject({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'The server is busy with other reports (all 1 report connections are in use and none came free within 1 s); nothing was read. Retry after 5 s.',
      });
    } finally {
      await release();
    }
    // The first one then completes as usual.
    const done = await first!;
    expect(done.status).toBe(200);
    expect(done.text).toContain('"client_total"');
    await api.http.get('/health/ready').expect(200, /"status":"up"/);
  });

  it('stops a report past its statement timeout with a clear error before the first byte', async () => {
    const short = await startApi({ DATABASE_URL: db.url, TALLY_REPORT_STATEMENT_TIMEOUT_MS: '300' });
    const release = await lockSamples();
    try {
      const started = Date.now();
      const res = await report(short).timeout(10_000).expect(503);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['content-disposition']).toBeUndefined();
      expect(res.body.message).toBe(
        'The report took longer than the 0.3 s the server allows a report query and was stopped: ask for a shorter window, or retry when the server is less busy.',
      );
      // Its connection went back to the reports' share.
      expect((await short.http.get('/health/ready').expect(200)).body.checks.postgres.reports).toEqual({ size: 2, inUse: 0, waiting: 0 });
    } finally {
      await release();
      await short.close();
    }
  });

  it('says busy apart from down: 200 while reports take the connections, 503 "down" only when Postgres does not answer', async () => {
    const release = await lockSamples();
    const pending = [report().then((r) => r.status, () => 0)];
    try {
      await waitFor('a report to hold its connection', async () => (await lockWaiters()) === 1, 10_000);
      pending.push(report().then((r) => r.status, () => 0));
      await waitFor('the second report to wait or to hold a connection', async () =>
        (await lockWaiters()) === 2 || (await api.http.get('/health/ready')).body.checks?.postgres?.reports?.waiting === 1, 5_000);
      expect((await api.http.get('/health/ready').expect(200)).body).toMatchObject({ status: 'busy', checks: { postgres: { status: 'busy' } } });

      proxy.cut();
      const started = Date.now();
      const down = await api.http.get('/health/ready').expect(503);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(JSON.parse(down.body.message.replace(/^not ready: /, ''))).toMatchObject({
        postgres: { status: 'down', error: expect.any(String) },
        redis: { status: 'up' },
      });
    } finally {
      proxy.restore();
      await release();
    }
    await Promise.all(pending);
    expect((await api.http.get('/health/ready').expect(200)).body).toMatchObject({ status: 'up', checks: { postgres: { status: 'up' } } });
  });
});
