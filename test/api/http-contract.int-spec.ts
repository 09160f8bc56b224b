import SwaggerParser from '@apidevtools/swagger-parser';
import { randomUUID } from 'node:crypto';
import { startApi, TestApi } from '../support/api-app';

/** Design §5: one error shape, fields named, never a 5xx for client input. */
describe('HTTP contract', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi({ TALLY_BODY_LIMIT: '64kb' })));
  afterAll(() => api.close());

  const expectShape = (body: Record<string, unknown>, status: number) => {
    expect(body).toEqual({ statusCode: status, error: expect.any(String), message: expect.any(String), requestId: expect.any(String) });
  };

  it('answers malformed JSON with 400', async () => {
    const res = await api.as(api.adminKey).post('/api/v1/clients').set('Content-Type', 'application/json').send('{"name": ').expect(400);
    expectShape(res.body, 400);
    expect(res.body.message).toMatch(/Malformed JSON/);
  });

  it.each([
    [{ name: 42 }, /^name must be a string/],
    [{ name: 'x', active: 'yes' }, /^active must be a boolean/],
    [{ name: 'x', color: 'red' }, /property color should not exist/],
    [{}, /^name /],
    [{ name: ' padded' }, /^name must not start or end with white space/],
  ])('names the field for body %j', async (body, message) => {
    const res = await api.as(api.adminKey).post('/api/v1/clients').send(body).expect(400);
    expectShape(res.body, 400);
    expect(res.body.message).toMatch(message);
  });

  it('answers an oversized body with 413', async () => {
    const res = await api.as(api.adminKey).post('/api/v1/clients').send({ name: 'x'.repeat(100_000) }).expect(413);
    expectShape(res.body, 413);
  });

  it.each([
    ['/api/v1/clients/not-a-uuid', /^id must be a UUID/],
    ['/api/v1/clients?limit=501', /^limit must not be greater than 500/],
    ['/api/v1/clients?limit=0', /^limit must not be less than 1/],
    ['/api/v1/clients?offset=-1', /^offset must not be less than 0/],
    ['/api/v1/clients?limit=abc', /^limit must be an integer/],
    ['/api/v1/clients?active=maybe', /^active must be a boolean/],
    ['/api/v1/projects?clientId=123', /^clientId must be a UUID/],
  ])('rejects %s with 400', async (url, message) => {
    const res = await api.as(api.adminKey).get(url).expect(400);
    expectShape(res.body, 400);
    expect(res.body.message).toMatch(message);
  });

  it('answers unknown routes and unknown ids with 404 in the same shape', async () => {
    expectShape((await api.as(api.adminKey).get('/api/v1/nothing-here').expect(404)).body, 404);
    const res = await api.as(api.adminKey).get(`/api/v1/clients/${randomUUID()}`).expect(404);
    expect(res.body.message).toMatch(/^client .* not found$/);
  });

  it('echoes a sane X-Request-Id and mints one otherwise', async () => {
    const res = await api.http.get('/api/v1/clients').set('X-Request-Id', 'trace-abc.123').expect(401);
    expect(res.headers['x-request-id']).toBe('trace-abc.123');
    expect(res.body.requestId).toBe('trace-abc.123');
    const minted = await api.http.get('/api/v1/clients').set('X-Request-Id', 'bad id with spaces').expect(401);
    expect(minted.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports liveness and readiness without a key', async () => {
    await api.http.get('/health/live').expect(200, { status: 'up' });
    const ready = await api.http.get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'up', checks: { postgres: { status: 'up', pool: { size: 10 }, reports: { size: 2, inUse: 0, waiting: 0 } }, redis: { status: 'up' } } });
  });

  it('serves Swagger UI and a valid OpenAPI document with the bearer scheme on every API route', async () => {
    const ui = await api.http.get('/api/docs/').expect(200);
    expect(ui.text).toMatch(/swagger-ui/i);
    const doc = (await api.http.get('/api/docs-json').expect(200)).body;
    await SwaggerParser.validate(structuredClone(doc));
    expect(doc.components.securitySchemes['api-key']).toMatchObject({ type: 'http', scheme: 'bearer' });
    const apiPaths = Object.keys(doc.paths).filter((p) => p.startsWith('/api/v1/'));
    expect(apiPaths.length).toBeGreaterThan(3);
    for (const path of apiPaths) {
      for (const [method, op] of Object.entries<{ security?: unknown[]; responses: object }>(doc.paths[path])) {
        expect([method, path, op.security ?? doc.security]).toEqual([method, path, [{ 'api-key': [] }]]);
      }
    }
  });
});
