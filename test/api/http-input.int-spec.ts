import { randomUUID } from 'node:crypto';
import { startApi, TestApi } from '../support/api-app';
import { Inventory, makeTenant, uniq } from '../support/factories';

/** Issue 8, items 3 and 4: no input gives a 5xx, and every refusal names what is wrong. */
describe('hostile input at the HTTP edge', () => {
  let api: TestApi;
  let tenant: Awaited<ReturnType<typeof makeTenant>>;
  beforeAll(async () => {
    api = await startApi({ TALLY_BODY_LIMIT: '64kb' });
    tenant = await makeTenant(api);
  });
  afterAll(() => api.close());

  const admin = () => api.as(api.adminKey);
  const expectError = (res: { status: number; body: Record<string, unknown>; headers: Record<string, string> }, status: number, message: RegExp) => {
    expect([res.status, res.body.message]).toEqual([status, expect.stringMatching(message)]);
    expect(res.body).toEqual({ statusCode: status, error: expect.any(String), message: expect.any(String), requestId: res.headers['x-request-id'] });
    expect(res.headers['x-request-id']).toMatch(/^\S+$/);
  };

  describe('NUL, lone surrogates and __proto__ in bodies', () => {
    it.each([
      ['a string', '{"name":"a\\u0000b"}', /^name must not contain NUL/],
      ['a nested string', '{"name":"x","labels":{"rack":"b\\u00004"}}', /^labels\.rack must not contain NUL/],
      ['a key', '{"name":"x","labels":{"r\\u0000":"b"}}', /^a key in labels must not contain NUL/],
      ['a lone surrogate', '{"name":"\\ud800x"}', /^name must be valid Unicode/],
      ['a __proto__ key', '{"name":"x","__proto__":{"active":false}}', /^__proto__ is not allowed as a key/],
    ])('refuses %s with 400 naming its JSON path', async (_, body, message) => {
      const res = await admin().post('/api/v1/resources').set('Content-Type', 'application/json').send(body);
      expectError(res, 400, message);
    });

    it('refuses NUL inside a pushed sample, naming the item', async () => {
      const body = `{"samples":[{"resourceId":"${randomUUID()}","measurement":"disk\\u0000","ts":"2026-01-01T00:00:00Z","value":1}]}`;
      expectError(await admin().post('/api/v1/samples').set('Content-Type', 'application/json').send(body), 400, /^samples\[0\]\.measurement must not contain NUL/);
    });

    it('refuses bytes that are not UTF-8', async () => {
      const latin1 = Buffer.from('{"name":"caf\xe9"}', 'latin1');
      const res = await admin().post('/api/v1/clients').set('Content-Type', 'application/json').serialize((b: Buffer) => b as unknown as string).send(latin1);
      expectError(res, 400, /not valid UTF-8/);
    });
  });

  describe('the request line', () => {
    it.each([
      ['NUL in a path parameter', '/api/v1/measurements/disk%00.used', /path must not contain control characters/],
      ['malformed percent-encoding in the path', '/api/v1/measurements/%E0%A4%A', /path has malformed percent-encoding/],
      ['NUL in a query parameter', '/api/v1/clients?name=a%00b', /^query parameter "name" must not contain control characters/],
      ['malformed percent-encoding in the query', '/api/v1/clients?name=%E0%A4%A', /^query parameter "name" has malformed percent-encoding/],
      ['a repeated parameter', '/api/v1/clients?limit=1&limit=2', /^limit must be given once/],
      ['a repeated filter', `/api/v1/projects?clientId=${randomUUID()}&clientId=${randomUUID()}`, /^clientId must be given once/],
    ])('refuses %s with 400', async (_, url, message) => {
      expectError(await admin().get(url), 400, message);
    });

    it.each(['0x10', '0b11', '%205', '1e3', '5.0', '+5', '0o7', 'Infinity'])('reads limit=%s as no integer', async (value) => {
      expectError(await admin().get(`/api/v1/clients?limit=${value}`), 400, /^limit must be an integer written in decimal digits/);
      expectError(await admin().get(`/api/v1/projects?offset=${value}`), 400, /^offset must be an integer/);
    });

    it('still reads plain digits', async () => {
      const page = (await admin().get('/api/v1/clients?limit=007&offset=0').expect(200)).body;
      expect(page.items.length).toBeLessThanOrEqual(7);
    });
  });

  describe('null on fields that may be left out but not nulled', () => {
    it.each([
      ['projects', { active: null }, /^active must not be null/],
      ['projects', { name: null }, /^name must not be null/],
      ['clients', { name: null }, /^name must not be null/],
      ['clients', { active: null }, /^active must not be null/],
    ])('PATCH %s %j → 400 naming the field, nothing changed', async (collection, body, message) => {
      const id = collection === 'projects' ? tenant.project.id : tenant.client.id;
      expectError(await admin().patch(`/api/v1/${collection}/${id}`).send(body), 400, message);
      const after = (await admin().get(`/api/v1/${collection}/${id}`).expect(200)).body;
      expect([after.name, after.active]).toEqual([(collection === 'projects' ? tenant.project : tenant.client).name, true]);
    });

    it('refuses null on resource, cluster, credential, key and measurement fields too', async () => {
      const inv = await new Inventory(api).init();
      const credentialId = await inv.credential('password', 'pw');
      const cluster = await inv.cluster({ fqdn: `${uniq('c')}.example.org` });
      const resource = (await admin().post('/api/v1/resources').send({ projectId: inv.projectId, name: uniq('db'), type: 'database' }).expect(201)).body;
      for (const [url, field] of [
        [`/api/v1/resources/${resource.id}`, 'labels'], [`/api/v1/resources/${resource.id}`, 'measurements'], [`/api/v1/resources/${resource.id}`, 'active'],
        [`/api/v1/clusters/${cluster.id}`, 'tlsMode'], [`/api/v1/clusters/${cluster.id}`, 'active'],
        [`/api/v1/credentials/${credentialId}`, 'name'], [`/api/v1/credentials/${credentialId}`, 'secret'],
      ]) {
        expectError(await admin().patch(url).send({ [field]: null }), 400, new RegExp(`^${field} must not be null`));
      }
      const measurement = { key: `x.${shortKey()}`, kind: 'gauge' };
      for (const field of ['unit', 'description', 'source', 'displayUnit', 'displayPlaces']) {
        expectError(await admin().post('/api/v1/measurements').send({ ...measurement, [field]: null }), 400, new RegExp(`^${field} must not be null`));
      }
      expectError(await admin().patch('/api/v1/measurements/memory.used').send({ displayUnit: null }), 400, /^displayUnit must not be null/);
      expectError(await admin().post('/api/v1/api-keys').send({ name: 'k', role: 'billing', scopes: null }), 400, /^scopes must not be null/);
      const card = (await admin().post('/api/v1/rate-cards').send({ name: uniq('card'), currency: 'EUR' }).expect(201)).body;
      for (const field of ['name', 'currency', 'description']) {
        expectError(await admin().patch(`/api/v1/rate-cards/${card.id}`).send({ [field]: null }), 400, new RegExp(`^${field} must not be null`));
      }
    });

    it('still clears the fields that are nullable', async () => {
      const client = (await admin().post('/api/v1/clients').send({ name: uniq('c'), billingRef: 'CUST-1' }).expect(201)).body;
      expect((await admin().patch(`/api/v1/clients/${client.id}`).send({ billingRef: null }).expect(200)).body.billingRef).toBeNull();
      const project = (await admin().post('/api/v1/projects').send({ clientId: client.id, name: 'p', description: 'd' }).expect(201)).body;
      expect((await admin().patch(`/api/v1/projects/${project.id}`).send({ description: null }).expect(200)).body.description).toBeNull();
    });
  });

  it.each([
    ['clients', { name: 'tab\tok' }, 201],
    ['clients', { name: 'bell\u0007' }, 400],
    ['clients', { name: 'esc\u001b[31m' }, 400],
    ['clients', { name: 'x', billingRef: 'del\u007f' }, 400],
    ['api-keys', { name: 'back\bspace', role: 'billing' }, 400],
  ])('POST %s %j: control characters other than tab, LF and CR are refused in names', async (collection, body, status) => {
    const named = { ...body, name: `${(body as { name: string }).name}-${uniq('n')}` };
    const res = await admin().post(`/api/v1/${collection}`).send(named);
    expect(res.status).toBe(status);
    if (status === 400) expect(res.body.message).toMatch(/must not contain control characters/);
  });

  describe('media types and encodings', () => {
    it('answers a text/plain PATCH with 415 naming the accepted type, and changes nothing', async () => {
      const res = await admin().patch(`/api/v1/projects/${tenant.project.id}`).set('Content-Type', 'text/plain').send('{"active":false}');
      expectError(res, 415, /^Content-Type must be application\/json \(got text\/plain\)/);
      expect(res.headers['accept-patch']).toBe('application/json');
      expect((await admin().get(`/api/v1/projects/${tenant.project.id}`).expect(200)).body.active).toBe(true);
    });

    it.each([
      ['application/x-www-form-urlencoded', 'name=x', /Content-Type must be application\/json/],
      ['application/json; charset=utf-16', Buffer.from('{"name":"x"}', 'utf16le'), /charset must be utf-8 \(got utf-16\)/],
      ['application/json; charset=latin1', '{"name":"x"}', /charset must be utf-8 \(got latin1\)/],
    ])('answers %s with 415', async (type, body, message) => {
      expectError(await admin().post('/api/v1/clients').set('Content-Type', type).send(body), 415, message);
    });

    it('refuses a body on a GET', async () => {
      expectError(await admin().get('/api/v1/clients').set('Content-Type', 'application/json').send('{"a":1}'), 400, /GET request takes no body/);
    });

    it('gives malformed JSON and oversized bodies a request id', async () => {
      expectError(await admin().post('/api/v1/clients').set('Content-Type', 'application/json').send('{"name": '), 400, /^Malformed JSON body/);
      const res = await admin().post('/api/v1/clients').send({ name: 'x'.repeat(100_000) });
      expectError(res, 413, /larger than the 65536 byte limit/);
    });
  });

  describe('deep nesting', () => {
    const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

    it('refuses 2,000 levels without a key before authentication, in milliseconds', async () => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        const res = await api.http.post('/api/v1/clients').set('Content-Type', 'application/json').send(deep(2000));
        times.push(performance.now() - started);
        expectError(res, 400, /nests arrays or objects deeper than 32 levels \(TALLY_JSON_MAX_DEPTH\)/);
      }
      expect(times.sort((a, b) => a - b)[2]).toBeLessThan(50);
      // The largest body allowed, all nesting: refused after one pass over it.
      const started = performance.now();
      expectError(await api.http.post('/api/v1/samples').set('Content-Type', 'application/json').send('['.repeat(65_000)), 400, /deeper than 32 levels/);
      expect(performance.now() - started).toBeLessThan(250);
    });

    it.each([['post', '/api/v1/clients'], ['post', '/api/v1/samples'], ['post', '/api/v1/resources'], ['patch', '/api/v1/projects/{id}']])(
      'answers 2,000 levels with 400, not 500, on %s %s with a key',
      async (method, path) => {
        const url = path.replace('{id}', tenant.project.id);
        const res = await admin()[method as 'post' | 'patch'](url).set('Content-Type', 'application/json').send(`{"name":"x","labels":${deep(2000)}}`);
        expectError(res, 400, /deeper than 32 levels/);
      },
    );

    it('accepts nesting up to the limit', async () => {
      const res = await admin().post('/api/v1/clients').set('Content-Type', 'application/json').send(`{"name":"x","extra":${'['.repeat(31)}${']'.repeat(31)}}`);
      expectError(res, 400, /property extra should not exist/);
    });
  });
});

function shortKey(): string {
  return uniq('m').replace(/[^a-z]/g, '').slice(0, 12) || 'm';
}
