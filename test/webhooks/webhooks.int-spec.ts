import { INestApplicationContext } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { startApi, TestApi } from '../support/api-app';
import { makeTenant, uniq } from '../support/factories';
import { privateDatabase, waitFor } from '../collection/collection-env';
import { Receiver, startEventWorker, startReceiver } from './webhook-env';

describe('webhooks: subscribe, sign, scope', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let api: TestApi;
  let worker: INestApplicationContext;
  const receivers: Receiver[] = [];
  const receiver = async (answer?: Parameters<typeof startReceiver>[0]) => {
    const r = await startReceiver(answer);
    receivers.push(r);
    return r;
  };
  beforeAll(async () => {
    db = await privateDatabase();
    api = await startApi({ DATABASE_URL: db.url, TALLY_HOOKS: 'webhooks' });
    worker = await startEventWorker({ DATABASE_URL: db.url }); // before any event: a new hook starts at the end of the log
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    for (const r of receivers) await r.close();
    await db?.drop();
  });

  it('delivers a signed client.created that the reference library verifies, and both secrets verify during a rotation', async () => {
    const admin = api.as(api.adminKey);
    const r = await receiver();
    const created = await admin.post('/api/v1/webhooks').send({ url: r.url, events: ['client.created'], description: 'billing sync' }).expect(201);
    expect(created.headers['cache-control']).toBe('no-store');
    expect(created.body).toMatchObject({ url: r.url, events: ['client.created'], clientId: null, active: true, secret: expect.stringMatching(/^whsec_/) });
    const secret: string = created.body.secret;
    // Shown once: no read returns it.
    const read = await admin.get(`/api/v1/webhooks/${created.body.id}`).expect(200);
    expect(JSON.stringify(read.body)).not.toContain(secret.slice(6));

    const client = (await admin.post('/api/v1/clients').send({ name: uniq('acme') }).expect(201)).body;
    const got = await waitFor('the signed client.created', async () => r.delivered().find((q) => q.json.data.data.client?.id === client.id));
    expect(got.json).toMatchObject({ type: 'client.created', data: { type: 'client.created', clientId: client.id, data: { client: { id: client.id, name: client.name } } } });
    expect(Date.parse(got.json.timestamp)).not.toBeNaN();
    const headers = got.headers as Record<string, string>;
    expect(new Webhook(secret).verify(got.body, headers)).toMatchObject({ type: 'client.created' });
    expect(() => new Webhook(`whsec_${Buffer.alloc(24, 7).toString('base64')}`).verify(got.body, headers)).toThrow();
    // The event is in the log too, with the same id.
    const events = (await admin.get(`/api/v1/events?type=client.created&subjectId=${client.id}`).expect(200)).body.items;
    expect(events.map((e: { id: string }) => e.id)).toEqual([got.json.data.id]);

    const rotated = await admin.post(`/api/v1/webhooks/${created.body.id}/rotate-secret`).send({ overlapSeconds: 3600 }).expect(200);
    const fresh: string = rotated.body.secret;
    expect(fresh).not.toBe(secret);
    expect(Date.parse(rotated.body.previousSecretValidUntil)).toBeGreaterThan(Date.now() + 3500_000);
    const next = (await admin.post('/api/v1/clients').send({ name: uniq('acme') }).expect(201)).body;
    const second = await waitFor('the client.created after the rotation', async () => r.delivered().find((q) => q.json.data.data.client?.id === next.id));
    expect((second.headers['webhook-signature'] as string).split(' ')).toHaveLength(2);
    for (const s of [secret, fresh]) expect(() => new Webhook(s).verify(second.body, second.headers as Record<string, string>)).not.toThrow();
    expect(second.headers['webhook-id']).not.toBe(got.headers['webhook-id']);

    // Ending the overlap at once: only the new secret signs.
    await admin.post(`/api/v1/webhooks/${created.body.id}/rotate-secret`).send({ overlapSeconds: 0 }).expect(200).then((res) => res.body.secret as string)
      .then(async (third) => {
        const last = (await admin.post('/api/v1/clients').send({ name: uniq('acme') }).expect(201)).body;
        const q = await waitFor('a client.created signed by the third secret', async () => r.delivered().find((x) => x.json.data.data.client?.id === last.id));
        expect((q.headers['webhook-signature'] as string).split(' ')).toHaveLength(1);
        expect(() => new Webhook(third).verify(q.body, q.headers as Record<string, string>)).not.toThrow();
        expect(() => new Webhook(fresh).verify(q.body, q.headers as Record<string, string>)).toThrow();
      });
    const kinds = (await admin.get(`/api/v1/events?subjectId=${created.body.id}`).expect(200)).body.items.map((e: { type: string }) => e.type);
    expect(kinds).toEqual(['webhook.secret_rotated', 'webhook.secret_rotated', 'webhook.created']);
  });

  it("gives a client's webhook its own client's events only, and keeps client keys to their own client", async () => {
    const admin = api.as(api.adminKey);
    const a = await makeTenant(api);
    const b = await makeTenant(api);
    const r = await receiver();
    // A client key may not aim at another client, and answers as if that client did not exist.
    const refused = await api.as(a.key).post('/api/v1/webhooks').send({ url: r.url, events: ['*'], clientId: b.client.id }).expect(400);
    expect(refused.body.message).toBe(`clientId: client ${b.client.id} not found`);
    const mine = (await api.as(a.key).post('/api/v1/webhooks').send({ url: r.url, events: ['*'] }).expect(201)).body;
    expect(mine.clientId).toBe(a.client.id);
    await api.as(b.key).get(`/api/v1/webhooks/${mine.id}`).expect(404);
    expect((await api.as(b.key).get('/api/v1/webhooks').expect(200)).body).toEqual({ items: [], total: 0 });

    // B's changes first, then A's: the relay goes in log order, so B's would have arrived by the time A's does.
    await admin.post('/api/v1/projects').send({ clientId: b.client.id, name: uniq('b-project') }).expect(201);
    await admin.patch(`/api/v1/clients/${b.client.id}`).send({ billingRef: 'B-1' }).expect(200);
    const aProject = (await admin.post('/api/v1/projects').send({ clientId: a.client.id, name: uniq('a-project') }).expect(201)).body;
    await admin.patch(`/api/v1/clients/${a.client.id}`).send({ billingRef: 'A-1' }).expect(200);
    await waitFor("A's client.updated", async () => r.delivered().find((q) => q.json.type === 'client.updated'));
    const clients = new Set(r.delivered().map((q) => q.json.data.clientId));
    expect([...clients]).toEqual([a.client.id]);
    expect(r.delivered().map((q) => q.json.type)).toEqual(expect.arrayContaining(['webhook.created', 'client.updated']));
    expect(r.requests.some((q) => q.body.includes(b.client.id))).toBe(false);
    expect(aProject.clientId).toBe(a.client.id);
  });

  it('sweeps finished deliveries past TALLY_OUTBOX_RETENTION_DAYS, keeping pending ones and recent ones', async () => {
    const hook = (await api.as(api.adminKey).post('/api/v1/webhooks').send({ url: 'https://hooks.example.net/old', events: ['host.*'], clientId: null }).expect(201)).body;
    await api.as(api.adminKey).patch(`/api/v1/webhooks/${hook.id}`).send({ active: false }).expect(200); // nothing of it is sent meanwhile
    // History the API cannot make: deliveries from 40 days ago.
    const rows: { id: string; status: string; age: number }[] = await api.db.query(
      `INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, message_id, body, status, created_at)
       SELECT $1, e, 'host.down', 'msg_' || e, '{}', s, now() - make_interval(days => a)
         FROM unnest(ARRAY[900000001, 900000002, 900000003]::bigint[], ARRAY['delivered', 'pending', 'failed'], ARRAY[40, 40, 2]) AS t (e, s, a)
       RETURNING id, status, extract(day FROM now() - created_at)::int AS age`, [hook.id]);
    const sweeper = await startEventWorker({ DATABASE_URL: db.url, TALLY_OUTBOX_RETENTION_DAYS: '30' });
    try {
      await waitFor('the sweep', async () => (await api.db.query(`SELECT 1 FROM webhook_deliveries WHERE id = $1`, [rows[0].id])).length === 0);
      const left = (await api.as(api.adminKey).get(`/api/v1/webhooks/${hook.id}/deliveries`).expect(200)).body.items.map((d: { id: string }) => d.id).sort();
      expect(left).toEqual([rows[1].id, rows[2].id].sort());
    } finally {
      await sweeper.close();
    }
  });

  it('lists the webhook hook as active in GET /hooks', async () => {
    const hooks = (await api.as(api.adminKey).get('/api/v1/hooks').expect(200)).body.items;
    expect(hooks).toEqual([expect.objectContaining({ name: 'webhook-deliveries', module: 'webhooks', phase: 'after', events: ['*'] })]);
  });

  it('refuses unknown event patterns and bad URLs, naming the field', async () => {
    const admin = api.as(api.adminKey);
    const bad = await admin.post('/api/v1/webhooks').send({ url: 'https://example.net/h', events: ['client.*', 'host.dwn'] }).expect(400);
    expect(bad.body.message).toMatch(/^events: "host.dwn" match no known event/);
    expect((await admin.post('/api/v1/webhooks').send({ url: 'ftp://example.net/h', events: ['*'] }).expect(400)).body.message).toMatch(/^url: /);
    expect((await admin.post('/api/v1/webhooks').send({ url: 'https://example.net/h', events: [] }).expect(400)).body.message).toMatch(/^events/);
    const ok = (await admin.post('/api/v1/webhooks').send({ url: 'https://example.net/h', events: ['host.*'] }).expect(201)).body;
    expect((await admin.patch(`/api/v1/webhooks/${ok.id}`).send({ events: ['nothing.*'] }).expect(400)).body.message).toMatch(/^events: "nothing.\*"/);
    const patched = (await admin.patch(`/api/v1/webhooks/${ok.id}`).send({ events: ['host.down'], active: false }).expect(200)).body;
    expect(patched).toMatchObject({ events: ['host.down'], active: false });
    await admin.delete(`/api/v1/webhooks/${ok.id}`).expect(204);
    await admin.get(`/api/v1/webhooks/${ok.id}`).expect(404);
    const kinds = (await admin.get(`/api/v1/events?subjectId=${ok.id}`).expect(200)).body.items.map((e: { type: string }) => e.type);
    expect(kinds).toEqual(['webhook.deleted', 'webhook.deactivated', 'webhook.created']);
  });
});
