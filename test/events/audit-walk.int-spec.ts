import { AlertEvaluator } from '@tally/alerts';
import { hashApiKey } from '@tally/security';
import { randomUUID } from 'node:crypto';
import type request from 'supertest';
import { KeyedAgent, startApi, TestApi } from '../support/api-app';
import { makeTenant, uniq } from '../support/factories';

type Method = 'post' | 'patch' | 'put' | 'delete';
/** What a step leaves for the later ones (ids of what it made). */
type State = Record<string, string>;
interface Step {
  /** `METHOD /path` exactly as in the OpenAPI document. */
  op: string;
  call(admin: KeyedAgent, s: State): request.Test;
  /** Runs before the call: what the API cannot make (a delivery, which only the worker's relay writes). */
  before?(s: State, api: TestApi): Promise<void>;
  /** The one event it must record, and what it is about. */
  event: string;
  subject(s: State, body: Record<string, unknown>): string;
  /** Runs after the call: keeps ids, checks the payload. */
  then?(s: State, body: Record<string, unknown>, event: Row): void;
}
interface Row {
  type: string;
  subject_id: string;
  client_id: string | null;
  actor_key_id: string | null;
  actor_key_name: string | null;
  actor_role: string | null;
  request_id: string | null;
  actor_address: string | null;
  data: Record<string, unknown>;
  changes: Record<string, unknown> | null;
}

/**
 * Mutating operations that record no event of their own, with the reason. Anything else the
 * document offers must be a step below: a new endpoint without an event fails this test.
 */
const WITHOUT_EVENT: Record<string, string> = {
  'POST /api/v1/samples': 'usage data, not a change of configuration: the samples are the record (and corrections of them are events)',
};

const PASSWORD_1 = `walk-secret-${randomUUID()}`;
const PASSWORD_2 = `walk-secret-${randomUUID()}`;
const hourAgo = () => new Date(Date.now() - 3600_000).toISOString();

