import { makeTenant, uniq } from '../support/factories';
import { startApi, TestApi } from '../support/api-app';
import { proxyFor, TcpProxy } from '../support/tcp-proxy';
import { collectionEnv, privateDatabase, waitFor } from '../collection/collection-env';

/**
 * Postgres or Redis goes away under a running API (each through a TCP proxy of the test's own;
 * the shared servers keep running). Every endpoint a caller would use answers 503 with
 * Retry-After, within the timeouts, never 500 and never a hang.
 */
describe('the API while a dependency is down', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let api: TestApi;
  let pg: TcpProxy;
  let redis: TcpProxy;
  let clientId: string;
  let resourceId: string;

  beforeAll(async () => {
    db = await privateDatabase();
    let pgUrl: string;
    let redisUrl: string;
    ({ proxy: pg, url: pgUrl } = await proxyFor(db.url, 5432));
    ({ proxy: redis, url: redisUrl } = await proxyFor(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 6379));
    api = await startApi(collectionEnv(pgUrl, { REDIS_URL: redisUrl }));
    const { client, project } = await makeTenant(api);
    clientId = client.id;
    resourceId = (await api.as(api.adminKey).post('/api/v1/resources').send({ projectId: project.id, name: uniq('db'), type: 'database' }).expect(201)).body.id;
  });

  afterAll(async () => {
    pg?.restore();
    redis?.restore();
    await api?.close();
    await pg?.close();
    await redis?.close();
    await db?.drop();
  });

  const admin = () => api.as(api.adminKey);
  const calls = () => [
    ['GET /clients', () => admin().get('/api/v1/clients')],
    ['GET /clients/:id', () => admin().get(`/api/v1/clients/${clientId}`)],
    ['PATCH /clients/:id', () => admin().patch(`/api/v1/clients/${clientId}`).send({ name: 'Outage plc' })],
    ['POST /samples', () => admin().post('/api/v1/samples').send({ samples: [{ resourceId, measurement: 'disk.used', value: 2, ts: new Date().toISOString() }] })],
    ['GET /clients/:id/report', () => admin().get(`/api/v1/clients/${clientId}/report?from=${new Date(Date.now() - 86_400_000).toISOString()}&to=${new Date().toISOString()}`)],
    ['GET /collections', () => admin().get('/api/v1/collections')],
    ['GET /collections/schedules', () => admin().get('/api/v1/collections/schedules')],
    ['POST /collections', () => admin().post('/api/v1/collections').send({})],
    ['GET /events', () => admin().get('/api/v1/events')],
  ] as const;

  /** Every call answers within the timeouts with an allowed status, or 503 naming `which` with Retry-After. */
  async function expectHonest(which: RegExp, allowed: number[]) {
    const seen = [];
    for (const [name, call] of calls()) {
      const started = Date.now();
      const res = await call();
      const ms = Date.now() - started;
      const refused = res.status === 503;
      seen.push({
        name,
        status: allowed.includes(res.status) ? 'allowed' : res.status,
        fast: ms < 12_000 || ms,
        ...(refused ? { retryAfter: Number(res.headers['retry-after']) > 0, says: which.test(res.body.message) || res.body.message, requestId: !!res.body.requestId } : {}),
      });
    }
    // One comparison of the whole table, so a failure shows every endpoint at once.
    expect(seen).toEqual(seen.map((x) => (x.status === 503
      ? { name: x.name, status: 503, fast: true, retryAfter: true, says: true, requestId: true }
      : { name: x.name, status: 'allowed', fast: true })));
  }

  it('answers 503 with Retry-After while Postgres is down, and serves again when it is back', async () => {
    pg.cut();
    await expectHonest(/database|PostgreSQL|Postgres/, []);
    pg.restore();
    await waitFor('the API to reach Postgres again', async () => (await admin().get('/api/v1/clients')).status === 200, 20_000);
  });

  it('answers 503 with Retry-After where Redis is needed while it is down; the rest keeps working', async () => {
    redis.cut();
    await waitFor('the API to see Redis gone', async () => (await api.http.get('/health/ready')).status === 503);
    // Rate limits fail open while Redis is away (docs/api.md); reads of Postgres go on.
    await expectHonest(/Redis/, [200, 201, 202]);
    expect((await admin().get('/api/v1/collections/schedules')).status).toBe(503);
    redis.restore();
    await waitFor('the API to reach Redis again', async () => (await api.http.get('/health/ready')).status === 200, 20_000);
  });
});
