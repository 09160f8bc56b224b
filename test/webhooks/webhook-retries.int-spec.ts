import { INestApplicationContext } from '@nestjs/common';
import { MetricsRegistry } from '@tally/metrics';
import { startApi, TestApi } from '../support/api-app';
import { makeTenant, uniq } from '../support/factories';
import { freePort } from '../support/net';
import { privateDatabase, waitFor } from '../collection/collection-env';
import { Received, Receiver, startEventWorker, startReceiver } from './webhook-env';

/**
 * Retries, driven by settings instead of the clock: a schedule of 100 ms steps stands for the
 * Svix one (5 s … 10 h), and "failing for 5 days" is 4 s, so an hour-long outage and a
 * five-day one take seconds.
 */
describe('webhooks: retries, order, disabling, delivery log', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let api: TestApi;
  let worker: INestApplicationContext;
  const receivers: Receiver[] = [];
  beforeAll(async () => {
    db = await privateDatabase();
    api = await startApi({ DATABASE_URL: db.url, TALLY_HOOKS: 'webhooks' });
    worker = await startEventWorker({ DATABASE_URL: db.url, TALLY_WEBHOOK_RETRY_SCHEDULE: Array(40).fill('100ms').join(','), TALLY_WEBHOOK_DISABLE_AFTER: '4s', TALLY_WEBHOOK_TIMEOUT: '2s' });
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    for (const r of receivers) await r.close();
    await db?.drop();
  });

  const subscribe = async (key: string, url: string, events = ['client.updated']) =>
    (await api.as(key).post('/api/v1/webhooks').send({ url, events }).expect(201)).body as { id: string; secret: string };
  /** n changes to a client, each a client.updated event; returns the billing references set, in order. */
  const changes = async (clientId: string, n: number) => {
    const refs: string[] = [];
    for (let i = 0; i < n; i++) {
      refs.push(uniq(`R${i}`));
      await api.as(api.adminKey).patch(`/api/v1/clients/${clientId}`).send({ billingRef: refs[i] }).expect(200);
    }
    return refs;
  };
  const refOf = (q: Received) => q.json.data.data.client.billingRef as string;
  const deliveries = async (webhookId: string) => (await api.as(api.adminKey).get(`/api/v1/webhooks/${webhookId}/deliveries?limit=500`).expect(200)).body;

  it('delivers every event once the receiver is back, in order, repeating the webhook-id on each retry', async () => {
    const t = await makeTenant(api);
    let down = true;
    const r = await startReceiver(() => (down ? 503 : 200));
    receivers.push(r);
    const hook = await subscribe(t.key, r.url);
    const ids = await changes(t.client.id, 6);
    await waitFor('several failed attempts', async () => r.requests.length >= 4);
    // Only the oldest was tried: the rest wait behind it, so order holds.
    const tried = new Set(r.requests.map((q) => q.headers['webhook-id']));
    expect(tried.size).toBe(1);
    const log = await deliveries(hook.id);
    expect(log.items.length).toBe(6);
    const head = log.items.find((d: { attempts: number }) => d.attempts > 0);
    expect(head).toMatchObject({ status: 'pending', lastStatusCode: 503, lastError: 'HTTP 503', nextAttemptAt: expect.any(String) });
    expect([...tried]).toEqual([head.messageId]);
    down = false;
    await waitFor('all six changes', async () => r.delivered().length === 6);
    expect(r.delivered().map(refOf)).toEqual(ids);
    const after = await deliveries(hook.id);
    expect(after.items.every((d: { status: string; lastStatusCode: number }) => d.status === 'delivered' && d.lastStatusCode === 200)).toBe(true);
    expect(after.items.find((d: { id: string }) => d.id === head.id).attempts).toBeGreaterThanOrEqual(4);
    expect(after.items[0].lastLatencyMs).toEqual(expect.any(Number));
    // Each attempt is kept: the 503s, then the success.
    const one = (await api.as(t.key).get(`/api/v1/webhooks/${hook.id}/deliveries/${head.id}`).expect(200)).body;
    expect(one.attemptLog.length).toBe(one.attempts);
    expect(one.attemptLog.slice(0, -1).every((a: { ok: boolean; statusCode: number }) => !a.ok && a.statusCode === 503)).toBe(true);
    expect(one.attemptLog.at(-1)).toMatchObject({ ok: true, statusCode: 200, error: null });
    // Nothing is sent twice once delivered.
    expect(new Set(r.delivered().map((q) => q.headers['webhook-id'])).size).toBe(6);
    // The worker's metrics count the same attempts the receiver saw, and no backlog is left.
    const text = await worker.get(MetricsRegistry).text();
    const value = (series: string) => Number(text.match(new RegExp(`^${series.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm'))?.[1] ?? NaN);
    expect({
      delivered: value('tally_webhook_delivery_attempts_total{outcome="delivered"}'),
      retrying: value('tally_webhook_delivery_attempts_total{outcome="retrying"}'),
      timed: value('tally_webhook_delivery_duration_seconds_count{outcome="retrying"}'),
      pending: value('tally_webhook_deliveries_pending'),
    }).toEqual({ delivered: 6, retrying: r.requests.length - 6, timed: r.requests.length - 6, pending: 0 });
  });

  it('keeps trying a receiver that refuses connections, and delivers all when it listens again', async () => {
    const t = await makeTenant(api);
    const port = await freePort();
    const hook = await subscribe(t.key, `http://127.0.0.1:${port}/hook`);
    const ids = await changes(t.client.id, 4);
    await waitFor('a refused attempt', async () => (await deliveries(hook.id)).items.find((d: { lastError: string | null }) => d.lastError?.includes('ECONNREFUSED')));
    const r = await startReceiver(() => 200, port);
    receivers.push(r);
    await waitFor('all four changes', async () => r.delivered().length === 4);
    expect(r.delivered().map(refOf)).toEqual(ids);
    expect((await api.as(t.key).get(`/api/v1/webhooks/${hook.id}`).expect(200)).body.failingSince).toBeNull();
  });

  it('disables a subscription that fails for too long, as an event of its own, and resumes it when turned back on', async () => {
    const t = await makeTenant(api);
    let failing = true;
    const r = await startReceiver(() => (failing ? 500 : 204));
    receivers.push(r);
    const hook = await subscribe(t.key, r.url);
    const [ref] = await changes(t.client.id, 1);
    const off = await waitFor('the subscription disabled', async () => {
      const w = (await api.as(t.key).get(`/api/v1/webhooks/${hook.id}`).expect(200)).body;
      return w.active === false && w;
    }, 20_000);
    expect(off).toMatchObject({ disabledAt: expect.any(String), disabledReason: expect.stringMatching(/^every delivery failed since/), failingSince: expect.any(String) });
    const events = (await api.as(t.key).get(`/api/v1/events?type=webhook.disabled&subjectId=${hook.id}`).expect(200)).body.items;
    expect(events).toEqual([expect.objectContaining({ clientId: t.client.id, data: expect.objectContaining({ reason: off.disabledReason, webhook: expect.objectContaining({ active: false }) }) })]);
    const n = r.requests.length;
    await new Promise((res) => setTimeout(res, 500)); // a disabled subscription gets nothing more
    expect(r.requests.length).toBe(n);

    failing = false;
    await api.as(t.key).patch(`/api/v1/webhooks/${hook.id}`).send({ active: true }).expect(200);
    await waitFor('the waiting delivery', async () => r.delivered().length === 1);
    expect(refOf(r.delivered()[0])).toBe(ref);
    expect((await api.as(t.key).get(`/api/v1/webhooks/${hook.id}`).expect(200)).body).toMatchObject({ active: true, disabledAt: null, failingSince: null });
  });

  it('redelivers on request with the same webhook-id, and only within its own webhook', async () => {
    const t = await makeTenant(api);
    const other = await makeTenant(api);
    const r = await startReceiver();
    receivers.push(r);
    const hook = await subscribe(t.key, r.url);
    await changes(t.client.id, 1);
    await waitFor('the delivery', async () => r.delivered().length === 1);
    const [d] = (await deliveries(hook.id)).items;
    expect(d.status).toBe('delivered');
    const again = await api.as(t.key).post(`/api/v1/webhooks/${hook.id}/deliveries/${d.id}/redeliver`).expect(202);
    expect(again.body).toMatchObject({ id: d.id, status: 'pending' });
    await waitFor('the redelivery', async () => r.delivered().length === 2);
    expect(r.delivered()[1].headers['webhook-id']).toBe(d.messageId);
    expect(r.delivered()[1].body).toBe(r.delivered()[0].body);
    const audit = (await api.as(api.adminKey).get(`/api/v1/audit?entity=webhook&id=${hook.id}`).expect(200)).body.items;
    expect(audit[0]).toMatchObject({ type: 'webhook.redelivery_requested', data: { delivery: { id: d.id } }, actor: { role: 'client' } });
    await api.as(other.key).post(`/api/v1/webhooks/${hook.id}/deliveries/${d.id}/redeliver`).expect(404);
    const otherHook = await subscribe(other.key, r.url);
    await api.as(other.key).post(`/api/v1/webhooks/${otherHook.id}/deliveries/${d.id}/redeliver`).expect(404);
    await api.as(other.key).get(`/api/v1/webhooks/${hook.id}/deliveries`).expect(404);
  });
});