/** In order: later steps use what earlier ones made, and deletions come last. */
const STEPS: Step[] = [
  { op: 'POST /api/v1/clients', call: (a) => a.post('/api/v1/clients').send({ name: uniq('walk') }), event: 'client.created', subject: (_, b) => b.id as string,
    then: (s, b) => (s.client = b.id as string) },
  { op: 'PATCH /api/v1/clients/{id}', call: (a, s) => a.patch(`/api/v1/clients/${s.client}`).send({ billingRef: 'W-1' }), event: 'client.updated', subject: (s) => s.client,
    then: (_, __, e) => expect(e.changes).toEqual({ billingRef: { before: null, after: 'W-1' } }) },
  { op: 'POST /api/v1/projects', call: (a, s) => a.post('/api/v1/projects').send({ clientId: s.client, name: uniq('walk') }), event: 'project.created',
    subject: (_, b) => b.id as string, then: (s, b, e) => { s.project = b.id as string; expect(e.client_id).toBe(s.client); } },
  { op: 'PATCH /api/v1/projects/{id}', call: (a, s) => a.patch(`/api/v1/projects/${s.project}`).send({ active: false }), event: 'project.deactivated',
    subject: (s) => s.project, then: (s, _, e) => expect([e.client_id, e.changes]).toEqual([s.client, { active: { before: true, after: false } }]) },
  { op: 'POST /api/v1/credentials', call: (a) => a.post('/api/v1/credentials').send({ name: uniq('walk'), kind: 'password', username: 'ro', secret: PASSWORD_1 }),
    event: 'credential.created', subject: (_, b) => b.id as string, then: (s, b) => (s.credential = b.id as string) },
  { op: 'PATCH /api/v1/credentials/{id}', call: (a, s) => a.patch(`/api/v1/credentials/${s.credential}`).send({ secret: PASSWORD_2 }),
    event: 'credential.updated', subject: (s) => s.credential, then: (_, __, e) => expect(e.changes).toEqual({ secret: { changed: true } }) },
  { op: 'POST /api/v1/clusters', call: (a, s) => a.post('/api/v1/clusters').send({ fqdn: `${uniq('walk')}.example.org`, credentialId: s.credential }),
    event: 'cluster.created', subject: (_, b) => b.id as string, then: (s, b) => (s.cluster = b.id as string) },
  { op: 'PATCH /api/v1/clusters/{id}', call: (a, s) => a.patch(`/api/v1/clusters/${s.cluster}`).send({ active: false }), event: 'cluster.deactivated',
    subject: (s) => s.cluster },
  { op: 'POST /api/v1/resources', call: (a, s) => a.post('/api/v1/resources').send({ projectId: s.project, name: uniq('walk'), type: 'database' }),
    event: 'resource.created', subject: (_, b) => b.id as string, then: (s, b, e) => { s.resource = b.id as string; expect(e.client_id).toBe(s.client); } },
  { op: 'PATCH /api/v1/resources/{id}', call: (a, s) => a.patch(`/api/v1/resources/${s.resource}`).send({ labels: { team: 'walk' } }),
    event: 'resource.updated', subject: (s) => s.resource, then: (_, __, e) => expect(e.changes).toEqual({ labels: { before: {}, after: { team: 'walk' } } }) },
  { op: 'POST /api/v1/measurements', call: (a, s) => a.post('/api/v1/measurements').send({ key: (s.measurement = `walk.m_${randomUUID().slice(0, 8)}`), kind: 'gauge' }),
    event: 'measurement.created', subject: (s) => s.measurement },
  { op: 'PATCH /api/v1/measurements/{key}', call: (a, s) => a.patch(`/api/v1/measurements/${s.measurement}`).send({ displayPlaces: 1 }),
    event: 'measurement.updated', subject: (s) => s.measurement, then: (_, __, e) => expect(e.changes).toEqual({ displayPlaces: { before: 3, after: 1 } }) },
  { op: 'POST /api/v1/rate-cards', call: (a) => a.post('/api/v1/rate-cards').send({ name: uniq('walk'), currency: 'EUR' }), event: 'rate_card.created',
    subject: (_, b) => b.id as string, then: (s, b) => (s.card = b.id as string) },
  { op: 'PATCH /api/v1/rate-cards/{id}', call: (a, s) => a.patch(`/api/v1/rate-cards/${s.card}`).send({ description: 'walked' }), event: 'rate_card.updated',
    subject: (s) => s.card },
  { op: 'POST /api/v1/rate-cards/{id}/prices', call: (a, s) => a.post(`/api/v1/rate-cards/${s.card}/prices`).send({ measurement: 'memory.used', unitPrice: '0.01' }),
    event: 'price.created', subject: (_, b) => b.id as string, then: (s, b) => (s.price = b.id as string) },
  { op: 'PATCH /api/v1/rate-cards/{id}/prices/{priceId}', call: (a, s) => a.patch(`/api/v1/rate-cards/${s.card}/prices/${s.price}`).send({ unitPrice: '0.02' }),
    event: 'price.updated', subject: (s) => s.price, then: (_, __, e) => expect(e.changes).toMatchObject({ unitPrice: { before: '0.01', after: '0.02' } }) },
  { op: 'PUT /api/v1/clients/{id}/rate-card', call: (a, s) => a.put(`/api/v1/clients/${s.client}/rate-card`).send({ rateCardId: s.card }),
    event: 'rate_card.assigned', subject: (s) => s.client, then: (s, _, e) => expect(e.client_id).toBe(s.client) },
  { op: 'POST /api/v1/webhooks', call: (a, s) => a.post('/api/v1/webhooks').send({ url: 'http://127.0.0.1:9/walk', events: ['client.*'], clientId: s.client }),
    event: 'webhook.created', subject: (_, b) => b.id as string, then: (s, b, e) => { s.webhook = b.id as string; s.whsec1 = b.secret as string; expect(e.client_id).toBe(s.client); } },
  { op: 'PATCH /api/v1/webhooks/{id}', call: (a, s) => a.patch(`/api/v1/webhooks/${s.webhook}`).send({ description: 'walked' }), event: 'webhook.updated',
    subject: (s) => s.webhook, then: (_, __, e) => expect(e.changes).toEqual({ description: { before: null, after: 'walked' } }) },
  { op: 'POST /api/v1/webhooks/{id}/rotate-secret', call: (a, s) => a.post(`/api/v1/webhooks/${s.webhook}/rotate-secret`).send({}), event: 'webhook.secret_rotated',
    subject: (s) => s.webhook, then: (s, b, e) => { s.whsec2 = b.secret as string; expect(e.changes).toEqual({ secret: { changed: true } }); } },
  { op: 'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver',
    before: async (s, api) => {
      const [row] = await api.db.query(
        `INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, message_id, body, status) VALUES ($1, 0, 'client.updated', $2, '{}', 'failed') RETURNING id`,
        [s.webhook, `msg_walk_${randomUUID()}`],
      );
      s.delivery = row.id;
    },
    call: (a, s) => a.post(`/api/v1/webhooks/${s.webhook}/deliveries/${s.delivery}/redeliver`), event: 'webhook.redelivery_requested', subject: (s) => s.webhook },
  { op: 'DELETE /api/v1/webhooks/{id}', call: (a, s) => a.delete(`/api/v1/webhooks/${s.webhook}`), event: 'webhook.deleted', subject: (s) => s.webhook },
  { op: 'POST /api/v1/alert-rules', call: (a, s) => a.post('/api/v1/alert-rules')
    .send({ name: uniq('walk'), measurement: 'memory.used', scopeType: 'resource', scopeId: s.sampled, crit: 0.5, forEvaluations: 1 }),
  event: 'alert_rule.created', subject: (_, b) => b.id as string, then: (s, b) => (s.rule = b.id as string) },
  { op: 'PATCH /api/v1/alert-rules/{id}', call: (a, s) => a.patch(`/api/v1/alert-rules/${s.rule}`).send({ crit: 0.75 }), event: 'alert_rule.updated',
    subject: (s) => s.rule, then: (_, __, e) => expect(e.changes).toMatchObject({ crit: { before: 0.5, after: 0.75 } }) },
  { op: 'POST /api/v1/alerts/{id}/acknowledge',
    before: async (s, api) => {
      // An incident comes from the worker's evaluation, not from an endpoint: the sampled resource breaches the rule.
      await api.app.get(AlertEvaluator).evaluate(new Date(s.sampledAt), [s.sampled]);
      const [row] = await api.db.query(`SELECT id FROM alert_incidents WHERE rule_id = $1`, [s.rule]);
      s.incident = String(row.id);
    },
    call: (a, s) => a.post(`/api/v1/alerts/${s.incident}/acknowledge`).send({}), event: 'alert.acknowledged', subject: (s) => s.incident },
  { op: 'DELETE /api/v1/alert-rules/{id}', call: (a, s) => a.delete(`/api/v1/alert-rules/${s.rule}`), event: 'alert_rule.deleted', subject: (s) => s.rule },
  { op: 'POST /api/v1/maintenance-windows', call: (a, s) => a.post('/api/v1/maintenance-windows')
    .send({ name: uniq('walk'), scopeType: 'client', scopeId: s.client, startsAt: hourAgo(), endsAt: new Date(Date.now() + 3600_000).toISOString() }),
  event: 'maintenance_window.created', subject: (_, b) => b.id as string, then: (s, b, e) => { s.window = b.id as string; expect(e.client_id).toBe(s.client); } },
  { op: 'PATCH /api/v1/maintenance-windows/{id}', call: (a, s) => a.patch(`/api/v1/maintenance-windows/${s.window}`).send({ name: uniq('walked') }),
    event: 'maintenance_window.updated', subject: (s) => s.window },
  { op: 'DELETE /api/v1/maintenance-windows/{id}', call: (a, s) => a.delete(`/api/v1/maintenance-windows/${s.window}`), event: 'maintenance_window.deleted',
    subject: (s) => s.window },
  { op: 'PUT /api/v1/resources/{id}/alert-notifications', call: (a, s) => a.put(`/api/v1/resources/${s.resource}/alert-notifications`).send({ enabled: false, reason: 'walk' }),
    event: 'alert.resource_notifications', subject: (s) => s.resource, then: (s, _, e) => expect(e.client_id).toBe(s.client) },
  { op: 'POST /api/v1/api-keys', call: (a) => a.post('/api/v1/api-keys').send({ name: uniq('walk'), role: 'billing' }), event: 'api_key.created',
    subject: (_, b) => b.id as string, then: (s, b) => { s.apiKey = b.id as string; s.secret1 = b.key as string; } },
  { op: 'POST /api/v1/api-keys/{id}/rotate', call: (a, s) => a.post(`/api/v1/api-keys/${s.apiKey}/rotate`).send({ overlapSeconds: 0 }), event: 'api_key.rotated',
    subject: (s) => s.apiKey, then: (s, b, e) => { s.secret2 = b.key as string; expect(e.data.previousValidUntil).toBe(b.previousKeyExpiresAt); } },
  { op: 'DELETE /api/v1/api-keys/{id}', call: (a, s) => a.delete(`/api/v1/api-keys/${s.apiKey}`), event: 'api_key.revoked', subject: (s) => s.apiKey },
  { op: 'POST /api/v1/corrections', call: (a, s) => a.post('/api/v1/corrections')
    .send({ reason: 'walk', samples: [{ resourceId: s.sampled, measurement: 'memory.used', ts: s.sampledAt, value: 2 }] }),
  event: 'correction.applied', subject: (_, b) => b.id as string },
  { op: 'POST /api/v1/collections', call: (a, s) => a.post('/api/v1/collections').send({ resourceIds: [s.node] }), event: 'collection.requested',
    subject: (_, b) => b.id as string, then: (s, b, e) => expect(e.data).toMatchObject({ run: { id: b.id, kind: 'collect' }, resourceIds: [s.node] }) },
  { op: 'POST /api/v1/collections/precache', call: (a) => a.post('/api/v1/collections/precache'), event: 'collection.requested', subject: (_, b) => b.id as string,
    then: (_, b, e) => expect(e.data).toMatchObject({ run: { id: b.id, kind: 'precache' } }) },
  { op: 'DELETE /api/v1/clients/{id}/rate-card', call: (a, s) => a.delete(`/api/v1/clients/${s.client}/rate-card`), event: 'rate_card.unassigned', subject: (s) => s.client },
  { op: 'DELETE /api/v1/rate-cards/{id}/prices/{priceId}', call: (a, s) => a.delete(`/api/v1/rate-cards/${s.card}/prices/${s.price}`), event: 'price.deleted',
    subject: (s) => s.price },
  { op: 'DELETE /api/v1/rate-cards/{id}', call: (a, s) => a.delete(`/api/v1/rate-cards/${s.card}`), event: 'rate_card.deleted', subject: (s) => s.card },
  { op: 'DELETE /api/v1/resources/{id}', call: (a, s) => a.delete(`/api/v1/resources/${s.resource}`), event: 'resource.deleted', subject: (s) => s.resource,
    then: (s, _, e) => expect(e.data.resource).toMatchObject({ id: s.resource, labels: { team: 'walk' } }) },
  { op: 'DELETE /api/v1/clusters/{id}', call: (a, s) => a.delete(`/api/v1/clusters/${s.cluster}`), event: 'cluster.deleted', subject: (s) => s.cluster },
  { op: 'DELETE /api/v1/credentials/{id}', call: (a, s) => a.delete(`/api/v1/credentials/${s.credential}`), event: 'credential.deleted', subject: (s) => s.credential },
  { op: 'DELETE /api/v1/projects/{id}', call: (a, s) => a.delete(`/api/v1/projects/${s.project}`), event: 'project.deleted', subject: (s) => s.project },
  { op: 'DELETE /api/v1/clients/{id}', call: (a, s) => a.delete(`/api/v1/clients/${s.client}`), event: 'client.deleted', subject: (s) => s.client },
];

