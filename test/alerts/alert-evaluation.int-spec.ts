import { startApi, TestApi } from '../support/api-app';
import { uniq } from '../support/factories';
import { alertEvents, feeder, notifies, seriesFixture, SLOT_MS, types } from './alert-support';

/** Hand-made series through the real evaluator and Postgres: flap guard, cut-offs, flapping, maintenance, missing data. */
describe('alert evaluation', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi()));
  afterAll(() => api.close());

  const rule = async (f: { resourceId: string; measurement: string }, extra: Record<string, unknown> = {}) =>
    (await api.as(api.adminKey).post('/api/v1/alert-rules')
      .send({ name: uniq('rule'), measurement: f.measurement, scopeType: 'resource', scopeId: f.resourceId, comparison: '>', warn: 80, crit: 90, ...extra })
      .expect((res) => { if (res.status !== 201) throw new Error(JSON.stringify(res.body)); })).body;

  it('flap guard, N = 3: 2 breaches fire nothing, 3 fire once, a 4th sends nothing more, recovery fires once', async () => {
    const f = await seriesFixture(api);
    const r = await rule(f);
    const s = feeder(api, f, '2026-06-01T00:00:00Z');
    await s.feed(95, 95);
    expect(await alertEvents(api, r.id)).toEqual([]);
    await s.feed(95);
    expect(types(await alertEvents(api, r.id))).toEqual(['alert.triggered', 'alert.notify']);
    await s.feed(95);
    expect(types(await alertEvents(api, r.id))).toEqual(['alert.triggered', 'alert.notify']);
    await s.feed(10, 10);
    expect(types(await alertEvents(api, r.id))).toHaveLength(2);
    await s.feed(10, 10);
    const events = await alertEvents(api, r.id);
    expect(types(events)).toEqual(['alert.triggered', 'alert.notify', 'alert.recovered', 'alert.notify']);
    expect(notifies(events)).toEqual(['triggered', 'recovered']);
    const incident = (await api.as(api.adminKey).get(`/api/v1/alerts/${events[0].data.incident!.id}`).expect(200)).body;
    expect(incident).toMatchObject({ status: 'recovered', severity: 'crit', notifications: 2, subjectId: f.resourceId, measurement: f.measurement });
  });

  it('cut-off: at most M notifications per incident, then silence (recorded once) until it recovers', async () => {
    const f = await seriesFixture(api);
    const r = await rule(f, { maxNotifications: 2, renotifyMinutes: 30 });
    const s = feeder(api, f, '2026-06-02T00:00:00Z');
    await s.feed(95, 95, 95, 95, 95, 95, 95);
    const events = await alertEvents(api, r.id);
    expect(notifies(events)).toEqual(['triggered', 'renotify']);
    expect(events.filter((e) => e.type === 'alert.suppressed').map((e) => e.data.reason)).toEqual(['cut-off after 2']);
    await s.feed(10, 10, 10);
    expect(notifies(await alertEvents(api, r.id))).toEqual(['triggered', 'renotify', 'recovered']);
  });

  it('an acknowledgement stops re-notification but keeps the incident open', async () => {
    const f = await seriesFixture(api);
    const r = await rule(f, { renotifyMinutes: 30, maxNotifications: 10 });
    const s = feeder(api, f, '2026-06-03T00:00:00Z');
    await s.feed(95, 95, 95);
    const [triggered] = await alertEvents(api, r.id);
    const id = triggered.data.incident!.id;
    const acked = (await api.as(api.adminKey).post(`/api/v1/alerts/${id}/acknowledge`).expect(200)).body;
    expect(acked).toMatchObject({ id, status: 'open', acknowledgedBy: expect.stringMatching(/^test-admin-/) });
    await api.as(api.adminKey).post(`/api/v1/alerts/${id}/acknowledge`).expect(409);
    await s.feed(95, 95);
    const events = await alertEvents(api, r.id);
    expect(types(events)).toEqual(['alert.triggered', 'alert.notify', 'alert.acknowledged', 'alert.suppressed']);
    expect(events[2].actor_key_name).toMatch(/^test-admin-/);
    expect(events[3].data).toMatchObject({ reason: 'acknowledged', would: 'renotify' });
  });

  it('flapping holds notifications, and its start is told once', async () => {
    const f = await seriesFixture(api);
    const r = await rule(f, { forEvaluations: 1, maxNotifications: 100 });
    const s = feeder(api, f, '2026-06-04T00:00:00Z');
    await s.feed(95, 10, 95, 10, 95, 10, 95, 10, 95, 10, 95, 10);
    const events = await alertEvents(api, r.id);
    const flapAt = events.findIndex((e) => e.type === 'alert.flapping');
    expect(flapAt).toBeGreaterThan(0);
    expect(events.filter((e) => e.type === 'alert.flapping').map((e) => e.data.flapping)).toEqual([true]);
    // Every change after flapping began is still an event, but none is sent: held, with the reason.
    const after = events.slice(flapAt + 1);
    expect(after.some((e) => e.type === 'alert.triggered' || e.type === 'alert.recovered')).toBe(true);
    expect(after.filter((e) => e.type === 'alert.notify').map((e) => e.data.reason).filter((x) => x !== 'flapping_started')).toEqual([]);
    expect(after.some((e) => e.type === 'alert.suppressed' && e.data.reason === 'flapping')).toBe(true);
  });

  it('a maintenance window suppresses notifications while evaluation goes on; what is owed is sent once it ends', async () => {
    const f = await seriesFixture(api);
    const r = await rule(f);
    const start = '2026-06-05T00:00:00Z';
    const name = uniq('patch night');
    await api.as(api.adminKey).post('/api/v1/maintenance-windows')
      .send({ name, scopeType: 'resource', scopeId: f.resourceId, startsAt: start, endsAt: new Date(Date.parse(start) + 4 * SLOT_MS).toISOString() }).expect(201);
    const s = feeder(api, f, start);
    await s.feed(95, 95, 95, 95);
    let events = await alertEvents(api, r.id);
    expect(types(events)).toEqual(['alert.triggered', 'alert.suppressed']);
    expect(events[1].data).toMatchObject({ reason: `maintenance: ${name}`, would: 'triggered' });
    const id = events[0].data.incident!.id;
    expect((await api.as(api.adminKey).get(`/api/v1/alerts/${id}`).expect(200)).body).toMatchObject({ status: 'open', suppressed: `maintenance: ${name}`, notifications: 0 });
    await s.feed(95); // the window has ended
    events = await alertEvents(api, r.id);
    expect(notifies(events)).toEqual(['triggered']);
  });

  it('notifications off, per rule and per resource, suppress with the reason and never stop evaluation', async () => {
    const f = await seriesFixture(api);
    const quiet = await rule(f, { notificationsEnabled: false });
    const s = feeder(api, f, '2026-06-06T00:00:00Z');
    await s.feed(95, 95, 95);
    expect(types(await alertEvents(api, quiet.id))).toEqual(['alert.triggered', 'alert.suppressed']);
    expect((await alertEvents(api, quiet.id))[1].data.reason).toBe('rule notifications off');

    const g = await seriesFixture(api);
    const loud = await rule(g);
    await api.as(api.adminKey).put(`/api/v1/resources/${g.resourceId}/alert-notifications`).send({ enabled: false, reason: 'decommissioning' }).expect(200);
    expect((await api.as(api.adminKey).get(`/api/v1/resources/${g.resourceId}/alert-notifications`).expect(200)).body).toMatchObject({ enabled: false, reason: 'decommissioning' });
    await feeder(api, g, '2026-06-06T00:00:00Z').feed(95, 95, 95);
    const events = await alertEvents(api, loud.id);
    expect(events.map((e) => [e.type, e.data.reason ?? null])).toEqual([['alert.triggered', null], ['alert.suppressed', 'resource notifications off']]);
  });

  it('missing data is never evaluated as zero: it neither breaks nor extends a run, and K in a row are nodata', async () => {
    const f = await seriesFixture(api);
    // node.up-like: crit when below 1. A zero would fire; a missing sample must not.
    const r = await rule(f, { comparison: '<', warn: null, crit: 1, nodataAfter: 3 });
    const s = feeder(api, f, '2026-06-07T00:00:00Z');
    await s.feed(1, null, null);
    expect(await alertEvents(api, r.id)).toEqual([]);
    await s.feed(null);
    const events = await alertEvents(api, r.id);
    expect(types(events)).toEqual(['alert.triggered', 'alert.notify']);
    expect(events[0].data.incident).toMatchObject({ severity: 'nodata' });
    // Zeros for real, three in a row: now it is crit (an escalation from nodata).
    await s.feed(0, 0, 0);
    expect(types(await alertEvents(api, r.id))).toEqual(['alert.triggered', 'alert.notify', 'alert.escalated', 'alert.notify']);
  });

  it('a counter is evaluated as its rate, and a reset is skipped, not read as a rate', async () => {
    const f = await seriesFixture(api, 'counter');
    // 90 per 30 minutes = 0.05/s; crit above 0.1/s.
    const r = await rule(f, { warn: null, crit: 0.1, forEvaluations: 2 });
    const s = feeder(api, f, '2026-06-08T00:00:00Z');
    await s.feed(0, 90, 180, 10, 100);
    expect(await alertEvents(api, r.id)).toEqual([]);
    await s.feed(100 + 400, 500 + 400);
    expect(types(await alertEvents(api, r.id))).toEqual(['alert.triggered', 'alert.notify']);
  });

  it('a replayed evaluation of a slot changes nothing', async () => {
    const f = await seriesFixture(api);
    const r = await rule(f);
    const s = feeder(api, f, '2026-06-09T00:00:00Z');
    await s.feed(95, 95, 95);
    const last = new Date(s.next.getTime() - SLOT_MS);
    const { AlertEvaluator } = await import('@tally/alerts');
    await api.app.get(AlertEvaluator).evaluate(last, [f.resourceId]);
    await api.app.get(AlertEvaluator).evaluate(last, [f.resourceId]);
    expect(types(await alertEvents(api, r.id))).toEqual(['alert.triggered', 'alert.notify']);
  });
});
