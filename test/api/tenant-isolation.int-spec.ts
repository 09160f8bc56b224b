import { AlertEvaluator } from '@tally/alerts';
import { startApi, TestApi } from '../support/api-app';
import { makeTenant, uniq } from '../support/factories';

/**
 * Tenant B's client key (with push rights) walks EVERY operation in the OpenAPI document,
 * aimed at tenant A's objects. Nothing of A may come back, nothing may change, nothing may 5xx.
 * New endpoints are covered automatically because the walk is driven by the document.
 */
describe('tenant isolation on every endpoint', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi()));
  afterAll(() => api.close());

  it('never shows or changes another client\'s data', async () => {
    const admin = api.as(api.adminKey);
    const a = await makeTenant(api);
    const b = await makeTenant(api, ['samples:write']);
    const resource = (await admin.post('/api/v1/resources').send({ projectId: a.project.id, name: uniq('db'), type: 'database' }).expect(201)).body;
    const ts = new Date(Date.now() - 3600_000).toISOString();
    await admin.post('/api/v1/samples').send({ samples: [{ resourceId: resource.id, measurement: 'memory.used', ts, value: 41 }] }).expect((r) => expect(r.status).toBeLessThan(300));
    const aKeys = (await admin.get(`/api/v1/api-keys?clientId=${a.client.id}`).expect(200)).body.items;
    // A rate card assigned to A alone, with a price and an override of A's.
    const card = (await admin.post('/api/v1/rate-cards').send({ name: uniq('card-of-a'), currency: 'EUR' }).expect(201)).body;
    const price = (await admin.post(`/api/v1/rate-cards/${card.id}/prices`).send({ measurement: 'memory.used', unitPrice: '0.01' }).expect(201)).body;
    await admin.put(`/api/v1/clients/${a.client.id}/rate-card`).send({ rateCardId: card.id, overrides: [{ measurement: 'memory.used', unitPrice: '0.0077' }] }).expect(200);
    const webhook = (await api.as(a.key).post('/api/v1/webhooks').send({ url: `https://hooks.example.net/${uniq('a')}`, events: ['*'], description: uniq('hook-of-a') }).expect(201)).body;
    const correction = (await admin.post('/api/v1/corrections')
      .send({ reason: `fix ${a.client.name}`, samples: [{ resourceId: resource.id, measurement: 'memory.used', ts, value: 42 }] }).expect(201)).body;
    // An alert rule on A's resource, an incident of A's (the sample above breaches it), a maintenance window on A's client.
    const rule = (await admin.post('/api/v1/alert-rules')
      .send({ name: uniq('rule-of-a'), measurement: 'memory.used', scopeType: 'resource', scopeId: resource.id, crit: 1, forEvaluations: 1 }).expect(201)).body;
    await api.app.get(AlertEvaluator).evaluate(new Date(ts), [resource.id]);
    const incident = (await admin.get(`/api/v1/alerts?ruleId=${rule.id}`).expect(200)).body.items[0];
    const window = (await admin.post('/api/v1/maintenance-windows')
      .send({ name: uniq('window-of-a'), scopeType: 'client', scopeId: a.client.id, startsAt: ts, endsAt: new Date(Date.now() + 3600_000).toISOString() }).expect(201)).body;

    const ids: Record<string, string> = {
      clients: a.client.id,
      projects: a.project.id,
      resources: resource.id,
      'api-keys': aKeys[0].id,
      measurements: 'memory.used',
      'rate-cards': card.id,
      prices: price.id,
      corrections: correction.id,
      webhooks: webhook.id,
      'alert-rules': rule.id,
      alerts: String(incident.id),
      'maintenance-windows': window.id,
    };
    const secrets = [a.client.id, a.project.id, resource.id, a.client.name, a.project.name, resource.name, a.key, card.id, card.name, price.id, '0.0077', correction.id, correction.reason, webhook.id, webhook.url, webhook.description, webhook.secret, rule.id, rule.name, window.id, window.name];
    const body = {
      clientId: a.client.id,
      projectId: a.project.id,
      resourceId: resource.id,
      name: uniq('probe'),
      samples: [{ resourceId: resource.id, measurement: 'memory.used', ts, value: 1 }],
    };

    const doc = (await api.http.get('/api/docs-json').expect(200)).body;
    const probed: string[] = [];
    for (const [path, ops] of Object.entries<Record<string, unknown>>(doc.paths)) {
      if (!path.startsWith('/api/v1/')) continue;
      for (const method of Object.keys(ops) as ('get' | 'post' | 'patch' | 'put' | 'delete')[]) {
        const url = path.replace(/\/([a-z-]+)\/\{(\w+)\}/g, (_, collection: string) => `/${collection}/${ids[collection] ?? a.client.id}`);
        const req = api.as(b.key)[method](url);
        const withBody = method !== 'get' && method !== 'delete';
        const res = withBody ? await req.send(body) : await req;
        // An error may echo what the caller itself sent ("client <id> not found"); anything else of A is a leak.
        const sent = url + (withBody ? JSON.stringify(body) : '');
        probed.push(`${method.toUpperCase()} ${path} → ${res.status}`);
        expect([method, path, res.status < 500]).toEqual([method, path, true]);
        const text = JSON.stringify(res.body) + (res.text ?? '');
        for (const secret of secrets.filter((x) => !sent.includes(x))) {
          expect([method, path, text.includes(secret)]).toEqual([method, path, false]);
        }
        if (res.status < 300 && method !== 'get') {
          throw new Error(`${method} ${path} succeeded for another tenant's key (${res.status})`);
        }
      }
    }
    expect(probed.length).toBeGreaterThanOrEqual(15);
    // Every rate card operation was walked, and B's key read none of A's (404) or was refused (403).
    const pricing = probed.filter((p) => p.includes('rate-card'));
    expect(pricing).toHaveLength(12);
    for (const p of pricing) expect(p).toMatch(/→ (403|404)$|^GET \/api\/v1\/rate-cards → 200$/);
    expect(probed.filter((p) => p.includes('/corrections')).sort()).toEqual([
      'GET /api/v1/corrections → 403', 'GET /api/v1/corrections/{id} → 403', 'POST /api/v1/corrections → 403',
    ]);
    // Capacity figures are the operator's: a client key (even A's own) is refused.
    expect(probed).toContain('GET /api/v1/collections/capacity → 403');
    await api.as(a.key).get('/api/v1/collections/capacity').expect(403);
    // Alert rules and incidents of A are invisible to B (404) or refused (403); B's lists hold none of A's.
    for (const p of probed.filter((x) => /alert|maintenance/.test(x))) expect(p).toMatch(/→ (403|404)$|^GET \/api\/v1\/(alert-rules|alerts) → 200$/);
    expect((await api.as(b.key).get('/api/v1/alerts').expect(200)).body.total).toBe(0);
    expect((await api.as(a.key).get(`/api/v1/alerts/${incident.id}`).expect(200)).body).toMatchObject({ ruleId: rule.id, clientId: a.client.id });
    expect((await api.as(a.key).get(`/api/v1/alert-rules/${rule.id}`).expect(200)).body.id).toBe(rule.id);

    // The direct reads answer exactly as if A's objects did not exist.
    for (const url of [
      `/api/v1/clients/${a.client.id}`, `/api/v1/projects/${a.project.id}`, `/api/v1/resources/${resource.id}`, `/api/v1/resources/${resource.id}/samples`,
      `/api/v1/rate-cards/${card.id}`, `/api/v1/rate-cards/${card.id}/prices/${price.id}`, `/api/v1/clients/${a.client.id}/rate-card`,
    ]) {
      expect((await api.as(b.key).get(url)).status).toBe(404);
    }
    // B's key cannot subscribe to A's events, even with a valid body naming A.
    expect((await api.as(b.key).post('/api/v1/webhooks').send({ url: 'https://hooks.example.net/b', events: ['*'], clientId: a.client.id })).status).toBe(400);
    for (const url of [`/api/v1/webhooks/${webhook.id}`, `/api/v1/webhooks/${webhook.id}/deliveries`]) expect((await api.as(b.key).get(url)).status).toBe(404);
    expect((await admin.get(`/api/v1/webhooks/${webhook.id}`).expect(200)).body).toMatchObject({ url: webhook.url, active: true, events: ['*'] });
    // And A's data is intact.
    expect((await admin.get(`/api/v1/clients/${a.client.id}`).expect(200)).body.name).toBe(a.client.name);
    expect((await admin.get(`/api/v1/clients/${a.client.id}/rate-card`).expect(200)).body).toMatchObject({ rateCard: { id: card.id }, overrides: [{ unitPrice: '0.0077' }] });
    expect((await admin.get(`/api/v1/rate-cards/${card.id}`).expect(200)).body.prices).toEqual([price]);
    // And A's own key does see them: the 404s above are the tenant rule, not missing data.
    await api.as(a.key).get(`/api/v1/rate-cards/${card.id}/prices/${price.id}`).expect(200);
    // Every report format keeps the tenant rule: B's key gets A's report in none, A's own key in each.
    for (const format of ['csv', 'json', 'xlsx', 'focus', 'pdf']) {
      expect([format, (await api.as(b.key).get(`/api/v1/clients/${a.client.id}/report?format=${format}`)).status]).toEqual([format, 404]);
      expect([format, (await api.as(a.key).get(`/api/v1/clients/${a.client.id}/report?format=${format}`)).status]).toEqual([format, 200]);
    }
    const samples = (await admin.get(`/api/v1/resources/${resource.id}/samples`).expect(200)).body;
    expect(samples.items).toEqual([expect.objectContaining({ measurement: 'memory.used', value: 42 })]);
    // The billing page's summary: B's key sees its own client only; A's key sees A (so the filter is the tenant, not an empty answer).
    expect((await api.as(b.key).get('/api/v1/reports/summary').expect(200)).body.clients.map((c: { id: string }) => c.id)).toEqual([b.client.id]);
    expect((await api.as(a.key).get('/api/v1/reports/summary').expect(200)).body.clients.map((c: { id: string }) => c.id)).toEqual([a.client.id]);
  });
});
