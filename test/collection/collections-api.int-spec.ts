import SwaggerParser from '@apidevtools/swagger-parser';
import { RUN_KINDS } from '@tally/database';
import { CollectionRunsService } from '@tally/collectors';
import { loadConfig } from '@tally/config';
import { JobProducer, QUEUES, registerSchedules } from '@tally/jobs';
import { startApi, TestApi } from '../support/api-app';
import { makeTenant } from '../support/factories';
import { collectionEnv, dropRedisPrefix, privateDatabase, testSlot } from './collection-env';

/** The HTTP side alone (no worker): who may trigger, what is validated, what is enqueued. */
describe('collections API', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let env: Record<string, string>;
  let api: TestApi;
  let billing: string;
  let client: string;

  beforeAll(async () => {
    db = await privateDatabase();
    env = collectionEnv(db.url);
    api = await startApi(env);
    const admin = api.as(api.adminKey);
    billing = (await admin.post('/api/v1/api-keys').send({ name: 'billing', role: 'billing' }).expect(201)).body.key;
    client = (await makeTenant(api)).key;
  });

  afterAll(async () => {
    await api?.close();
    await dropRedisPrefix(env.TALLY_QUEUE_PREFIX);
    await db?.drop();
  });

  it('triggers a slot once: 201 with a queued run, then 200 with the same run, one job enqueued', async () => {
    const slot = testSlot();
    const first = await api.as(billing).post('/api/v1/collections').send({ slot: new Date(slot.getTime() + 29 * 60_000).toISOString() }).expect(201);
    expect(first.body).toMatchObject({ kind: 'collect', slot: slot.toISOString(), state: 'queued', trigger: 'api', total: 0, durationMs: null });
    const second = await api.as(api.adminKey).post('/api/v1/collections').send({ slot: slot.toISOString() }).expect(200);
    expect(second.body.id).toBe(first.body.id);
    const jobs = await api.app.get(JobProducer).queue(QUEUES.collect).getJobs(['waiting']);
    expect(jobs.filter((j) => j.data.slot === slot.toISOString()).map((j) => [j.name, j.id])).toEqual([['collect-slot', `collect-slot-${slot.getTime()}-api`]]);

    const detail = (await api.as(billing).get(`/api/v1/collections/${first.body.id}`).expect(200)).body;
    expect(detail).toMatchObject({ id: first.body.id, outcomes: [] });
  });

  it('collects the current slot when none is given', async () => {
    const res = await api.as(api.adminKey).post('/api/v1/collections').send({}).expect((r) => expect([200, 201]).toContain(r.status));
    expect(Date.parse(res.body.slot) % 1_800_000).toBe(0);
    expect(Date.now() - Date.parse(res.body.slot)).toBeLessThan(1_800_000);
  });

  it('refuses bad input with a message naming the field', async () => {
    const post = (body: object) => api.as(api.adminKey).post('/api/v1/collections').send(body).expect(400);
    expect((await post({ slot: 'yesterday' })).body.message).toMatch(/^slot must be an ISO 8601 timestamp/);
    expect((await post({ slot: new Date(Date.now() + 3600_000).toISOString() })).body.message).toBe('slot must not be in the future');
    expect((await post({ slot: testSlot().toISOString(), extra: 1 })).body.message).toMatch(/extra/);
    expect((await api.as(api.adminKey).get('/api/v1/collections?kind=everything').expect(400)).body.message).toMatch(/^kind must be one of collect, precache/);
    expect((await api.as(api.adminKey).get('/api/v1/collections?limit=501').expect(400)).body.message).toMatch(/limit/);
    await api.as(api.adminKey).get('/api/v1/collections/not-a-uuid').expect(400);
    await api.as(api.adminKey).get('/api/v1/collections/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('lets billing trigger and read, only admin refresh the cache, and clients nothing', async () => {
    await api.as(client).post('/api/v1/collections').send({}).expect(403);
    await api.as(client).get('/api/v1/collections').expect(403);
    await api.as(billing).post('/api/v1/collections/precache').expect(403);
    const pre = (await api.as(api.adminKey).post('/api/v1/collections/precache').expect(202)).body;
    expect(pre).toMatchObject({ kind: 'precache', state: 'queued' });
    expect(Date.parse(pre.slot)).toBeGreaterThan(Date.now());

    const page = (await api.as(billing).get('/api/v1/collections?kind=precache&limit=5').expect(200)).body;
    expect(page.items.every((r: { kind: string }) => r.kind === 'precache')).toBe(true);
    expect(page.items.map((r: { id: string }) => r.id)).toContain(pre.id);
    const all = (await api.as(billing).get('/api/v1/collections?limit=1&offset=0').expect(200)).body;
    expect(all.items).toHaveLength(1);
    expect(all.total).toBeGreaterThanOrEqual(3);
  });

  it('shows whether the schedules are registered, when they fire next and their last run', async () => {
    const before = (await api.as(billing).get('/api/v1/collections/schedules').expect(200)).body;
    expect(before.map((s: { job: string; registered: boolean }) => [s.job, s.registered])).toEqual([['ganeti-precache', false], ['collect-slot', false]]);

    await registerSchedules(api.app.get(JobProducer), loadConfig({ ...process.env, ...env }));
    await api.app.get(CollectionRunsService).ensure('collect', testSlot(), 'schedule');
    const after = (await api.as(billing).get('/api/v1/collections/schedules').expect(200)).body;
    expect(after[0]).toMatchObject({ id: 'schedule-ganeti-precache', queue: 'tally-precache', pattern: '0 15,45 * * * *', registered: true, lastRun: null });
    expect(after[1]).toMatchObject({ id: 'schedule-collect-slot', registered: true, lastRun: { kind: 'collect', trigger: 'schedule' } });
    expect(Date.parse(after[1].next) % 1_800_000).toBe(0);
    await api.as(client).get('/api/v1/collections/schedules').expect(403);
  });

  it('records outcomes arriving together without losing or double-counting one', async () => {
    const runs = api.app.get(CollectionRunsService);
    const { run } = await runs.ensure('collect', testSlot(), 'schedule');
    await runs.start(run.id, 60);
    const at = new Date().toISOString();
    const targets = Array.from({ length: 60 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    // 60 concurrent writers, then a replay of the first ten (a persist job run twice).
    await Promise.all(targets.map((target, i) => runs.record(run.id, [{ target, ok: i % 3 !== 0, samples: 2, at }])));
    await Promise.all(targets.slice(0, 10).map((target, i) => runs.record(run.id, [{ target, ok: i % 3 !== 0, samples: 2, at }])));
    const final = await runs.get(run.id);
    expect(await runs.outcomes(run.id)).toHaveLength(60);
    expect(final).toMatchObject({ state: 'partial', total: 60, okCount: 40, errorCount: 20, sampleCount: 120 });
    expect(final.finishedAt).toBeInstanceOf(Date);
  });

  it('documents every collections route in the OpenAPI document', async () => {
    const doc = (await api.http.get('/api/docs-json').expect(200)).body;
    await SwaggerParser.validate(structuredClone(doc));
    expect(Object.keys(doc.paths['/api/v1/collections'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(doc.paths['/api/v1/collections'].post.responses).toHaveProperty('201');
    expect(doc.paths['/api/v1/collections'].post.responses).toHaveProperty('200');
    expect(doc.paths['/api/v1/collections/precache'].post.responses).toHaveProperty('202');
    expect(doc.paths['/api/v1/collections/{id}'].get.responses['200']).toBeDefined();
    expect(doc.paths['/api/v1/clusters/{id}/unassigned'].get.responses['200']).toBeDefined();
    expect(doc.paths['/api/v1/collections/schedules'].get.responses['200']).toBeDefined();
    expect(doc.components.schemas.CollectionRunDto.properties.kind.enum).toEqual([...RUN_KINDS]);
    expect(doc.components.schemas.CollectionRunDetailDto.properties.outcomes).toBeDefined();
  });
});
