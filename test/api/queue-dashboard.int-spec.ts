import { startApi, TestApi } from '../support/api-app';
import { randomUUID } from 'node:crypto';
import { dropRedisPrefix } from '../collection/collection-env';
import { makeTenant, uniq } from '../support/factories';

const basic = (key: string, user = 'admin') => `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`;

/**
 * bull-board at /admin/queues: admin keys only (basic auth, the key as password, or Bearer),
 * its own CSP while the rest of the API keeps `default-src 'none'`, and off when disabled.
 */
describe('queue dashboard', () => {
  let api: TestApi;
  let billingKey: string;
  let clientKey: string;
  // Queues of its own: the test pauses one, which no other suite may see.
  const prefix = `${process.env.TALLY_QUEUE_PREFIX}-dash-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    api = await startApi({ TALLY_RATE_LIMIT_ENABLED: 'false', TALLY_QUEUE_PREFIX: prefix });
    billingKey = (await api.as(api.adminKey).post('/api/v1/api-keys').send({ name: uniq('billing'), role: 'billing' }).expect(201)).body.key;
    clientKey = (await makeTenant(api)).key;
  });

  afterAll(async () => {
    await api?.close();
    await dropRedisPrefix(prefix);
  });

  it('asks a browser for a key (401 with a Basic challenge) when none is sent, or a wrong one', async () => {
    for (const auth of [undefined, basic('tally_not-a-key'), basic(''), 'Bearer tally_nope']) {
      const req = api.http.get('/admin/queues');
      const res = await (auth ? req.set('Authorization', auth) : req).expect(401);
      expect(res.headers['www-authenticate']).toMatch(/^Basic realm=/);
      expect(res.body).toMatchObject({ statusCode: 401, message: expect.stringMatching(/admin API key|API key/) });
    }
  });

  it('refuses billing and client keys with 403, by either scheme', async () => {
    for (const key of [billingKey, clientKey]) {
      for (const auth of [basic(key), `Bearer ${key}`]) {
        const res = await api.http.get('/admin/queues/api/queues').set('Authorization', auth).expect(403);
        expect(res.body.message).toMatch(/needs role admin; this key has role (billing|client)/);
      }
    }
  });

  it('serves the page and its API to an admin key, under a CSP of its own', async () => {
    const page = await api.http.get('/admin/queues').set('Authorization', basic(api.adminKey, 'anyone')).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('Tally queues');
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);

    const queues = await api.http.get('/admin/queues/api/queues').set('Authorization', `Bearer ${api.adminKey}`).expect(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['tally-alerts', 'tally-collect', 'tally-persist', 'tally-precache']);

    // The rest of the API keeps its own, strictest policy.
    const data = await api.as(api.adminKey).get('/api/v1/clients').expect(200);
    expect(data.headers['content-security-policy']).toMatch(/^default-src 'none'/);
  });

  it('takes changes only from a page of the same origin', async () => {
    const path = '/admin/queues/api/queues/tally-collect/pause';
    const cross = await api.http.put(path).set('Authorization', basic(api.adminKey)).set('Origin', 'https://elsewhere.example').expect(403);
    expect(cross.body.message).toMatch(/same origin/);
    await api.http.put(path).set('Authorization', basic(api.adminKey)).set('Sec-Fetch-Site', 'cross-site').expect(403);
    // The dashboard itself may.
    await api.http.put(path).set('Authorization', basic(api.adminKey)).set('Sec-Fetch-Site', 'same-origin').expect(200);
    await api.http.put('/admin/queues/api/queues/tally-collect/resume').set('Authorization', basic(api.adminKey)).set('Sec-Fetch-Site', 'same-origin').expect(200);
  });

  it('is not there when TALLY_QUEUE_DASHBOARD=false', async () => {
    const off = await startApi({ TALLY_QUEUE_DASHBOARD: 'false' });
    try {
      await off.http.get('/admin/queues').set('Authorization', basic(off.adminKey)).expect(404);
      await off.http.get('/admin/queues/api/queues').set('Authorization', `Bearer ${off.adminKey}`).expect(404);
    } finally {
      await off.close();
    }
  });
});
