import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startApi, TestApi } from '../support/api-app';
import { Inventory } from '../support/factories';
import { freePort } from '../support/net';
import { RapiStandin } from '../support/rapi-standin';
import { startSshd, TestSshd } from '../support/sshd';
import { startTcpProxy, TcpProxy } from '../support/tcp-proxy';
import { startWorkerProcess } from '../support/worker-process';
import { collectionEnv, dropRedisPrefix, privateDatabase, runWatcher, testSlot, waitFor } from '../collection/collection-env';
import { parseScrape, value } from './scrape';

const TOKEN = 'metrics-token-for-the-test-0123456789';
type Worker = Awaited<ReturnType<typeof startWorkerProcess>>;

/**
 * Both metrics endpoints, scraped as Prometheus would and parsed with a real exposition
 * parser: the API's /metrics (in process, the real HTTP stack) and the real worker process's
 * own listener. A collection moves the HTTP, queue, job and outcome series; a scrape without
 * the token is refused; with Redis gone or hung, a scrape still answers at once.
 */
describe('metrics', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let env: Record<string, string>;
  let api: TestApi;
  let sshd: TestSshd;
  let standin: RapiStandin;
  let worker: Worker | undefined;
  let workerPort: number;
  const admin = () => api.as(api.adminKey);
  const { done } = runWatcher(admin);

  const scrapeWorker = async (port = workerPort) => {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    return parseScrape(await res.text());
  };
  const scrapeApi = async (agent = api) => parseScrape((await agent.http.get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200)).text);

  beforeAll(async () => {
    db = await privateDatabase();
    workerPort = await freePort();
    env = collectionEnv(db.url, { TALLY_METRICS_TOKEN: TOKEN, TALLY_WORKER_METRICS_PORT: String(workerPort) });
    [api, sshd, standin] = await Promise.all([startApi(env), startSshd(), RapiStandin.start()]);
  });

  afterAll(async () => {
    await worker?.kill('SIGTERM');
    await api?.close();
    await Promise.all([sshd?.stop(), standin?.close()]);
    await dropRedisPrefix(env.TALLY_QUEUE_PREFIX);
    await db?.drop();
  });

  it('refuses a scrape without the token or with a wrong one, on both endpoints', async () => {
    for (const auth of [undefined, 'Bearer not-the-token-at-all-0000000']) {
      const req = api.http.get('/metrics');
      const res = await (auth ? req.set('Authorization', auth) : req);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      // An API key is no metrics token.
      expect((await api.http.get('/metrics').set('Authorization', `Bearer ${api.adminKey}`)).status).toBe(401);
    }
    worker = await startWorkerProcess(env);
    expect(worker.output()).toContain(`metrics on http://127.0.0.1:${workerPort}/metrics`);
    for (const headers of [{}, { Authorization: 'Bearer nope-nope-nope-nope-nope' }] as Record<string, string>[]) {
      const res = await fetch(`http://127.0.0.1:${workerPort}/metrics`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect((await fetch(`http://127.0.0.1:${workerPort}/other`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
  }, 60_000);

  it('moves the HTTP, queue, job, outcome, sample and slot series with a collection', async () => {
    worker ??= await startWorkerProcess(env);
    const inv = await new Inventory(api).init();
    const key = await inv.credential('ssh-private-key', sshd.privateKey);
    await inv.node({ host: sshd.host, port: sshd.port, user: sshd.username, credentialId: key });
    await inv.node({ host: '127.0.0.1', port: await freePort(), user: sshd.username, credentialId: key }); // nobody listens: connect fails
    const { fqdn } = await inv.cluster({ fqdn: `metrics-${randomUUID().slice(0, 8)}.test`, rapiUrl: standin.url, tlsMode: 'ca', caCertificate: standin.certificates.main.caCert });
    await inv.vm(fqdn, 'instance2');
    await inv.vm(fqdn, 'no-such-instance.example');

    const before = await scrapeWorker();
    await done((await admin().post('/api/v1/collections/precache').expect(202)).body.id);
    const { id } = (await admin().post('/api/v1/collections').send({ slot: testSlot().toISOString() }).expect(201)).body;
    const run = await done(id);
    expect(run).toMatchObject({ okCount: 2, errorCount: 2 });
    await admin().get(`/api/v1/collections/${id}`).expect(200);
    await admin().get(`/api/v1/clients/${randomUUID()}`).expect(404);
    await api.http.get(`/no/such/${id}`).expect(404);

    // The API: requests by route template and status, never the raw path with the run's id.
    const fromApi = await scrapeApi();
    const http = fromApi.get('tally_http_request_duration_seconds')!;
    expect(http.type).toBe('histogram');
    expect(value(fromApi, 'tally_http_request_duration_seconds', { method: 'POST', route: '/api/v1/collections', status: '201' })).toBeGreaterThanOrEqual(1);
    expect(value(fromApi, 'tally_http_request_duration_seconds', { method: 'GET', route: '/api/v1/collections/:id', status: '200' })).toBeGreaterThanOrEqual(2);
    expect(value(fromApi, 'tally_http_request_duration_seconds', { method: 'GET', route: '/api/v1/clients/:id', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(value(fromApi, 'tally_http_request_duration_seconds', { method: 'GET', route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
    // Never a raw path: no id, no path nobody routed.
    const routes = fromApi.get('tally_http_request_duration_seconds_count')!.samples.map((m) => m.labels?.route ?? '');
    expect(routes.filter((r) => r.includes(id) || r.startsWith('/no/') || /[0-9a-f]{8}-[0-9a-f]{4}-/.test(r))).toEqual([]);
    expect(value(fromApi, 'tally_up', { dependency: 'redis' })).toBe(1);
    expect(value(fromApi, 'tally_up', { dependency: 'postgres' })).toBe(1);
    for (const state of ['waiting', 'active', 'delayed', 'failed']) expect(value(fromApi, 'tally_queue_jobs', { queue: 'tally-collect', state })).toBeGreaterThanOrEqual(0);
    expect(fromApi.has('process_cpu_user_seconds_total')).toBe(true);

    // The worker: its jobs, the polls' outcomes by source and class, samples, the slot.
    const after = await waitFor('the persist jobs to be counted', async () => {
      const s = await scrapeWorker();
      return (value(s, 'tally_job_duration_seconds', { job_name: 'persist-samples', outcome: 'completed' }) ?? 0) >= 2 && s;
    });
    const moved = (name: string, labels: Record<string, string> = {}) => (value(after, name, labels) ?? 0) - (value(before, name, labels) ?? 0);
    expect(moved('tally_job_duration_seconds', { queue: 'tally-collect', job_name: 'collect-slot', outcome: 'completed' })).toBe(1);
    expect(moved('tally_job_duration_seconds', { job_name: 'collect-batch', outcome: 'completed' })).toBe(2);
    expect(moved('tally_collection_outcomes_total', { source: 'ssh', outcome: 'ok', reason: 'none' })).toBe(1);
    expect(moved('tally_collection_outcomes_total', { source: 'ssh', outcome: 'failed', reason: 'connect' })).toBe(1);
    expect(moved('tally_collection_outcomes_total', { source: 'ganeti', outcome: 'ok', reason: 'none' })).toBe(1);
    expect(moved('tally_collection_outcomes_total', { source: 'ganeti', outcome: 'failed', reason: 'instance-missing' })).toBe(1);
    expect(moved('tally_job_duration_seconds', { queue: 'tally-precache', job_name: 'ganeti-precache', outcome: 'completed' })).toBe(1);
    expect(value(after, 'tally_ganeti_precache_age_seconds', { cluster: fqdn })).toBeLessThan(120);
    expect(moved('tally_samples_written_total')).toBe(run.sampleCount);
    expect(value(after, 'tally_collection_last_slot_timestamp_seconds')).toBeGreaterThan(0);
    expect(value(after, 'tally_collection_slot_lag_seconds')).toBeGreaterThan(0);
    for (const state of ['waiting', 'active', 'delayed', 'failed']) expect(value(after, 'tally_queue_jobs', { queue: 'tally-persist', state })).toBeGreaterThanOrEqual(0);
    expect(value(after, 'tally_up', { dependency: 'redis' })).toBe(1);
    expect(after.has('nodejs_eventloop_lag_seconds')).toBe(true);
  }, 90_000);

  describe('with Redis away', () => {
    let proxy: TcpProxy;
    let cutApi: TestApi;
    let cutWorker: Worker;
    let port: number;

    beforeAll(async () => {
      proxy = await startTcpProxy(Number(new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379').port || 6379));
      port = await freePort();
      const through = { ...env, REDIS_URL: `redis://127.0.0.1:${proxy.port}`, TALLY_WORKER_METRICS_PORT: String(port) };
      [cutApi, cutWorker] = await Promise.all([startApi(through), startWorkerProcess(through)]);
    }, 60_000);

    afterAll(async () => {
      proxy.restore();
      proxy.thaw();
      await cutWorker?.kill('SIGKILL');
      await cutApi?.close();
      await proxy?.close();
    });

    const timed = async <T>(scrape: () => Promise<T>) => {
      const started = Date.now();
      const result = await scrape();
      return { result, ms: Date.now() - started };
    };

    it.each([['down', () => proxy.cut()], ['hung', () => proxy.freeze()]] as const)('answers a scrape at once, with tally_up{redis} 0 and no queue series, while Redis is %s', async (_state, breakIt) => {
      breakIt();
      for (const scrape of [() => scrapeApi(cutApi), () => scrapeWorker(port)]) {
        const { result, ms } = await timed(scrape);
        expect(ms).toBeLessThan(4_000);
        expect(value(result, 'tally_up', { dependency: 'redis' })).toBe(0);
        expect(value(result, 'tally_up', { dependency: 'postgres' })).toBe(1);
        expect(value(result, 'tally_queue_jobs')).toBeUndefined();
      }
      proxy.restore();
      proxy.thaw();
      await waitFor('Redis back in the scrape', async () => value(await scrapeWorker(port), 'tally_up', { dependency: 'redis' }) === 1, 20_000);
    }, 60_000);
  });

  it('answers local callers only when no token is set', async () => {
    const open = await startApi({ ...env, TALLY_METRICS_TOKEN: '' });
    try {
      await open.http.get('/metrics').expect(200).expect('Content-Type', /^text\/plain; version=0\.0\.4/);
      // Through a proxy on this machine, for a caller elsewhere: refused.
      const res = await open.http.get('/metrics').set('X-Forwarded-For', '203.0.113.7').expect(403);
      expect(res.body.message).toMatch(/TALLY_METRICS_TOKEN/);
      // And never in the API's document: it is for Prometheus, not integrations.
      const doc = (await request(open.app.getHttpServer()).get('/api/docs-json').expect(200)).body;
      expect(Object.keys(doc.paths).filter((p) => p.includes('metrics'))).toEqual([]);
    } finally {
      await open.close();
    }
  });
});
