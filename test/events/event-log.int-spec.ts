import { makeTenant, uniq } from '../support/factories';
import { startApi, TestApi } from '../support/api-app';
import { waitFor } from '../collection/collection-env';

/** The event log and audit trail as an API user sees them: written with each change, never alterable. */
describe('event log and audit trail', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const eventsOf = async (subjectId: string) =>
    (await api.as(api.adminKey).get(`/api/v1/events?subjectId=${subjectId}&limit=50`).expect(200)).body.items;

  it('records who created, changed, deactivated and deleted a client, before and after, in the change itself', async () => {
    const admin = api.as(api.adminKey);
    const created = await admin.post('/api/v1/clients').set('X-Request-Id', 'req-create-1').send({ name: uniq('audit'), billingRef: 'C-1' }).expect(201);
    const id = created.body.id;
    await admin.patch(`/api/v1/clients/${id}`).send({ billingRef: 'C-2' }).expect(200);
    await admin.patch(`/api/v1/clients/${id}`).send({ active: false }).expect(200);
    await admin.patch(`/api/v1/clients/${id}`).send({ active: false }).expect(200); // no change, no event
    await admin.delete(`/api/v1/clients/${id}`).expect(204);

    const events = await eventsOf(id);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['client.deleted', 'client.deactivated', 'client.updated', 'client.created']);
    const [deleted, deactivated, updated, made] = events;
    expect(made).toMatchObject({
      version: 1, clientId: id, subject: { type: 'client', id }, data: { client: { id, billingRef: 'C-1', active: true } }, changes: null,
      actor: { keyName: expect.stringMatching(/^test-admin-/), role: 'admin', requestId: 'req-create-1', address: expect.stringMatching(/127\.0\.0\.1/) },
    });
    expect(updated.changes).toEqual({ billingRef: { before: 'C-1', after: 'C-2' } });
    expect(deactivated.changes).toEqual({ active: { before: true, after: false } });
    expect(deleted.data.client).toMatchObject({ id, billingRef: 'C-2', active: false });

    const audit = (await admin.get(`/api/v1/audit?entity=client&id=${id}`).expect(200)).body;
    expect(audit.total).toBe(4);
    expect(audit.items[0].actor.keyId).toBe(made.actor.keyId);
  });

  it('writes no event for a change that failed', async () => {
    const admin = api.as(api.adminKey);
    const name = uniq('dup');
    const first = (await admin.post('/api/v1/clients').send({ name }).expect(201)).body;
    await admin.post('/api/v1/clients').send({ name }).expect(409);
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM events WHERE type = 'client.created' AND data->'client'->>'name' = $1`, [name]);
    expect(n).toBe(1);
    expect(first.id).toBeDefined();
  });

  it("shows a client key its own client's events only, and no audit log", async () => {
    const mine = await makeTenant(api);
    const theirs = await makeTenant(api);
    await api.as(api.adminKey).patch(`/api/v1/clients/${theirs.client.id}`).send({ billingRef: 'THEIRS' }).expect(200);
    await api.as(api.adminKey).patch(`/api/v1/clients/${mine.client.id}`).send({ billingRef: 'MINE' }).expect(200);
    const seen = (await api.as(mine.key).get('/api/v1/events?limit=500').expect(200)).body;
    expect(seen.items.length).toBeGreaterThan(0);
    expect(seen.items.every((e: { clientId: string }) => e.clientId === mine.client.id)).toBe(true);
    const asked = (await api.as(mine.key).get(`/api/v1/events?clientId=${theirs.client.id}`).expect(200)).body;
    expect(asked.items).toEqual([]);
    await api.as(mine.key).get('/api/v1/audit').expect(403);
  });

  it('refuses every attempt to alter or remove entries, whatever the statement', async () => {
    const [{ id }] = await api.db.query(`SELECT id FROM events ORDER BY id LIMIT 1`);
    await expect(api.db.query(`UPDATE events SET type = 'client.forged' WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(api.db.query(`DELETE FROM events WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(api.db.query(`TRUNCATE events`)).rejects.toThrow(/append-only/);
  });

  it('pages the stream in log order with a cursor, starting from now with after=head', async () => {
    const admin = api.as(api.adminKey);
    const start = (await admin.get('/api/v1/events?after=head').expect(200)).body;
    expect(start.items).toEqual([]);
    const a = (await admin.post('/api/v1/clients').send({ name: uniq('cursor') }).expect(201)).body.id;
    const b = (await admin.post('/api/v1/clients').send({ name: uniq('cursor') }).expect(201)).body.id;
    // Read page after page, one event each, until both have come (other suites share the log).
    const order: string[] = [];
    let cursor = start.nextCursor;
    await waitFor('both events, one page at a time', async () => {
      const p = (await admin.get(`/api/v1/events?type=client.created&after=${cursor}&limit=1`).expect(200)).body;
      expect(p.items.length).toBeLessThanOrEqual(1);
      order.push(...p.items.map((e: { subject: { id: string } }) => e.subject.id));
      cursor = p.nextCursor;
      return order.includes(b);
    });
    expect(order.filter((id) => [a, b].includes(id))).toEqual([a, b]);
    await admin.get('/api/v1/events?after=12;DROP').expect(400);
  });
});

describe('before-hooks', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ TALLY_HOOKS: 'policy-billing-ref', TALLY_POLICY_BILLING_REF_PATTERN: '^C-\\d+$' });
  });
  afterAll(() => api.close());

  it('refuse a change with a reason the caller gets as 422, record the refusal, and change nothing', async () => {
    const admin = api.as(api.adminKey);
    const name = uniq('policy');
    const refused = await admin.post('/api/v1/clients').send({ name }).expect(422);
    expect(refused.body).toMatchObject({ statusCode: 422, message: expect.stringMatching(/require-billing-ref: billingRef: every active client needs a billing reference/) });
    expect(refused.body.requestId).toBeTruthy();
    expect((await admin.get(`/api/v1/clients?name=${name}`).expect(200)).body.total).toBe(0);
    const [refusal] = (await admin.get('/api/v1/events?type=hook.refused&limit=1').expect(200)).body.items;
    expect(refusal).toMatchObject({ data: { hook: 'require-billing-ref', refused: { type: 'client.created' } }, actor: { requestId: refused.body.requestId } });

    await admin.post('/api/v1/clients').send({ name, billingRef: 'ACME' }).expect(422);
    const ok = (await admin.post('/api/v1/clients').send({ name, billingRef: 'C-42' }).expect(201)).body;
    await admin.patch(`/api/v1/clients/${ok.id}`).send({ billingRef: null }).expect(422);
    await admin.patch(`/api/v1/clients/${ok.id}`).send({ active: false }).expect(200);
  });

  it('are listed with their module and phase', async () => {
    const hooks = (await api.as(api.adminKey).get('/api/v1/hooks').expect(200)).body;
    expect(hooks.items).toEqual([expect.objectContaining({ name: 'require-billing-ref', module: 'policy-billing-ref', phase: 'before' })]);
  });
});
