import { INestApplicationContext } from '@nestjs/common';
import { JobProducer, JOBS, QUEUES } from '@tally/jobs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../support/api-app';
import { Inventory, uniq } from '../support/factories';
import { RapiStandin } from '../support/rapi-standin';
import { startSshd, TestSshd } from '../support/sshd';
import { collectionEnv, dropRedisPrefix, privateDatabase, runWatcher, startWorkerApp, testSlot, waitFor } from './collection-env';

type Outcome = { target: string; ok: boolean; reason?: string; samples: number };

/**
 * POST /collections with resourceIds: a resource made after its slot was collected (by the
 * schedule, or by someone else's trigger) is still collected into that slot's run, once,
 * without racing the run's own fan-out.
 */
describe('collecting given resources into a slot', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let env: Record<string, string>;
  let api: TestApi;
  let worker: INestApplicationContext;
  let standin: RapiStandin;
  let sshd: TestSshd;
  let inv: Inventory;
  let fqdn: string;

  beforeAll(async () => {
    db = await privateDatabase();
    env = collectionEnv(db.url);
    [api, standin, sshd] = await Promise.all([
      startApi(env), RapiStandin.start(),
      startSshd({ cannedOutput: readFileSync(join(__dirname, '../../libs/collectors/src/ssh/__fixtures__/debian-12-vm.txt'), 'utf8') }),
    ]);
    inv = await new Inventory(api).init();
    fqdn = (await inv.cluster({ fqdn: `${uniq('cluster')}.test`, rapiUrl: standin.url, tlsMode: 'ca', caCertificate: standin.certificates.main.caCert })).fqdn;
    worker = await startWorkerApp(env);
    await done((await admin().post('/api/v1/collections/precache').expect(202)).body.id);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await Promise.all([standin?.close(), sshd?.stop()]);
    await dropRedisPrefix(env.TALLY_QUEUE_PREFIX);
    await db?.drop();
  });

  const admin = () => api.as(api.adminKey);
  const { run, done } = runWatcher(admin, 30_000);
  const sql = <T>(text: string, params: unknown[] = []): Promise<T[]> => api.app.get(DataSource).query(text, params);
  const node = async () => inv.node({ host: sshd.host, port: sshd.port, user: sshd.username, credentialId: await inv.credential('ssh-private-key', sshd.privateKey) });
  const collect = (body: object) => admin().post('/api/v1/collections').send(body);
  const outcomesOf = async (id: string, targets: string[]): Promise<Outcome[]> =>
    (await admin().get(`/api/v1/collections/${id}?target=${targets.join(',')}`).expect(200)).body.outcomes;
  /** Waits until the run has finished with an outcome for every one of these targets. */
  const collected = (id: string, targets: string[]) =>
    waitFor(`outcomes of ${targets.length} targets in run ${id}`, async () => {
      const r = await run(id);
      return ['succeeded', 'partial', 'failed'].includes(r.state) && targets.every((t) => r.outcomes.some((o: Outcome) => o.target === t)) && r;
    });
  /** The collect-resources jobs of a slot, by state. */
  const additions = async (slot: Date) => {
    const jobs = await worker.get(JobProducer).queue(QUEUES.collect).getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
    return Promise.all(jobs.filter((j) => j.name === JOBS.collectResources && j.data.slot === slot.toISOString())
      .map(async (j) => ({ state: await j.getState(), result: j.returnvalue, data: j.data })));
  };

  it('adds resources made after the slot was collected to its run, each with its own outcome and samples', async () => {
    const slot = testSlot();
    const early = await inv.vm(fqdn, 'instance2');
    const first = await done((await collect({ slot: slot.toISOString() }).expect(201)).body.id);
    expect(first).toMatchObject({ state: 'succeeded', total: 1 });

    // Made after the slot's collection: an unscoped trigger now only answers with the run.
    const [vm, host] = [await inv.vm(fqdn, 'instance18'), await node()];
    const res = (await collect({ slot: slot.toISOString(), resourceIds: [vm, host, vm] }).expect(200)).body;
    expect(res.id).toBe(first.id);
    const final = await collected(first.id, [vm, host]);
    expect(final).toMatchObject({ state: 'succeeded', total: 3, okCount: 3, errorCount: 0 });
    expect(await outcomesOf(first.id, [vm, host])).toEqual(expect.arrayContaining([
      expect.objectContaining({ target: vm, ok: true, samples: 4 }),
      expect.objectContaining({ target: host, ok: true, samples: 10 }),
    ]));
    expect(await outcomesOf(first.id, [early])).toEqual([expect.objectContaining({ target: early, ok: true })]);
    const rows = await sql<{ resource_id: string; n: number }>(`SELECT resource_id, count(*)::int AS n FROM samples WHERE ts = $1 GROUP BY 1`, [slot.toISOString()]);
    expect(Object.fromEntries(rows.map((r) => [r.resource_id, r.n]))).toEqual({ [early]: 4, [vm]: 4, [host]: 10 });

    // Asked again: each already has its outcome in this slot, so nothing is collected twice.
    await collect({ slot: slot.toISOString(), resourceIds: [vm, early] }).expect(200);
    const again = await waitFor('the second addition to complete', async () => {
      const jobs = await additions(slot);
      return jobs.length === 2 && jobs.every((j) => j.state === 'completed') && jobs;
    });
    expect(again.map((j) => j.result.added).sort()).toEqual([0, 2]);
    expect(await run(first.id)).toMatchObject({ state: 'succeeded', total: 3, okCount: 3 });
  });

  it('creates the slot\'s run when none exists, and collects the whole slot with the resources in it', async () => {
    const slot = testSlot();
    const vm = await inv.vm(fqdn, 'instance3');
    const created = (await collect({ slot: slot.toISOString(), resourceIds: [vm] }).expect(201)).body;
    const final = await collected(created.id, [vm]);
    // Every active resource of the database is in the slot, not only the one asked for.
    const active = (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM resources WHERE active`))[0].n;
    expect(final.total).toBe(active);
    expect(final.outcomes.find((o: Outcome) => o.target === vm)).toMatchObject({ ok: true, samples: 4 });
  });

  it('waits for a run still in progress, then adds only what its fan-out did not collect', async () => {
    const slot = testSlot();
    const first = await done((await collect({ slot: slot.toISOString() }).expect(201)).body.id);
    // As if its fan-out were still writing: the addition must not count on its snapshot.
    await sql(`UPDATE collection_runs SET state = 'running', finished_at = NULL WHERE id = $1`, [first.id]);
    const vm = await inv.vm(fqdn, 'instance9');
    await collect({ slot: slot.toISOString(), resourceIds: [vm] }).expect(200);
    const waiting = await waitFor('the addition to wait for the run', async () => {
      const [job] = await additions(slot);
      return job?.state === 'delayed' && job;
    });
    expect(waiting.data.added).toBeUndefined();
    expect(await outcomesOf(first.id, [vm])).toEqual([]);
    expect((await run(first.id)).total).toBe(first.total);

    await sql(`UPDATE collection_runs SET state = $2, finished_at = now() WHERE id = $1`, [first.id, first.state]);
    const final = await collected(first.id, [vm]);
    expect(final.total).toBe(first.total + 1);
    expect(final.outcomes.find((o: Outcome) => o.target === vm)).toMatchObject({ ok: true, samples: 4 });
  });

  it('records a resource deactivated after it was asked for as not collected, so the run still finishes', async () => {
    const slot = testSlot();
    const first = await done((await collect({ slot: slot.toISOString() }).expect(201)).body.id);
    await sql(`UPDATE collection_runs SET state = 'running', finished_at = NULL WHERE id = $1`, [first.id]);
    const vm = await inv.vm(fqdn, 'instance4');
    await collect({ slot: slot.toISOString(), resourceIds: [vm] }).expect(200);
    await waitFor('the addition to wait', async () => (await additions(slot))[0]?.state === 'delayed');
    await admin().patch(`/api/v1/resources/${vm}`).send({ active: false }).expect(200);
    await sql(`UPDATE collection_runs SET state = $2, finished_at = now() WHERE id = $1`, [first.id, first.state]);
    const final = await collected(first.id, [vm]);
    expect(final).toMatchObject({ state: 'partial', total: first.total + 1, errorCount: first.errorCount + 1 });
    expect(final.outcomes.find((o: Outcome) => o.target === vm)).toMatchObject({ ok: false, reason: 'not collected: deactivated or deleted after it was asked for' });
  });

  it('refuses resources it cannot collect, naming the field, before creating any run', async () => {
    const slot = testSlot();
    const pushOnly = (await admin().post('/api/v1/resources').send({ projectId: inv.projectId, name: uniq('db'), type: 'database' }).expect(201)).body.id;
    const inactive = await inv.vm(fqdn, 'instance5');
    await admin().patch(`/api/v1/resources/${inactive}`).send({ active: false }).expect(200);
    const missing = '00000000-0000-4000-8000-000000000000';
    const refused = async (resourceIds: unknown) => (await collect({ slot: slot.toISOString(), resourceIds }).expect(400)).body.message;
    expect(await refused([missing])).toBe(`resourceIds: resource ${missing} not found`);
    expect(await refused([pushOnly])).toBe(`resourceIds: resource ${pushOnly} is a database resource: push-only, its samples come via POST /samples`);
    expect(await refused([inactive])).toBe(`resourceIds: resource ${inactive} is not collected: it, its project or its client is inactive`);
    expect(await refused(['not-a-uuid'])).toMatch(/resourceIds must contain only UUIDs/);
    expect(await refused([])).toMatch(/resourceIds must name at least one resource/);
    expect(await refused('x')).toMatch(/resourceIds must be an array/);
    expect((await sql(`SELECT 1 FROM collection_runs WHERE kind = 'collect' AND slot = $1`, [slot.toISOString()]))).toEqual([]);
    await admin().get(`/api/v1/collections?state=sleeping`).expect(400);
  });

  it('lists runs by state', async () => {
    const page = (await admin().get('/api/v1/collections?kind=collect&state=succeeded&limit=500').expect(200)).body;
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((r: { state: string; kind: string }) => r.state === 'succeeded' && r.kind === 'collect')).toBe(true);
  });
});
