import { INestApplicationContext } from '@nestjs/common';
import { CollectionRunsService, CollectionService, ReadingsWriter } from '@tally/collectors';
import { JobProducer, JOBS, PersistSamplesPayload, QUEUES } from '@tally/jobs';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../support/api-app';
import { RapiStandin } from '../support/rapi-standin';
import { serveGeneratedClusters } from '../support/rapi-generator';
import { collectionEnv, dropRedisPrefix, privateDatabase, runWatcher, startWorkerApp, testSlot, waitFor } from './collection-env';
import { Inventory } from '../support/factories';

const BATCH = 10;
const VM_KEYS = 4;

/**
 * Ganeti VMs are collected a batch of one cluster at a time (TALLY_GANETI_BATCH_SIZE) and
 * written with COPY. Per-resource outcomes, replayed batches and a restarted fan-out must
 * come out exactly as if every VM had been collected on its own.
 */
describe('collecting Ganeti VMs in batches', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let env: Record<string, string>;
  let api: TestApi;
  let worker: INestApplicationContext;
  let standin: RapiStandin;
  const vms: string[] = [];
  let missing: string;

  beforeAll(async () => {
    db = await privateDatabase();
    env = collectionEnv(db.url, { TALLY_GANETI_BATCH_SIZE: String(BATCH) });
    [api, standin] = await Promise.all([startApi(env), RapiStandin.start()]);
    const inv = await new Inventory(api).init();
    // Two clusters of 25: three batches each (10, 10, 5).
    for (const c of serveGeneratedClusters(standin, { clusters: 2, instancesPerCluster: 25 })) {
      await inv.cluster({ fqdn: c.fqdn, rapiUrl: c.rapiUrl, tlsMode: 'ca', caCertificate: standin.certificates.main.caCert });
      const offset = Number(c.fqdn.slice(7, 10)) * 25;
      for (let i = 0; i < 25; i++) vms.push(await inv.vm(c.fqdn, `vm-${String(offset + i).padStart(5, '0')}.example.org`));
    }
    missing = await inv.vm('ganeti-001.example.org', 'vm-gone.example.org');
    worker = await startWorkerApp(env);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await standin?.close();
    await dropRedisPrefix(env.TALLY_QUEUE_PREFIX);
    await db?.drop();
  });

  const admin = () => api.as(api.adminKey);
  const { done } = runWatcher(admin, 40_000);
  const sql = <T>(text: string, params: unknown[] = []): Promise<T[]> => api.app.get(DataSource).query(text, params);
  const sampleCounts = async (slot: Date) =>
    Object.fromEntries((await sql<{ resource_id: string; n: number }>(
      `SELECT resource_id, count(*)::int AS n FROM samples WHERE ts = $1 GROUP BY 1`, [slot.toISOString()],
    )).map((r) => [r.resource_id, r.n]));
  /** As if these VMs' batch had never been written: their samples and outcomes gone, the run open again. */
  const unwrite = async (runId: string, slot: Date, lost: string[]) => {
    await sql(`DELETE FROM samples WHERE ts = $1 AND resource_id = ANY($2::uuid[])`, [slot.toISOString(), lost]);
    await sql(`DELETE FROM collection_run_outcomes WHERE run_id = $1 AND target = ANY($2::text[])`, [runId, lost]);
    await sql(`UPDATE collection_runs SET state = 'running', finished_at = NULL WHERE id = $1`, [runId]);
  };
  /** The slot's fan-out jobs (first trigger, resumes) in any state, oldest first. */
  const slotJobs = async (slot: Date) => {
    const queue = worker.get(JobProducer).queue(QUEUES.collect);
    const jobs = (await queue.getJobs(['waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed']))
      .filter((j) => j.name === JOBS.collectSlot && j.data.slot === slot.toISOString())
      .sort((a, b) => a.timestamp - b.timestamp);
    return Promise.all(jobs.map(async (j) => ({ name: j.name, id: j.id, state: await j.getState() })));
  };
  const persistJobs = async (slot: Date) =>
    (await worker.get(JobProducer).queue(QUEUES.persist).getJobs(['completed'])).filter((j) => j.data.slot === slot.toISOString());

  it('gives every VM its own outcome and samples, with one persist job per batch (across clusters) and no job per VM', async () => {
    await done((await admin().post('/api/v1/collections/precache').expect(202)).body.id);
    const slot = testSlot();
    const run = await done((await admin().post('/api/v1/collections').send({ slot: slot.toISOString() }).expect(201)).body.id);

    expect(run).toMatchObject({ state: 'partial', total: 51, okCount: 50, errorCount: 1, sampleCount: 50 * VM_KEYS });
    expect(run.outcomes).toHaveLength(51);
    expect(run.outcomes[0]).toMatchObject({ target: missing, ok: false, reason: expect.stringMatching(/^instance vm-gone\.example\.org is not in the answer from ganeti-001\.example\.org/) });
    expect(run.outcomes.filter((o: { ok: boolean; samples: number }) => o.ok && o.samples === VM_KEYS)).toHaveLength(50);

    const counts = await sampleCounts(slot);
    for (const vm of vms) expect(counts[vm]).toBe(VM_KEYS);
    expect(counts[missing]).toBeUndefined();

    // Read per cluster (at most 10 VMs a Redis read), written 10 at a time across clusters:
    // 51 VMs make five full persist jobs and one of the last VM.
    const sizes = (await persistJobs(slot)).map((j) => (j.data as PersistSamplesPayload).readings.length).sort((a, b) => a - b);
    expect(sizes).toEqual([1, 10, 10, 10, 10, 10]);
    const collectJobs = await worker.get(JobProducer).queue(QUEUES.collect).getJobs(['completed', 'waiting', 'active', 'failed']);
    expect(collectJobs.filter((j) => j.data.slot === slot.toISOString()).map((j) => j.name)).toEqual(['collect-slot']);
  });

  it('writes a replayed batch again by upsert: no duplicate row, no count added twice, the latest value kept', async () => {
    await done((await admin().post('/api/v1/collections/precache').expect(202)).body.id);
    const slot = testSlot();
    const first = await done((await admin().post('/api/v1/collections').send({ slot: slot.toISOString() }).expect(201)).body.id);
    // Any batch with a stored reading (the order of the slot's jobs in Redis is not fixed; one
    // holds only the VM the cluster does not know).
    const job = (await persistJobs(slot)).find((j) => (j.data as PersistSamplesPayload).readings.some((r) => r.ok))!;
    const replay = structuredClone(job.data as PersistSamplesPayload);
    const target = replay.readings.find((r) => r.ok)!;
    const [measurementId] = Object.keys(target.values);
    target.values[measurementId] += 1000;

    // COPY meets the rows already there, and the batch is written again by upsert instead.
    expect(await worker.get(ReadingsWriter).persist(replay)).toBe(replay.readings.filter((r) => r.ok).length * VM_KEYS);
    const again = await runWatcher(admin).run(first.id);
    expect(again).toMatchObject({ state: first.state, total: first.total, okCount: first.okCount, errorCount: first.errorCount, sampleCount: first.sampleCount });
    expect(Object.values(await sampleCounts(slot)).every((n) => n === VM_KEYS)).toBe(true);
    const [row] = await sql<{ value: number }>(
      `SELECT value FROM samples WHERE resource_id = $1 AND measurement_id = $2 AND ts = $3`, [target.resourceId, Number(measurementId), slot.toISOString()],
    );
    expect(Number(row.value)).toBe(target.values[measurementId]);
  });

  it('after a restart mid-slot, a second fan-out collects only the VMs without an outcome, and the run adds up', async () => {
    await done((await admin().post('/api/v1/collections/precache').expect(202)).body.id);
    const slot = testSlot();
    const first = await done((await admin().post('/api/v1/collections').send({ slot: slot.toISOString() }).expect(201)).body.id);
    // As if the worker had died before these 7 VMs' batch was written: their outcomes and samples gone, the run open.
    const lost = vms.slice(3, 10);
    await unwrite(first.id, slot, lost);

    const persistsBefore = (await persistJobs(slot)).length;
    await worker.get(CollectionService).fanOut(slot, 'api');
    const final = await done(first.id);
    expect(final).toMatchObject({ state: 'partial', total: 51, okCount: 50, errorCount: 1, sampleCount: 50 * VM_KEYS });
    const counts = await sampleCounts(slot);
    for (const vm of vms) expect(counts[vm]).toBe(VM_KEYS);
    // One new batch, of exactly the lost VMs (a batch id no earlier job had).
    const persists = await persistJobs(slot);
    expect(persists).toHaveLength(persistsBefore + 1);
    const added = persists.find((j) => (j.data as PersistSamplesPayload).readings.length === lost.length)!;
    expect((added.data as PersistSamplesPayload).readings.map((r) => r.resourceId).sort()).toEqual([...lost].sort());
  });

  it('keeps a reason exactly as written, tabs, newlines and backslashes included', async () => {
    const runs = worker.get(CollectionRunsService);
    const slot = testSlot();
    const { run } = await runs.ensure('collect', slot, 'api');
    await runs.start(run.id, 1);
    const reason = 'cluster said:\t"bad"\r\nline two \\N C:\\tmp';
    await worker.get(ReadingsWriter).persist({ runId: run.id, slot: slot.toISOString(), at: new Date().toISOString(), readings: [{ resourceId: vms[0], ok: false, reason, values: {} }] });
    const shown = await runWatcher(admin).run(run.id);
    expect(shown).toMatchObject({ state: 'failed', total: 1, errorCount: 1 });
    expect(shown.outcomes[0].reason).toBe(reason);
  });

  it('lists only the failed VMs on request, and refuses an unknown choice naming the parameter', async () => {
    await done((await admin().post('/api/v1/collections/precache').expect(202)).body.id);
    const { id } = (await admin().post('/api/v1/collections').send({ slot: testSlot().toISOString() }).expect(201)).body;
    await done(id);
    const errors = (await admin().get(`/api/v1/collections/${id}?outcomes=errors`).expect(200)).body;
    expect(errors).toMatchObject({ total: 51, okCount: 50, errorCount: 1, outcomesPruned: false });
    expect(errors.outcomes.map((o: { target: string }) => o.target)).toEqual([missing]);
    const bad = await admin().get(`/api/v1/collections/${id}?outcomes=some`).expect(400);
    expect(JSON.stringify(bad.body)).toContain('outcomes must be one of all, errors');
  });

  it('prunes per-VM outcomes of runs finished longer ago than the retention, keeping the runs and their counts', async () => {
    await done((await admin().post('/api/v1/collections/precache').expect(202)).body.id);
    const old = await done((await admin().post('/api/v1/collections').send({ slot: testSlot().toISOString() }).expect(201)).body.id);
    const recent = await done((await admin().post('/api/v1/collections').send({ slot: testSlot().toISOString() }).expect(201)).body.id);
    // The default retention is 30 days, counted from when a run finished (not from its slot).
    await sql(`UPDATE collection_runs SET finished_at = now() - interval '31 days' WHERE id = $1`, [old.id]);

    await done((await admin().post('/api/v1/collections').send({ slot: testSlot().toISOString() }).expect(201)).body.id);
    // The fan-out prunes once it has enqueued its slot, so this may land just after the run ends.
    const pruned = await waitFor('the old run pruned', async () => {
      const body = (await admin().get(`/api/v1/collections/${old.id}`).expect(200)).body;
      return body.outcomesPruned && body;
    }, 10_000);
    expect(pruned).toMatchObject({ state: 'partial', total: 51, okCount: 50, errorCount: 1, sampleCount: 50 * VM_KEYS, outcomes: [], outcomesPruned: true });
    const kept = (await admin().get(`/api/v1/collections/${recent.id}`).expect(200)).body;
    expect(kept.outcomes).toHaveLength(51);
    expect(kept.outcomesPruned).toBe(false);
    // Samples are billing data: retention never touches them.
    expect(Object.keys(await sampleCounts(new Date(old.slot)))).toHaveLength(50);
  });

  it('resumes a run left unfinished when its slot is triggered again, but leaves a run in progress alone', async () => {
    await done((await admin().post('/api/v1/collections/precache').expect(202)).body.id);
    const slot = testSlot();
    const first = await done((await admin().post('/api/v1/collections').send({ slot: slot.toISOString() }).expect(201)).body.id);
    // As if its fan-out had given up hours ago with 5 VMs not written.
    const lost = vms.slice(30, 35);
    await unwrite(first.id, slot, lost);

    // Started just now (as far as anyone can tell): a second trigger adds nothing. The API
    // enqueues before it answers, so once it has answered, the slot's jobs in Redis are all
    // there will be: still only the first fan-out, and the run stays open.
    await sql(`UPDATE collection_runs SET started_at = now() WHERE id = $1`, [first.id]);
    expect(await slotJobs(slot)).toEqual([expect.objectContaining({ name: JOBS.collectSlot, state: 'completed' })]);
    expect((await admin().post('/api/v1/collections').send({ slot: slot.toISOString() }).expect(200)).body).toMatchObject({ id: first.id, state: 'running' });
    expect(await slotJobs(slot)).toEqual([expect.objectContaining({ name: JOBS.collectSlot, state: 'completed' })]);
    expect((await runWatcher(admin).run(first.id)).state).toBe('running');

    // Started two hours ago: the trigger resumes it, and only the missing VMs are collected.
    await sql(`UPDATE collection_runs SET started_at = now() - interval '2 hours' WHERE id = $1`, [first.id]);
    expect((await admin().post('/api/v1/collections').send({ slot: slot.toISOString() }).expect(200)).body.id).toBe(first.id);
    expect(await slotJobs(slot)).toHaveLength(2);
    const final = await done(first.id);
    expect(final).toMatchObject({ state: 'partial', total: 51, okCount: 50, errorCount: 1, sampleCount: 50 * VM_KEYS });
    const counts = await sampleCounts(slot);
    for (const vm of lost) expect(counts[vm]).toBe(VM_KEYS);
  });
});