/** Issue 10: every change made through the API is an event, with who, from where and under which request. */
describe('audit walk over every mutating endpoint', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi()));
  afterAll(() => api.close());

  it('records exactly one event per change, with actor, request id and address, and never a secret', async () => {
    const root = api.as(api.adminKey);
    const walker = (await root.post('/api/v1/api-keys').send({ name: uniq('walker'), role: 'admin' }).expect(201)).body;
    const admin = api.as(walker.key);
    // A sampled resource elsewhere, for the correction (the walk's own resource must stay deletable).
    const other = await makeTenant(api);
    const sampled = (await root.post('/api/v1/resources').send({ projectId: other.project.id, name: uniq('sampled'), type: 'database' }).expect(201)).body.id;
    const vm = { projectId: other.project.id, name: uniq('vm'), type: 'ganeti-vm', clusterFqdn: `${uniq('walk')}.example.org` };
    const node = (await root.post('/api/v1/resources').send(vm).expect(201)).body.id;
    const state: State = { sampled, sampledAt: hourAgo(), node };
    await root.post('/api/v1/samples').send({ samples: [{ resourceId: sampled, measurement: 'memory.used', ts: state.sampledAt, value: 1 }] })
      .expect((r) => expect(r.status).toBeLessThan(300));

    const doc = (await api.http.get('/api/docs-json').expect(200)).body;
    const mutating = Object.entries<Record<string, unknown>>(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).filter((m) => ['post', 'patch', 'put', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(mutating).toEqual([...STEPS.map((s) => s.op), ...Object.keys(WITHOUT_EVENT)].sort());

    const requestIds: string[] = [];
    for (const step of STEPS) {
      const requestId = `walk-${randomUUID()}`;
      requestIds.push(requestId);
      await step.before?.(state, api);
      const res = await step.call(admin, state).set('X-Request-Id', requestId);
      expect([step.op, res.status < 300]).toEqual([step.op, true]);
      const rows: Row[] = await api.db.query(`SELECT * FROM events WHERE request_id = $1`, [requestId]);
      expect([step.op, rows.map((r) => r.type)]).toEqual([step.op, [step.event]]);
      const [event] = rows;
      expect([step.op, event]).toEqual([step.op, expect.objectContaining({
        subject_id: step.subject(state, res.body), actor_key_id: walker.id, actor_key_name: walker.name, actor_role: 'admin',
        actor_address: expect.stringMatching(/127\.0\.0\.1/),
      })]);
      step.then?.(state, res.body, event);
    }

    // The audit log shows each of them with who and from where, as the API's own envelope.
    const audit = (await root.get(`/api/v1/audit?actor=${walker.id}&limit=500`).expect(200)).body.items;
    expect(audit.map((e: { actor: { requestId: string } }) => e.actor.requestId).sort()).toEqual([...requestIds].sort());
    for (const e of audit) expect(e.actor).toMatchObject({ keyId: walker.id, keyName: walker.name, role: 'admin', address: expect.stringMatching(/127\.0\.0\.1/) });

    // No secret value anywhere in the log: passwords, API keys, nor their hashes.
    const [{ log }] = await api.db.query(`SELECT string_agg(data::text || coalesce(changes::text, ''), ' ') AS log FROM events`);
    const secrets = [PASSWORD_1, PASSWORD_2, state.whsec1, state.whsec2, state.secret1, state.secret2, walker.key, hashApiKey(state.secret1), hashApiKey(state.secret2)];
    for (const secret of secrets) expect(log.includes(secret)).toBe(false);
  });

  it('records nothing for a change that was refused or failed', async () => {
    const admin = api.as(api.adminKey);
    const { project } = await makeTenant(api);
    const used = (await admin.post('/api/v1/resources').send({ projectId: project.id, name: uniq('used'), type: 'database' }).expect(201)).body.id;
    await admin.post('/api/v1/samples').send({ samples: [{ resourceId: used, measurement: 'memory.used', ts: hourAgo(), value: 1 }] })
      .expect((r) => expect(r.status).toBeLessThan(300));
    const card = (await admin.post('/api/v1/rate-cards').send({ name: uniq('taken'), currency: 'EUR' }).expect(201)).body;
    const credential = (await admin.post('/api/v1/credentials').send({ name: uniq('cred'), kind: 'password', secret: PASSWORD_1 }).expect(201)).body.id;
    const refused: [request.Test, number][] = [
      [admin.delete(`/api/v1/resources/${used}`), 409], // it has samples
      [admin.delete(`/api/v1/projects/${project.id}`), 409],
      [admin.post('/api/v1/rate-cards').send({ name: card.name, currency: 'EUR' }), 409],
      [admin.patch(`/api/v1/credentials/${credential}`).send({ secret: '' }), 400],
      [admin.post('/api/v1/projects').send({ clientId: randomUUID(), name: uniq('orphan') }), 400],
      [admin.delete(`/api/v1/api-keys/${randomUUID()}`), 404],
    ];
    for (const [req, status] of refused) {
      const requestId = `refused-${randomUUID()}`;
      const res = await req.set('X-Request-Id', requestId);
      expect(res.status).toBe(status);
      expect(await api.db.query(`SELECT type FROM events WHERE request_id = $1`, [requestId])).toEqual([]);
    }
  });

  it("gives a client key its own client's project and resource events, and no installation-wide ones", async () => {
    const admin = api.as(api.adminKey);
    const mine = await makeTenant(api);
    const theirs = await makeTenant(api);
    const resource = (await admin.post('/api/v1/resources').send({ projectId: mine.project.id, name: uniq('db'), type: 'database' }).expect(201)).body.id;
    await admin.post('/api/v1/resources').send({ projectId: theirs.project.id, name: uniq('db'), type: 'database' }).expect(201);
    const credential = (await admin.post('/api/v1/credentials').send({ name: uniq('cred'), kind: 'password', secret: PASSWORD_1 }).expect(201)).body.id;

    const seen = (await api.as(mine.key).get('/api/v1/events?limit=500').expect(200)).body.items as { type: string; clientId: string; subject: { id: string } }[];
    expect(seen.every((e) => e.clientId === mine.client.id)).toBe(true);
    const subjects = seen.map((e) => `${e.type} ${e.subject.id}`);
    expect(subjects).toEqual(expect.arrayContaining([`project.created ${mine.project.id}`, `resource.created ${resource}`]));
    expect(subjects.some((s) => s.includes(credential) || s.includes(theirs.project.id))).toBe(false);
    // The admin sees the credential's event, installation-wide (no client).
    const all = (await admin.get(`/api/v1/events?subjectId=${credential}`).expect(200)).body.items;
    expect(all).toEqual([expect.objectContaining({ type: 'credential.created', clientId: null })]);
  });
});
