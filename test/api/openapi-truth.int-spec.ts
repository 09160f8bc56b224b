import { startApi, TestApi } from '../support/api-app';
import { uniq } from '../support/factories';

type Schema = { type?: string; nullable?: boolean; properties?: Record<string, Schema>; additionalProperties?: unknown; allOf?: unknown; $ref?: string; required?: string[] };
type Operation = { operationId: string; security?: unknown[]; requestBody?: unknown; responses: Record<string, { content?: Record<string, { schema: Schema }>; headers?: Record<string, unknown> }> };
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema>; securitySchemes: Record<string, Record<string, string>> }; security: unknown[] };

/** Issue 8, item 5: the OpenAPI document says what the server does, and responses carry the security headers. */
describe('the OpenAPI document and the headers tell the truth', () => {
  let api: TestApi;
  let doc: Doc;
  let operations: [string, string, Operation][];
  beforeAll(async () => {
    api = await startApi();
    doc = (await api.http.get('/api/docs-json').expect(200)).body;
    operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => [method, path, op] as [string, string, Operation]));
  });
  afterAll(() => api.close());

  it('names every operation for generated clients, uniquely and stably', () => {
    const ids = operations.map(([, , op]) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+[A-Z][A-Za-z]*$/);
    const byRoute = Object.fromEntries(operations.map(([method, path, op]) => [`${method.toUpperCase()} ${path}`, op.operationId]));
    expect(byRoute).toMatchObject({
      'GET /api/v1/clients': 'listClients',
      'GET /api/v1/clients/{id}': 'getClient',
      'POST /api/v1/clients': 'createClient',
      'PATCH /api/v1/clients/{id}': 'updateClient',
      'DELETE /api/v1/clients/{id}': 'deleteClient',
      'POST /api/v1/samples': 'pushSamples',
      'GET /api/v1/resources/{id}/samples': 'listResourceSamples',
      'GET /api/v1/clients/{id}/report': 'getClientReport',
      'POST /api/v1/collections': 'triggerCollection',
      'DELETE /api/v1/api-keys/{id}': 'revokeApiKey',
      'GET /health/ready': 'getReadiness',
    });
  });

  it('marks the public endpoints public and describes the key as opaque', () => {
    const publicOps = operations.filter(([, , op]) => op.security?.length === 0).map(([m, p]) => `${m} ${p}`);
    expect(publicOps.sort()).toEqual(['get /health/live', 'get /health/ready']);
    const scheme = doc.components.securitySchemes['api-key'];
    expect(scheme.bearerFormat).not.toMatch(/jwt/i);
    expect(scheme.description).toMatch(/tally_/);
  });

  it('types every nullable field, string | null as a nullable string', () => {
    const untyped: string[] = [];
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      for (const [prop, p] of Object.entries(schema.properties ?? {})) {
        const shapeless = p.type === 'object' && !p.properties && !p.additionalProperties && !p.allOf;
        if (shapeless || (p.nullable && !p.type && !p.allOf)) untyped.push(`${name}.${prop}`);
      }
    }
    expect(untyped).toEqual([]);
    for (const [schema, prop] of [['ClientDto', 'billingRef'], ['CreateClientDto', 'billingRef'], ['UpdateClientDto', 'billingRef'], ['CreateProjectDto', 'description'], ['UpdateProjectDto', 'description']]) {
      expect([schema, doc.components.schemas[schema].properties![prop]]).toEqual([schema, expect.objectContaining({ type: 'string', nullable: true })]);
    }
  });

  it('documents what the HTTP layer answers on every operation, in the one error shape', () => {
    for (const [method, path, op] of operations) {
      const secured = (op.security ?? doc.security).length > 0;
      const expected = ['400', ...(secured ? ['401', '403', '429'] : []), ...(['post', 'put', 'patch'].includes(method) ? ['413', '415'] : [])];
      expect([method, path, expected.filter((s) => !op.responses[s])]).toEqual([method, path, []]);
      for (const [status, response] of Object.entries(op.responses).filter(([s]) => Number(s) >= 400)) {
        const ref = response.content?.['application/json']?.schema.$ref ?? '';
        expect([method, path, status, ref]).toEqual([method, path, status, expect.stringMatching(/^#\/components\/schemas\/\w*ErrorDto$/)]);
      }
      if (secured) expect(Object.keys(op.responses['429'].headers ?? {})).toEqual(['Retry-After', 'RateLimit-Policy', 'RateLimit']);
    }
  });

  it("documents POST /samples' 400 with errors only where the server sends them", async () => {
    expect(doc.paths['/api/v1/samples'].post.responses['400'].content!['application/json'].schema.$ref).toBe('#/components/schemas/SampleBatchErrorDto');
    expect(doc.components.schemas.SampleBatchErrorDto.required ?? []).not.toContain('errors');
    const admin = api.as(api.adminKey);
    expect((await admin.post('/api/v1/samples').send({ other: 1 }).expect(400)).body.errors).toBeUndefined();
    expect((await admin.post('/api/v1/samples').send({ samples: [{}] }).expect(400)).body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ index: 0 })]));
  });

  describe('security headers', () => {
    const expectApiHeaders = (headers: Record<string, string>) => {
      expect(headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'cache-control': 'no-store',
      });
      expect(headers['content-security-policy']).toMatch(/^default-src 'none'/);
      expect(headers['x-powered-by']).toBeUndefined();
    };

    it('come with every API answer, errors included, and a new key is never cached', async () => {
      expectApiHeaders((await api.http.get('/api/v1/clients').expect(401)).headers);
      expectApiHeaders((await api.http.get('/health/live').expect(200)).headers);
      const created = await api.as(api.adminKey).post('/api/v1/api-keys').send({ name: uniq('k'), role: 'billing' }).expect(201);
      expect(created.body.key).toMatch(/^tally_/);
      expectApiHeaders(created.headers);
    });

    it('let Swagger UI load its own scripts and styles, and nothing inline runs', async () => {
      const page = await api.http.get('/api/docs/').expect(200);
      const csp = page.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attrs, body] of scripts) {
        expect([attrs, body.trim()]).toEqual([expect.stringMatching(/src=["']\.\/[\w.-]+\.js["']/), '']);
        await api.http.get(`/api/docs/${/src=["']\.\/([\w.-]+)["']/.exec(attrs)![1]}`).expect(200);
      }
    });

    it('leave the billing page its own strict policy', async () => {
      const res = await api.http.get('/billing/').expect(200);
      expect(res.headers['content-security-policy']).toMatch(/^default-src 'none'; script-src 'self'/);
      expect(res.headers['cache-control']).toBe('no-cache');
    });
  });
});
