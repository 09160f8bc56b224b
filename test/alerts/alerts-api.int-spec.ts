import { AckLinks, AlertEvaluator } from '@tally/alerts';
import { startApi, TestApi } from '../support/api-app';
import { insertSamples, makeTenant, uniq } from '../support/factories';
import { alertEvents, feeder, seriesFixture, types } from './alert-support';

/** The alerts API: rules' validation and visibility, budget rules, and the signed acknowledgement link. */
describe('alerts API', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startApi()));
  afterAll(() => api.close());

  it('refuses bad rules with a 400 naming the field, and records each change as an event', async () => {
    const f = await seriesFixture(api);
    const admin = api.as(api.adminKey);
    const base = { name: uniq('rule'), measurement: f.measurement, scopeType: 'resource', scopeId: f.resourceId, crit: 90 };
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ ...base, measurement: 'no.such' }, /^measurement: /],
      [{ ...base, crit: undefined }, /^crit: /],
      [{ ...base, crit: 'high' }, /^crit /],
      [{ ...base, scopeId: undefined }, /^scopeId: required/],
      [{ ...base, scopeId: '00000000-0000-4000-8000-000000000000' }, /^scopeId: resource .* not found/],
      [{ ...base, scopeType: 'all' }, /^scopeId: must be absent/],
      [{ ...base, scopeType: 'galaxy' }, /^scopeType /],
      [{ ...base, comparison: '!=' }, /^comparison /],
      [{ ...base, forEvaluations: 0 }, /^forEvaluations /],
      [{ ...base, kind: 'budget', timeZone: 'Mars/Olympus' }, /^timeZone: /],
      [{ ...base, kind: 'budget', comparison: '<' }, /^comparison: /],
    ];
    for (const [body, message] of bad) {
      const res = await admin.post('/api/v1/alert-rules').send(body);
      expect([body, res.status, res.body.message]).toEqual([body, 400, expect.stringMatching(message)]);
    }
    const rule = (await admin.post('/api/v1/alert-rules').send(base).expect(201)).body;
    expect(rule).toMatchObject({ kind: 'threshold', comparison: '>', forEvaluations: 3, nodataAfter: 3, maxNotifications: 3, clientId: f.client.id, measurementKind: 'gauge' });
    const changed = (await admin.patch(`/api/v1/alert-rules/${rule.id}`).send({ crit: 95, scopeType: 'client', scopeId: f.client.id }).expect(200)).body;
    expect(changed).toMatchObject({ crit: 95, scopeType: 'client', scopeId: f.client.id });
    await admin.delete(`/api/v1/alert-rules/${rule.id}`).expect(204);
    await admin.get(`/api/v1/alert-rules/${rule.id}`).expect(404);
    const events = (await admin.get(`/api/v1/events?subjectId=${rule.id}`).expect(200)).body.items;
    expect(events.map((e: { type: string }) => e.type)).toEqual(['alert_rule.deleted', 'alert_rule.updated', 'alert_rule.created']);
    expect(events[1].changes).toMatchObject({ crit: { before: 90, after: 95 }, scopeType: { before: 'resource', after: 'client' } });
  });

  it('a client key reads the rules of its own client only, and may not write any', async () => {
    const f = await seriesFixture(api);
    const other = await makeTenant(api);
    const admin = api.as(api.adminKey);
    const own = (await admin.post('/api/v1/alert-rules').send({ name: uniq('own'), measurement: f.measurement, scopeType: 'client', scopeId: f.client.id, crit: 1 }).expect(201)).body;
    const wide = (await admin.post('/api/v1/alert-rules').send({ name: uniq('wide'), measurement: f.measurement, scopeType: 'all', crit: 1 }).expect(201)).body;
    const mine = (await api.as(f.key).get('/api/v1/alert-rules?limit=500').expect(200)).body.items.map((r: { id: string }) => r.id);
    expect(mine).toEqual([own.id]);
    await api.as(f.key).get(`/api/v1/alert-rules/${wide.id}`).expect(404);
    await api.as(other.key).get(`/api/v1/alert-rules/${own.id}`).expect(404);
    await api.as(f.key).post('/api/v1/alert-rules').send({ name: 'x', measurement: f.measurement, scopeType: 'client', scopeId: f.client.id, crit: 1 }).expect(403);
    await admin.delete(`/api/v1/alert-rules/${wide.id}`).expect(204);
  });

  it('a budget rule counts the calendar month of its own time zone, at the month boundary', async () => {
    const f = await seriesFixture(api, 'counter');
    const admin = api.as(api.adminKey);
    const make = async (timeZone: string) => (await admin.post('/api/v1/alert-rules')
      .send({ name: uniq(`budget ${timeZone}`), kind: 'budget', measurement: f.measurement, scopeType: 'client', scopeId: f.client.id, crit: 100, timeZone }).expect(201)).body;
    const utc = await make('UTC');
    const auckland = await make('Pacific/Auckland');
    // Auckland's December begins 2026-11-30T11:00Z (NZDT, UTC+13): 100 of the 170 were used in its November.
    const samples = [['2026-11-30T10:00:00Z', 0], ['2026-11-30T10:30:00Z', 100], ['2026-11-30T11:00:00Z', 150], ['2026-11-30T11:30:00Z', 160], ['2026-11-30T12:00:00Z', 170]] as const;
    await insertSamples(api.db, f.resourceId, f.measurementId, samples.map(([ts, value]) => ({ ts, value })));
    await api.app.get(AlertEvaluator).evaluate(new Date('2026-11-30T12:00:00Z'), [f.resourceId]);
    const fired = await alertEvents(api, utc.id);
    expect(types(fired)).toEqual(['alert.triggered', 'alert.notify']);
    expect(fired[0].data.incident).toMatchObject({ severity: 'crit', subjectType: 'client', subjectId: f.client.id });
    expect((fired[0].data.incident as unknown as { value: number }).value).toBeGreaterThanOrEqual(100);
    expect(await alertEvents(api, auckland.id)).toEqual([]);
    // In a UTC+13 month that is all December (from 11:00Z on), the same rule fires as well.
    const later = [['2026-12-01T10:00:00Z', 300]] as const;
    await insertSamples(api.db, f.resourceId, f.measurementId, later.map(([ts, value]) => ({ ts, value })));
    await api.app.get(AlertEvaluator).evaluate(new Date('2026-12-01T10:00:00Z'), [f.resourceId]);
    expect(types(await alertEvents(api, auckland.id))).toEqual(['alert.triggered', 'alert.notify']);
    // …while UTC's December has only just begun (its 300 - 170 = 130 used in December, from midnight on, is over too:
    // the UTC incident stays the one opened in November, never a second).
    expect(types(await alertEvents(api, utc.id)).filter((t) => t === 'alert.triggered')).toHaveLength(1);
  });

  it('acknowledges through a signed link: GET only shows, POST acknowledges as "ack link (incident N)"', async () => {
    const f = await seriesFixture(api);
    const r = (await api.as(api.adminKey).post('/api/v1/alert-rules')
      .send({ name: uniq('rule'), measurement: f.measurement, scopeType: 'resource', scopeId: f.resourceId, crit: 90 }).expect(201)).body;
    await feeder(api, f, '2026-06-10T00:00:00Z').feed(95, 95, 95);
    const id = (await alertEvents(api, r.id))[0].data.incident!.id;
    const links = api.app.get(AckLinks);
    const path = new URL(links.url(id)).pathname;
    expect(path).toMatch(new RegExp(`^/ack/${id}\\.\\d+\\.[A-Za-z0-9_-]{43}$`));

    const page = await api.http.get(path).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toContain("form-action 'self'");
    expect(page.text).toContain(`Acknowledge incident ${id}`);
    await api.http.get(path).expect(200); // a mail scanner following the link twice changes nothing
    expect((await api.as(api.adminKey).get(`/api/v1/alerts/${id}`).expect(200)).body.acknowledgedAt).toBeNull();

    // Tampered, for another incident, or expired: refused, nothing changes.
    const [n, exp, mac] = path.slice('/ack/'.length).split('.');
    for (const bad of [`${n}.${exp}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`, `${Number(n) + 1}.${exp}.${mac}`, `${n}.${Number(exp) + 1}.${mac}`, links.token(id, new Date(Date.now() - 1e12))]) {
      await api.http.post(`/ack/${bad}`).expect(404);
    }
    const done = await api.http.post(path).expect(200);
    expect(done.text).toContain('Acknowledged at');
    expect((await api.as(api.adminKey).get(`/api/v1/alerts/${id}`).expect(200)).body).toMatchObject({ status: 'open', acknowledgedBy: `ack link (incident ${id})` });
    await api.http.post(path).expect(409);
    const [acked] = (await api.as(api.adminKey).get(`/api/v1/events?type=alert.acknowledged&subjectId=${id}`).expect(200)).body.items;
    expect(acked.actor).toMatchObject({ keyId: null, keyName: `ack link (incident ${id})`, role: 'ack-link' });
  });
});
