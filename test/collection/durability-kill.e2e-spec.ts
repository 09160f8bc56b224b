import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../support/api-app';
import { RunningProcess } from '../support/processes';
import { RapiStandin } from '../support/rapi-standin';
import { startSshd, TestSshd } from '../support/sshd';
import { startWorkerProcess } from '../support/worker-process';
import { collectionEnv, dropRedisPrefix, privateDatabase, testSlot, waitFor, runWatcher } from './collection-env';
import { Inventory } from '../support/factories';

const NODE_KEYS = 10;
const VM_KEYS = 4;

/**
 * The real worker process is killed with SIGKILL while a slot's polls are in flight. Its
 * jobs' locks lapse, a restarted worker takes them back, and the slot completes with every
 * resource's samples, once each.
 */
describe('worker killed mid-slot', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let env: Record<string, string>;
  let api: TestApi;
  let sshd: TestSshd;
  let standin: RapiStandin;
  let worker: (RunningProcess & { kill(signal: NodeJS.Signals): Promise<number | null> }) | undefined;
  const resources: { id: string; keys: number }[] = [];

  beforeAll(async () => {
    db = await privateDatabase();
    env = collectionEnv(db.url);
    [api, sshd, standin] = await Promise.all([startApi(env), startSshd({ forceScript: 'sleep 2; eval "$SSH_ORIGINAL_COMMAND"' }), RapiStandin.start()]);
    const inv = await new Inventory(api).init();
    const key = await inv.credential('ssh-private-key', sshd.privateKey);
    for (let i = 0; i < 4; i++) resources.push({ id: await inv.node({ host: sshd.host, port: sshd.port, user: sshd.username, credentialId: key }), keys: NODE_KEYS });
    const { fqdn } = await inv.cluster({ fqdn: `kill-${Date.now()}.test`, rapiUrl: standin.url, tlsMode: 'ca', caCertificate: standin.certificates.main.caCert });
    for (const name of ['instance2', 'instance3', 'instance4']) resources.push({ id: await inv.vm(fqdn, name), keys: VM_KEYS });
  });

  afterAll(async () => {
    await worker?.kill('SIGTERM');
    await api?.close();
    await Promise.all([sshd?.stop(), standin?.close()]);
    await dropRedisPrefix(env.TALLY_QUEUE_PREFIX);
    await db?.drop();
  });

  const admin = () => api.as(api.adminKey);
  const { run, done } = runWatcher(admin);

  it('completes the slot after a restart, with no gap and no duplicate', async () => {
    worker = await startWorkerProcess(env);
    await done((await admin().post('/api/v1/collections/precache').expect(202)).body.id);

    const slot = testSlot();
    const { id } = (await admin().post('/api/v1/collections').send({ slot: slot.toISOString() }).expect(201)).body;
    await waitFor('the fan-out', async () => (await run(id)).total === resources.length, 15_000);
    await new Promise((r) => setTimeout(r, 700)); // the SSH polls are now mid-command
    expect(await worker.kill('SIGKILL')).toBeNull();
    const cut = await run(id);
    expect(cut.state).toBe('running');
    expect(cut.okCount).toBeLessThan(resources.length);

    worker = await startWorkerProcess(env);
    // A dead worker's jobs come back once their lock (15 s) lapses and a stall check runs.
    const final = await done(id, 60_000);
    expect(final.outcomes.filter((o: { ok: boolean }) => !o.ok)).toEqual([]);
    expect(final).toMatchObject({ state: 'succeeded', total: resources.length, okCount: resources.length, errorCount: 0 });

    const rows: { resource_id: string; n: number }[] = await api.app.get(DataSource).query(
      `SELECT resource_id, count(*)::int AS n FROM samples WHERE ts = $1 GROUP BY resource_id`,
      [slot.toISOString()],
    );
    const counts = Object.fromEntries(rows.map((r) => [r.resource_id, r.n]));
    for (const r of resources) expect(counts[r.id]).toBe(r.keys);
    expect(final.sampleCount).toBe(resources.reduce((n, r) => n + r.keys, 0));

  }, 120_000);

  it('on SIGTERM lets the polls in flight finish and hand on their readings, then exits', async () => {
    worker ??= await startWorkerProcess(env);
    await done((await admin().post('/api/v1/collections/precache').expect(202)).body.id);
    const slot = testSlot();
    const { id } = (await admin().post('/api/v1/collections').send({ slot: slot.toISOString() }).expect(201)).body;
    await waitFor('the fan-out', async () => (await run(id)).total === resources.length, 15_000);
    await new Promise((r) => setTimeout(r, 700));
    const stopping = Date.now();
    expect(await worker.kill('SIGTERM')).toBe(0);
    // It waited for the SSH polls (2 s each) instead of dropping them.
    expect(Date.now() - stopping).toBeGreaterThan(800);

    // Nothing was left locked: a new worker finishes the slot without waiting for a lock to lapse.
    const restarted = Date.now();
    worker = await startWorkerProcess(env);
    const final = await done(id, 12_000);
    expect(Date.now() - restarted).toBeLessThan(12_000);
    expect(final).toMatchObject({ state: 'succeeded', okCount: resources.length, sampleCount: resources.reduce((n, r) => n + r.keys, 0) });
    expect(await worker.kill('SIGTERM')).toBe(0);
    worker = undefined;
  }, 60_000);
});
