import { generateApiKey, hashApiKey } from '@tally/security';
import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Response } from 'supertest';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { startApi, TestApi } from '../support/api-app';
import { makeTenant, uniq } from '../support/factories';
import { freePort } from '../support/net';
import { startTcpProxy, TcpProxy } from '../support/tcp-proxy';

/** Small limits, so the suite reaches them in seconds. Every API below shares them. */
const LIMITS = {
  TALLY_RATE_LIMIT_AUTH_FAILURES: '20',
  TALLY_RATE_LIMIT_AUTH_WINDOW_SECONDS: '600',
  TALLY_RATE_LIMIT_KEY_REQUESTS: '30',
  TALLY_RATE_LIMIT_KEY_WINDOW_SECONDS: '60',
  TALLY_RATE_LIMIT_INGEST_REQUESTS: '5',
  TALLY_RATE_LIMIT_INGEST_WINDOW_SECONDS: '60',
  // On a loaded test machine a Redis answer can take over 100 ms; the per-process fallback would
  // then count afresh and blur what these tests count. The outage tests set their own.
  TALLY_RATE_LIMIT_REDIS_TIMEOUT_MS: '2000',
};

/** A client address of its own per test (behind the trusted loopback proxy), so buckets never carry over. */
const CLIENTS = 16;
const address = () => `198.18.${randomInt(256)}.${randomInt(1, 255)}`;

/**
 * Counts the queries this process sends to Postgres that match; they still run, on the real
 * database. How the suite sees whether a key cost a lookup.
 */
function countQueries(match: (sql: string, params: unknown[]) => boolean) {
  const original = PostgresQueryRunner.prototype.query;
  const counter = { count: 0, stop: () => spy.mockRestore() };
  const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query').mockImplementation(function (this: PostgresQueryRunner, ...args: Parameters<typeof original>) {
    if (match(args[0], args[1] ?? [])) counter.count++;
    return original.apply(this, args);
  });
  return counter;
}

const expectErrorShape = (res: Response, status: number) =>
  expect(res.body).toEqual({ statusCode: status, error: expect.any(String), message: expect.any(String), requestId: expect.any(String) });

