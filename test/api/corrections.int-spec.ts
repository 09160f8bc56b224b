import { randomUUID } from 'node:crypto';
import { startApi, TestApi } from '../support/api-app';
import { csvRecords } from '../support/csv';
import { makeTenant, seedReportClient, SeededClient, uniq, WINDOW } from '../support/factories';

type Line = { key: string; usage: number; corrections: number; correctedAt: string | null };

/**
 * Design §7: a correction is the one way to change a closed period; it is atomic, recorded
 * with who, when, why and each sample's before and after, and shows on the report it changes.
 */
describe('corrections', () => {
  let api: TestApi;
  let billing: string;
  beforeAll(async () => {
    api = await startApi();
    billing = (await api.as(api.adminKey).post('/api/v1/api-keys').send({ name: uniq('billing'), role: 'billing' }).expect(201)).body.key;
  });
  afterAll(() => api.close());

  const t = (hhmm: string) => `2026-10-01T${hhmm}:00Z`;
  const report = async (seeded: SeededClient, query = `from=${WINDOW.from}&to=${WINDOW.to}`) =>
    (await api.as(billing).get(`/api/v1/clients/${seeded.client.id}/report?${query}&format=json`).expect(200)).body;
  /** `resource/measurement` → line, over the whole report. */
  const lines = (body: { projects: { resources: { name: string; measurements: Line[] }[] }[] }) =>
    Object.fromEntries(body.projects.flatMap((p) => p.resources.flatMap((r) => r.measurements.map((m) => [`${r.name}/${m.key}`, m]))));
  const samplesOf = async (resourceId: string) =>
    (await api.db.query(`SELECT m.key, s.ts, s.value FROM samples s JOIN measurements m ON m.id = s.measurement_id WHERE s.resource_id = $1 ORDER BY m.key, s.ts`, [resourceId]))
      .map((r: { key: string; ts: Date; value: number }) => `${r.key}@${r.ts.toISOString().slice(11, 16)}=${r.value}`);

  it("changes a closed report's numbers, marks exactly the corrected lines, and records before and after", async () => {
    const seeded = await seedReportClient(api, `Corrected Lab ${uniq('c')}`);
    const { vm1 } = seeded.resources;
    const before = await report(seeded);
    expect(before.status).toBe('final');
    expect(Object.values(lines(before)).map((l) => l.corrections)).toEqual([0, 0, 0, 0, 0]);

    const res = await api.as(billing).post('/api/v1/corrections').send({
      reason: 'vm-1 ran 6 vCPUs at 00:30 (ticket 4711); the 00:30 net.rx reading was a glitch',
      samples: [{ resourceId: vm1, measurement: 'ganeti.vcpus', ts: t('00:30'), value: 6 }],
      deletes: [{ resourceId: vm1, measurement: 'net.rx', ts: t('00:30') }],
    }).expect(201);
    const correction = res.body;
    expect(correction).toMatchObject({
      reason: 'vm-1 ran 6 vCPUs at 00:30 (ticket 4711); the 00:30 net.rx reading was a glitch',
      by: { role: 'billing', name: expect.stringMatching(/^billing-/), apiKeyId: expect.any(String) },
      requestId: res.headers['x-request-id'],
      items: { samples: 1, deletes: 1, inserted: 0, updated: 1, deleted: 1, unchanged: 0 },
      changedFrom: '2026-10-01T00:30:00.000Z', changedTo: '2026-10-01T00:30:00.000Z',
    });

    const after = await report(seeded);
    expect(after.status).toBe('final');
    const got = lines(after);
    // vcpus 2, 6, 2, 2 for half an hour each; net.rx 40 → 100 → 150 (the 300 gone): 60 + 50 (a reset) + 100.
    expect(got['vm-1/ganeti.vcpus']).toMatchObject({ usage: 6, corrections: 1, correctedAt: correction.createdAt });
    expect(got['vm-1/net.rx']).toMatchObject({ usage: 210, corrections: 1, correctedAt: correction.createdAt });
    for (const other of ['@old-vm/ganeti.vcpus', '@old-vm/load.1m', '-db-1/ganeti.vcpus']) {
      expect([other, got[other].corrections, got[other].correctedAt, got[other].usage]).toEqual([other, 0, null, lines(before)[other].usage]);
    }
    // A window after 00:30 still marks net.rx, whose baseline (the sample before the window) the correction changed, not vcpus.
    const later = lines(await report(seeded, `from=${t('01:00')}&to=${t('02:00')}`));
    expect([later['vm-1/ganeti.vcpus'].corrections, later['vm-1/net.rx'].corrections]).toEqual([0, 1]);

    const csv = csvRecords((await api.as(billing).get(`/api/v1/clients/${seeded.client.id}/report?from=${WINDOW.from}&to=${WINDOW.to}&format=csv`).buffer(true)
      .parse((r, done) => { let s = ''; r.setEncoding('utf8'); r.on('data', (c: string) => (s += c)); r.on('end', () => done(null, s)); }).expect(200)).body);
    const header = Object.keys(csv[0]);
    // Added after every earlier column (and before the ones issue 13 added after them).
    expect(header.slice(header.indexOf('status') + 1, header.indexOf('status') + 4)).toEqual(['generated_at', 'corrections', 'corrected_at']);
    expect(csv.filter((r) => r.row_type === 'line').map((r) => [r.resource, r.measurement, r.corrections, r.corrected_at])).toEqual([
      ["'@old-vm", 'ganeti.vcpus', '0', ''], ["'@old-vm", 'load.1m', '0', ''],
      ['vm-1', 'ganeti.vcpus', '1', correction.createdAt], ['vm-1', 'net.rx', '1', correction.createdAt],
      ["'-db-1", 'ganeti.vcpus', '0', ''],
    ]);

    const detail = (await api.as(api.adminKey).get(`/api/v1/corrections/${correction.id}`).expect(200)).body;
    expect(detail).toMatchObject({ id: correction.id, items: correction.items });
    expect(detail.changes).toEqual({ total: 2, items: [
      { resourceId: vm1, measurement: 'ganeti.vcpus', ts: '2026-10-01T00:30:00.000Z', before: 2, after: 6 },
      { resourceId: vm1, measurement: 'net.rx', ts: '2026-10-01T00:30:00.000Z', before: 300, after: null },
    ].sort((a, b) => (a.measurement < b.measurement ? -1 : 1)) });
    const page = (await api.as(billing).get(`/api/v1/corrections/${correction.id}?limit=1&offset=1`).expect(200)).body.changes;
    expect(page).toEqual({ total: 2, items: [detail.changes.items[1]] });

    // Written in the correction's transaction, with the key and request that applied it.
    const [event] = await api.db.query(`SELECT type, client_id, actor_key_id, actor_role, request_id, data FROM events WHERE subject_type = 'correction' AND subject_id = $1`, [correction.id]);
    expect(event).toMatchObject({ type: 'correction.applied', client_id: null, actor_key_id: correction.by.apiKeyId, actor_role: 'billing', request_id: correction.requestId });
    const { changes: _, ...summary } = detail;
    expect(event.data.correction).toEqual({
      ...summary,
      seriesTotal: 2,
      series: [
        { resourceId: vm1, measurement: 'ganeti.vcpus', clientId: seeded.client.id, from: '2026-10-01T00:30:00.000Z', to: '2026-10-01T00:30:00.000Z', changes: 1 },
        { resourceId: vm1, measurement: 'net.rx', clientId: seeded.client.id, from: '2026-10-01T00:30:00.000Z', to: '2026-10-01T00:30:00.000Z', changes: 1 },
      ],
    });
  });

  it('changes nothing when one item is bad, and names every bad item', async () => {
    const seeded = await seedReportClient(api, `Refused Lab ${uniq('c')}`);
    const { vm1, db1 } = seeded.resources;
    const stored = await samplesOf(vm1);
    const missing = randomUUID();
    const res = await api.as(billing).post('/api/v1/corrections').send({
      reason: 'should not apply',
      samples: [
        { resourceId: vm1, measurement: 'ganeti.vcpus', ts: t('00:00'), value: 8 },
        { resourceId: db1, measurement: 'ganeti.vcpus', ts: t('00:30'), value: 9e307 },
        { resourceId: missing, measurement: 'ganeti.vcpus', ts: t('00:30'), value: 1 },
        { resourceId: vm1, measurement: 'no.such_thing', ts: t('00:30'), value: 1 },
      ],
      deletes: [{ resourceId: vm1, measurement: 'ganeti.vcpus', ts: '2026-10-01T02:00:00+02:00' }],
    }).expect(400);
    expect(res.body.errors.map((e: { item: string; field: string }) => `${e.item}:${e.field}`)).toEqual([
      'samples[1]:value', 'samples[2]:resourceId', 'samples[3]:measurement', 'deletes[0]:ts',
    ]);
    expect(res.body.errors[3].message).toBe('deletes[0] repeats samples[0]: same resourceId, measurement and ts; send one change per sample');
    expect(res.body.message).toMatch(/^corrections: 4 problems in the items and nothing was changed: samples\[1\]\.value must be/);
    expect(await samplesOf(vm1)).toEqual(stored);
    expect((await api.as(billing).get(`/api/v1/corrections?clientId=${seeded.client.id}`).expect(200)).body.total).toBe(0);
    expect(await api.db.query(`SELECT 1 FROM events WHERE type = 'correction.applied' AND data::text LIKE '%should not apply%'`)).toEqual([]);
    expect(Object.values(lines(await report(seeded))).every((l) => l.corrections === 0)).toBe(true);
  });

  it('streams NDJSON, names bad lines by number, and lists corrections by resource, client and time', async () => {
    const seeded = await seedReportClient(api, `Backfill Lab ${uniq('c')}`);
    const { db1 } = seeded.resources;
    const line = (i: number) => JSON.stringify({ resourceId: db1, measurement: 'memory.used', ts: new Date(Date.UTC(2026, 8, 1) + i * 60_000).toISOString(), value: i });
    const body = [JSON.stringify({ reason: 'backfill September' }), ...Array.from({ length: 20_000 }, (_, i) => line(i)), JSON.stringify({ delete: { resourceId: db1, measurement: 'ganeti.vcpus', ts: t('00:00') } })].join('\n');
    const res = await api.as(billing).post('/api/v1/corrections').set('Content-Type', 'application/x-ndjson').send(body).expect(201);
    expect(res.body.items).toEqual({ samples: 20_000, deletes: 1, inserted: 20_000, updated: 0, deleted: 1, unchanged: 0 });
    expect((await api.db.query(`SELECT count(*)::int AS n FROM samples WHERE resource_id = $1`, [db1]))[0].n).toBe(20_000);

    const bad = [JSON.stringify({ reason: 'typo' }), line(1), '{"resourceId": oops', '', line(1), JSON.stringify({ delete: { resourceId: db1, measurement: 'memory.used' } })].join('\n');
    const refused = await api.as(billing).post('/api/v1/corrections').set('Content-Type', 'application/x-ndjson').send(bad).expect(400);
    expect(refused.body.errors.map((e: { item: string; field: string }) => `${e.item}:${e.field}`)).toEqual(['line 3:item', 'line 5:ts', 'line 6 (delete):ts']);
    expect(refused.body.errors[1].message).toMatch(/^line 5 repeats line 2/);

    const list = (q: string) => api.as(billing).get(`/api/v1/corrections?${q}`).expect(200).then((r) => r.body);
    expect((await list(`clientId=${seeded.client.id}`)).items.map((c: { id: string }) => c.id)).toEqual([res.body.id]);
    expect((await list(`resourceId=${db1}&from=2026-09-01T00:00:00Z&to=2026-09-02T00:00:00Z`)).total).toBe(1);
    expect((await list(`resourceId=${db1}&from=2026-09-20T00:00:00Z&to=2026-09-30T00:00:00Z`)).total).toBe(0);
    expect((await list(`resourceId=${seeded.resources.vm1}`)).total).toBe(0);
    expect((await list('limit=1')).items).toHaveLength(1);
    await api.as(billing).get('/api/v1/corrections?from=yesterday').expect(400);
  });

  it('is for admin and billing keys only, and refuses what is not JSON or NDJSON', async () => {
    const tenant = await makeTenant(api, ['samples:write']);
    const body = { reason: 'x', deletes: [{ resourceId: randomUUID(), measurement: 'disk.used', ts: t('00:00') }] };
    await api.as(tenant.key).post('/api/v1/corrections').send(body).expect(403);
    await api.as(tenant.key).get('/api/v1/corrections').expect(403);
    await api.as(tenant.key).get(`/api/v1/corrections/${randomUUID()}`).expect(403);
    await api.as(api.adminKey).get(`/api/v1/corrections/${randomUUID()}`).expect(404);
    const text = await api.as(billing).post('/api/v1/corrections').set('Content-Type', 'text/plain').send('reason: x').expect(415);
    expect(text.body.message).toBe('Content-Type must be application/json or application/x-ndjson (got text/plain)');
    expect((await api.as(billing).post('/api/v1/corrections').send({ deletes: body.deletes }).expect(400)).body.message).toMatch(/^reason is required/);
  });

  it('documents the endpoints with their errors', async () => {
    const doc = (await api.http.get('/api/docs-json').expect(200)).body;
    const post = doc.paths['/api/v1/corrections'].post;
    expect(Object.keys(post.requestBody.content).sort()).toEqual(['application/json', 'application/x-ndjson']);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '413', '415']));
    expect(doc.paths['/api/v1/corrections/{id}'].get.responses['200']).toBeDefined();
    expect(doc.components.schemas.ReportMeasurementDto.properties).toHaveProperty('correctedAt');
  });
});
