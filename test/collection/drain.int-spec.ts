import { INestApplicationContext } from '@nestjs/common';
import { CollectionRunsService } from '@tally/collectors';
import { JobProducer, JOBS, QUEUE_NAMES, slotJobId } from '@tally/jobs';
import { Job } from 'bullmq';
import { startApi, TestApi } from '../support/api-app';
import { Inventory } from '../support/factories';
import { RapiStandin } from '../support/rapi-standin';
import { startSshd, TestSshd } from '../support/sshd';
import { collectionEnv, dropRedisPrefix, privateDatabase, runWatcher, startWorkerApp, testSlot, waitFor } from './collection-env';

const SLOTS = 50;

/**
 * A worker that comes back to a backlog (it was down while slots were triggered) works it
 * off: every run finishes, and no job fails or is retried for want of a database connection,
 * with the default pool of 10 and 64 collection jobs at once.
 */
describe('a worker draining a backlog of slots', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let env: Record<string, string>;
  let api: TestApi;
  let worker: INestApplicationContext | undefined;
  let sshd: TestSshd;
  let standin: RapiStandin;

  beforeAll(async () => {
    db = await privateDatabase();
    env = collectionEnv(db.url);
    [api, sshd, standin] = await Promise.all([startApi(env), startSshd(), RapiStandin.start()]);
    const inv = await new Inventory(api).init();
    // Two keys, so polls starting together need more than one credential read.
    const keys = [await inv.credential('ssh-private-key', sshd.privateKey), await inv.credential('ssh-private-key', sshd.privateKey)];
    for (let i = 0; i < 3; i++) await inv.node({ host: sshd.host, port: sshd.port, user: sshd.username, credentialId: keys[i % 2] });
    const { fqdn } = await inv.cluster({ fqdn: `drain-${Date.now()}.test`, rapiUrl: standin.url, tlsMode: 'ca', caCertificate: standin.certificates.main.caCert });
    for (const name of ['instance2', 'instance3', 'instance4', 'instance18']) await inv.vm(fqdn, name);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await Promise.all([sshd?.stop(), standin?.close()]);
    await dropRedisPrefix(env.TALLY_QUEUE_PREFIX);
    await db?.drop();
  });

  const admin = () => api.as(api.adminKey);
  const { done } = runWatcher(admin);

  it(`finishes ${SLOTS} queued runs with no failed job and no retry`, async () => {
    // Queued while no worker runs, exactly as a trigger queues them: the run row, then the job.
    const runs = api.app.get(CollectionRunsService);
    const producer = api.app.get(JobProducer);
    const ids: string[] = [];
    for (let i = 0; i < SLOTS; i++) {
      const slot = testSlot();
      ids.push((await runs.ensure('collect', slot, 'api')).run.id);
      await producer.add(JOBS.collectSlot, { jobId: slotJobId(JOBS.collectSlot, slot, 'api'), data: { trigger: 'api', slot: slot.toISOString() } });
    }
    // The pre-cache first, so the VMs have a fresh answer to be read from.
    const pre = (await admin().post('/api/v1/collections/precache').expect(202)).body;

    worker = await startWorkerApp(env);
    await done(pre.id);
    // The old build still had half of them queued minutes later.
    await waitFor(`${SLOTS} runs to finish within two minutes`, async () => {
      const rows: { state: string }[] = await api.db.query(`SELECT state FROM collection_runs WHERE id = ANY($1)`, [ids]);
      return rows.every((r) => ['succeeded', 'partial', 'failed'].includes(r.state));
    }, 120_000);
    const finished = await Promise.all(ids.map((id) => done(id)));

    const queues = QUEUE_NAMES.map((q) => producer.queue(q));
    // Idle but for the schedulers' next jobs: nothing running, waiting, or delayed for a retry.
    await waitFor('the queues to be idle', async () => {
      const jobs = (await Promise.all(queues.map((q) => q.getJobs(['active', 'waiting', 'delayed', 'prioritized'])))).flat();
      return jobs.every((j) => j.repeatJobKey);
    }, 60_000);
    const failed = (await Promise.all(queues.map((q) => q.getFailed()))).flat();
    const completed: Job[] = (await Promise.all(queues.map((q) => q.getCompleted(0, -1)))).flat();
    // attemptsMade counts the successful attempt too; an earlier failure also leaves its stack trace.
    const retried = completed.filter((j) => j.attemptsMade > 1 || j.stacktrace?.length);
    expect({ failed: failed.map((j) => `${j.name}: ${j.failedReason}`), retried: retried.map((j) => `${j.name}: ${j.stacktrace?.[0]?.split('\n')[0]}`) })
      .toEqual({ failed: [], retried: [] });
    expect(completed.filter((j) => j.name === JOBS.collectSlot)).toHaveLength(SLOTS);
    const errors = [...new Set(finished.flatMap((r) => r.outcomes.filter((o: { ok: boolean }) => !o.ok).map((o: { reason: string }) => o.reason)))];
    expect(errors).toEqual([]);
    expect(finished.map((r) => r.state)).toEqual(ids.map(() => 'succeeded'));
    expect(finished.map((r) => r.okCount)).toEqual(ids.map(() => 7));
  }, 240_000);
});