describe('rate limits', () => {
  let api: TestApi;
  let other: TestApi;
  beforeAll(async () => {
    api = await startApi(LIMITS);
    // A second replica: same Redis, same queue prefix.
    other = await startApi(LIMITS);
  });
  afterAll(async () => {
    await api?.close();
    await other?.close();
  });

  const newAdminKey = async () => (await api.as(api.adminKey).post('/api/v1/api-keys').send({ name: uniq('rl'), role: 'admin' }).expect(201)).body.key as string;

  it('answers a spray of random keys with 429 after the limit, looking up only a bounded number of them', async () => {
    const sprayer = address();
    const keys = Array.from({ length: 1000 }, () => generateApiKey());
    const hashes = new Set(keys.map(hashApiKey));
    const lookups = countQueries((_, params) => params.some((p) => typeof p === 'string' && hashes.has(p)));
    const realKey = await newAdminKey();

    const statuses = new Map<number, number>();
    let throttled: Response | undefined;
    const ownerMeanwhile: number[] = [];
    const start = Date.now();
    let next = 0;
    // 16 clients at once, together at most 250 requests a second, as in the finding.
    const client = async () => {
      for (let i = next++; i < keys.length; i = next++) {
        await sleep(Math.max(0, start + i * 4 - Date.now()));
        const res = await api.as(keys[i]).get('/api/v1/clients').set('X-Forwarded-For', sprayer);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 429) throttled ??= res;
        if (i % 100 === 50) ownerMeanwhile.push((await other.as(realKey).get('/api/v1/clients').set('X-Forwarded-For', address())).status);
      }
    };
    try {
      await Promise.all(Array.from({ length: CLIENTS }, client));
    } finally {
      lookups.stop();
    }
    const elapsedMs = Date.now() - start;

    // 20 at once, then one more every 600 s / 20 = 30 s, however many requests are in flight.
    const bound = 20 + Math.floor(elapsedMs / 30_000);
    expect(lookups.count).toBeLessThanOrEqual(bound);
    expect(lookups.count).toBeGreaterThanOrEqual(20);
    expect(statuses.get(401)).toBe(lookups.count);
    expect(statuses.get(429)).toBe(1000 - lookups.count);
    expect([...statuses.keys()].sort()).toEqual([401, 429]);
    // The key's owner, elsewhere, was never held up.
    expect(ownerMeanwhile).toEqual(Array(10).fill(200));

    expectErrorShape(throttled!, 429);
    expect(throttled!.body.message).toMatch(/^Too many failed authentications from 198\.18\.\d+\.\d+ \(20 per 600 s\); retry after \d+ s$/);
    expect(Number(throttled!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(throttled!.headers['ratelimit-policy']).toBe('"auth-failures";q=20;w=600');
    expect(throttled!.headers['ratelimit']).toMatch(/^"auth-failures";r=0;t=\d+$/);

    // From the sprayer's address even the real key waits, but the public health checks do not.
    await api.as(realKey).get('/api/v1/clients').set('X-Forwarded-For', sprayer).expect(429);
    await api.http.get('/health/live').set('X-Forwarded-For', sprayer).expect(200);
    await api.http.get('/health/ready').set('X-Forwarded-For', sprayer).expect(200);
  });

  it('lets the real key in from a throttled address once Retry-After has passed', async () => {
    const short = await startApi({ ...LIMITS, TALLY_RATE_LIMIT_AUTH_FAILURES: '3', TALLY_RATE_LIMIT_AUTH_WINDOW_SECONDS: '6' });
    try {
      const from = address();
      const realKey = await newAdminKey();
      for (let i = 0; i < 3; i++) await short.as(generateApiKey()).get('/api/v1/clients').set('X-Forwarded-For', from).expect(401);
      await short.as(generateApiKey()).get('/api/v1/clients').set('X-Forwarded-For', from).expect(429);
      const blocked = await short.as(realKey).get('/api/v1/clients').set('X-Forwarded-For', from).expect(429);
      expect(blocked.headers['retry-after']).toMatch(/^[12]$/);
      await sleep(Number(blocked.headers['retry-after']) * 1000);
      await short.as(realKey).get('/api/v1/clients').set('X-Forwarded-For', from).expect(200);
      // Its success gave the attempt back: the address is no closer to a 429 than before.
      await short.as(realKey).get('/api/v1/clients').set('X-Forwarded-For', from).expect(200);
    } finally {
      await short.close();
    }
  });

  it('refuses keys that cannot be valid without looking them up, and counts them as failures', async () => {
    const from = address();
    const lookups = countQueries((sql) => sql.includes('"api_keys"'));
    const malformed = [`${generateApiKey()}x`, generateApiKey().slice(0, -1), `tally_${'!'.repeat(43)}`, `Tally_${generateApiKey().slice(6)}`, 'x'.repeat(49)];
    const answers: Response[] = [];
    try {
      for (let i = 0; i < 21; i++) answers.push(await api.as(malformed[i % malformed.length]).get('/api/v1/clients').set('X-Forwarded-For', from));
    } finally {
      lookups.stop();
    }
    expect(lookups.count).toBe(0);
    expect(answers.slice(0, 20).map((r) => r.status)).toEqual(Array(20).fill(401));
    expect(answers[0].body.message).toMatch(/^Malformed API key: a Tally key is "tally_" followed by 43 characters/);
    expect(answers[0].headers['ratelimit']).toMatch(/^"auth-failures";r=19;t=\d+$/);
    expect(answers[20].status).toBe(429);
  });

  it('limits each key, counting across API replicas through Redis', async () => {
    const key = await newAdminKey();
    const from = address();
    const first = await api.as(key).get('/api/v1/clients').set('X-Forwarded-For', from).expect(200);
    expect(first.headers['ratelimit-policy']).toBe('"key";q=30;w=60');
    expect(first.headers['ratelimit']).toMatch(/^"key";r=29;t=\d+$/);
    for (let i = 1; i < 30; i++) await (i % 2 ? other : api).as(key).get('/api/v1/clients').set('X-Forwarded-For', from).expect(200);
    for (const replica of [api, other]) {
      const res = await replica.as(key).get('/api/v1/clients').set('X-Forwarded-For', from).expect(429);
      expectErrorShape(res, 429);
      expect(res.body.message).toMatch(/^Rate limit of 30 requests per 60 s for this API key exceeded; retry after [12] s$/);
      expect(res.headers['retry-after']).toMatch(/^[12]$/);
      expect(res.headers['ratelimit']).toMatch(/^"key";r=0;t=[12]$/);
    }
    // Another key, from the same address, is not affected.
    await api.as(api.adminKey).get('/api/v1/clients').set('X-Forwarded-For', from).expect(200);
  });

  it('limits ingestion separately from the rest of what a key does', async () => {
    const key = await newAdminKey();
    const { project } = await makeTenant(api);
    const resource = (await api.as(api.adminKey).post('/api/v1/resources').send({ projectId: project.id, name: uniq('db'), type: 'database' }).expect(201)).body;
    const push = (i: number) =>
      api.as(key).post('/api/v1/samples').send({ samples: [{ resourceId: resource.id, measurement: 'memory.used', ts: new Date(Date.now() - i * 60_000).toISOString(), value: i }] });
    const firstPush = await push(0).expect(200);
    expect(firstPush.headers['ratelimit-policy']).toBe('"key";q=30;w=60, "ingestion";q=5;w=60');
    expect(firstPush.headers['ratelimit']).toMatch(/^"key";r=29;t=\d+, "ingestion";r=4;t=\d+$/);
    for (let i = 1; i < 5; i++) await push(i).expect(200);
    const refused = await push(5).expect(429);
    expect(refused.body.message).toMatch(/^Ingestion rate limit of 5 requests per 60 s for this API key exceeded \(send fewer, larger batches\); retry after \d+ s$/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(11);
    // Reads with the same key go on; the refused push cost the key nothing.
    const read = await api.as(key).get(`/api/v1/resources/${resource.id}/samples`).expect(200);
    expect(read.body.total).toBe(5);
    expect(read.headers['ratelimit']).toMatch(/^"key";r=2[45];t=\d+$/);
  });

  describe('when Redis goes away', () => {
    let proxy: TcpProxy;
    let cut: TestApi;
    beforeAll(async () => {
      proxy = await startTcpProxy(Number(new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379').port || 6379));
      cut = await startApi({ ...LIMITS, REDIS_URL: `redis://127.0.0.1:${proxy.port}`, TALLY_RATE_LIMIT_REDIS_TIMEOUT_MS: '100' });
    });
    afterAll(async () => {
      await cut?.close();
      await proxy?.close();
    });

    it('keeps answering, limits per process, and shares counts again once Redis is back', async () => {
      const key = await newAdminKey();
      const get = () => cut.as(key).get('/api/v1/clients').set('X-Forwarded-For', address());
      for (let i = 0; i < 3; i++) await get().expect(200); // counted in Redis

      proxy.cut();
      const timed: { status: number; ms: number }[] = [];
      for (let i = 0; i < 31; i++) {
        const t = Date.now();
        const res = await get();
        timed.push({ status: res.status, ms: Date.now() - t });
      }
      // The process's own limiter took over with a fresh count: 30 pass, the 31st is refused.
      expect(timed.map((x) => x.status)).toEqual([...Array(30).fill(200), 429]);
      expect(Math.max(...timed.map((x) => x.ms))).toBeLessThan(1000);

      proxy.restore();
      // Back on Redis, where the key has used 3 of 30: the first request the shared count lets through.
      const deadline = Date.now() + 15_000;
      let res = await get();
      while (res.status === 429 && Date.now() < deadline) {
        await sleep(100);
        res = await get();
      }
      expect(res.status).toBe(200);
      expect(res.headers['ratelimit']).toMatch(/^"key";r=2\d;t=\d+$/);
    });

    it('starts and limits per process when no Redis listens at all', async () => {
      const nowhere = await startApi({ ...LIMITS, REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
      try {
        const key = await newAdminKey();
        const statuses: number[] = [];
        for (let i = 0; i < 31; i++) statuses.push((await nowhere.as(key).get('/api/v1/clients').set('X-Forwarded-For', address())).status);
        expect(statuses).toEqual([...Array(30).fill(200), 429]);
        const spray = await nowhere.as(generateApiKey()).get('/api/v1/clients').expect(401);
        expect(spray.headers['ratelimit']).toMatch(/^"auth-failures";r=19;t=\d+$/);
      } finally {
        await nowhere.close();
      }
    });

    it('bounds the time a request waits for a Redis that stopped answering', async () => {
      const key = await newAdminKey();
      await cut.as(key).get('/api/v1/clients').expect(200);
      proxy.freeze();
      try {
        for (let i = 0; i < 5; i++) {
          const t = Date.now();
          await cut.as(key).get('/api/v1/clients').expect(200);
          // 100 ms for each Redis call at most, then the per-process limiter decides.
          expect(Date.now() - t).toBeLessThan(800);
        }
      } finally {
        proxy.thaw();
      }
    });
  });
});
