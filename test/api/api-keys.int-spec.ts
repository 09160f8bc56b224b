import { hashApiKey } from '@tally/security';
import { ApiKeysService } from '@tally/tenancy';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { startApi, TestApi } from '../support/api-app';
import { uniq } from '../support/factories';

interface KeyRow { id: string; key: string; prefix: string; expiresAt: string | null; previousKeyExpiresAt: string | null; lastUsedAt: string | null; lastUsedFrom: string | null }

describe('API key expiry, rotation and last use', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi()));
  afterAll(() => api.close());

  const admin = () => api.as(api.adminKey);
  const create = async (extra: Record<string, unknown> = {}): Promise<KeyRow> =>
    (await admin().post('/api/v1/api-keys').send({ name: uniq('k'), role: 'billing', ...extra }).expect(201)).body;
  const listed = async (id: string): Promise<KeyRow> =>
    (await admin().get('/api/v1/api-keys?limit=500').expect(200)).body.items.find((k: KeyRow) => k.id === id);
  const use = (key: string, from = '203.0.113.1') => api.as(key).get('/api/v1/clients').set('X-Forwarded-For', from);

  it('refuses an expired key with 401 saying when it expired, and lists the expiry', async () => {
    const expiresAt = new Date(Date.now() + 3600_000).toISOString();
    const created = await create({ expiresAt });
    expect(created.expiresAt).toBe(expiresAt);
    expect((await listed(created.id)).expiresAt).toBe(expiresAt);
    await use(created.key).expect(200);

    await api.db.query(`UPDATE api_keys SET expires_at = '2026-01-01T00:00:00Z' WHERE id = $1`, [created.id]);
    const res = await use(created.key).expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, message: 'API key expired at 2026-01-01T00:00:00.000Z', requestId: expect.any(String) });
    expect((await create()).expiresAt).toBeNull();
  });

  it.each([
    [{ expiresAt: '2020-01-01T00:00:00Z' }, /^expiresAt must be in the future$/],
    [{ expiresAt: 'tomorrow' }, /^expiresAt must be an ISO 8601 timestamp with an offset/],
    [{ expiresAt: '2030-01-01T00:00:00' }, /^expiresAt must be an ISO 8601 timestamp with an offset/],
    [{ expiresAt: 1893456000 }, /^expiresAt must be an ISO 8601 timestamp with an offset/],
  ])('refuses a key created with %j, naming the field', async (body, message) => {
    const res = await admin().post('/api/v1/api-keys').send({ name: uniq('k'), role: 'billing', ...body }).expect(400);
    expect(res.body.message).toMatch(message);
  });

  it('rotates: the new secret works at once, the old one until the overlap ends, then 401', async () => {
    const original = await create();
    await use(original.key).expect(200);
    const before = Date.now();
    const res = await admin().post(`/api/v1/api-keys/${original.id}/rotate`).send({ overlapSeconds: 600 }).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const rotated: KeyRow = res.body;
    expect(rotated).toMatchObject({ id: original.id, expiresAt: null });
    expect(rotated.key).toMatch(/^tally_[A-Za-z0-9_-]{43}$/);
    expect(rotated.key).not.toBe(original.key);
    expect(rotated.key.startsWith(rotated.prefix)).toBe(true);
    const until = Date.parse(rotated.previousKeyExpiresAt!);
    expect(until).toBeGreaterThanOrEqual(before + 600_000 - 1000);
    expect(until).toBeLessThanOrEqual(Date.now() + 600_000 + 1000);

    await use(rotated.key).expect(200);
    await use(original.key).expect(200);
    // Still only hashes at rest, of both secrets.
    const [row] = await api.db.query(`SELECT key_hash, previous_key_hash FROM api_keys WHERE id = $1`, [original.id]);
    expect(row).toEqual({ key_hash: hashApiKey(rotated.key), previous_key_hash: hashApiKey(original.key) });

    await api.db.query(`UPDATE api_keys SET previous_key_expires_at = now() - interval '1 second' WHERE id = $1`, [original.id]);
    const refused = await use(original.key).expect(401);
    expect(refused.body.message).toMatch(/^This secret was replaced when the API key was rotated and stopped working at \S+Z; use the new secret$/);
    await use(rotated.key).expect(200);
  });

  it('rotates with the default overlap, or none, and a second rotation ends the first overlap', async () => {
    const k = await create();
    const first: KeyRow = (await admin().post(`/api/v1/api-keys/${k.id}/rotate`).expect(200)).body;
    expect(Date.parse(first.previousKeyExpiresAt!) - Date.now()).toBeGreaterThan(86_400_000 - 60_000);
    const second: KeyRow = (await admin().post(`/api/v1/api-keys/${k.id}/rotate`).send({ overlapSeconds: 0 }).expect(200)).body;
    await use(k.key).expect(401);
    await use(first.key).expect(401);
    await use(second.key).expect(200);
  });

  it('refuses to rotate a revoked, expired or unknown key, or with a bad overlap', async () => {
    const revoked = await create();
    await admin().delete(`/api/v1/api-keys/${revoked.id}`).expect(200);
    expect((await admin().post(`/api/v1/api-keys/${revoked.id}/rotate`).expect(409)).body.message).toMatch(/is revoked; create a new key/);
    const expired = await create({ expiresAt: new Date(Date.now() + 60_000).toISOString() });
    await api.db.query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [expired.id]);
    expect((await admin().post(`/api/v1/api-keys/${expired.id}/rotate`).expect(409)).body.message).toMatch(/expired at .*; create a new key/);
    await admin().post('/api/v1/api-keys/00000000-0000-4000-8000-000000000000/rotate').expect(404);
    const k = await create();
    for (const overlapSeconds of [-1, 604_801, 1.5, '60']) {
      expect((await admin().post(`/api/v1/api-keys/${k.id}/rotate`).send({ overlapSeconds }).expect(400)).body.message).toMatch(/^overlapSeconds /);
    }
    await use(k.key).expect(200);
    // A rotation is an admin's act.
    const billing = await create();
    await api.as(billing.key).post(`/api/v1/api-keys/${k.id}/rotate`).expect(403);
  });

  it('keeps a hand-made TALLY_ADMIN_KEY working although it is not in the tally_ format', async () => {
    const handMade = `ops-${uniq('admin')}-${'x'.repeat(32)}`;
    await use(handMade).expect(401);
    expect(await api.app.get(ApiKeysService).ensureAdminKey(handMade, 'bootstrap for the event')).toBe('created');
    await use(handMade).expect(200);
    // Made at start-up, not by a request: its event has no actor, and never the key.
    const [event] = await api.db.query(`SELECT actor_key_id, data::text AS data FROM events WHERE type = 'api_key.created' AND data->'apiKey'->>'name' = $1`, ['bootstrap for the event']);
    expect(event.actor_key_id).toBeNull();
    expect(event.data).not.toContain(handMade);
  });

  it('records when and from where a key was last used, writing at most once a minute', async () => {
    const k = await create();
    expect(await listed(k.id)).toMatchObject({ lastUsedAt: null, lastUsedFrom: null });
    const original = PostgresQueryRunner.prototype.query;
    let writes = 0;
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query').mockImplementation(function (this: PostgresQueryRunner, ...args: Parameters<typeof original>) {
      if (/^UPDATE "api_keys"/.test(args[0]) && (args[1] ?? []).includes(k.id)) writes++;
      return original.apply(this, args);
    });
    const before = Date.now();
    try {
      await use(k.key, '203.0.113.9').expect(200);
      await Promise.all(Array.from({ length: 10 }, () => use(k.key, '203.0.113.9').expect(200)));
      await use(k.key, '2001:db8::7').expect(200);
    } finally {
      spy.mockRestore();
    }
    expect(writes).toBe(1);
    const row = await listed(k.id);
    expect(row.lastUsedFrom).toBe('203.0.113.9');
    expect(Date.parse(row.lastUsedAt!)).toBeGreaterThanOrEqual(before - 1000);

    // A minute on (as the database sees it), the next use writes again, with its own address.
    await api.db.query(`UPDATE api_keys SET last_used_at = last_used_at - interval '61 seconds' WHERE id = $1`, [k.id]);
    const fresh = await startApi();
    try {
      await fresh.as(k.key).get('/api/v1/clients').set('X-Forwarded-For', '2001:db8::7').expect(200);
    } finally {
      await fresh.close();
    }
    expect((await listed(k.id)).lastUsedFrom).toBe('2001:db8::7');
  });
});
