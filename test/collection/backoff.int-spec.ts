import { INestApplicationContext } from '@nestjs/common';
import { GanetiPrecacheService } from '@tally/collectors';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../support/api-app';
import { Inventory, uniq } from '../support/factories';
import { freePort } from '../support/net';
import { startSshd, TestSshd } from '../support/sshd';
import { startTcpProxy, TcpProxy } from '../support/tcp-proxy';
import { collectionEnv, dropRedisPrefix, privateDatabase, runWatcher, startWorkerApp, testSlot, waitFor } from './collection-env';

type Outcome = { target: string; ok: boolean; reason?: string; samples: number };

/**
 * Hosts that fail slot after slot are polled with backoff (TALLY_BACKOFF_AFTER_FAILURES = 3,
 * TALLY_BACKOFF_MAX_SLOTS = 16): on a real sshd, a port nobody listens on, and a host that goes
 * away behind a proxy and comes back. Slots are consecutive past slots (testSlot), triggered
 * one after the other, as the schedule would.
 */
describe('backing off hosts that keep failing', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let env: Record<string, string>;
  let api: TestApi;
  let worker: INestApplicationContext;
  let sshd: TestSshd;
  let proxy: TcpProxy;
  let inv: Inventory;
  const ids: Record<string, string> = {};
  let deadCluster: string;
  let deadClusterId: string;

  beforeAll(async () => {
    db = await privateDatabase();
    env = collectionEnv(db.url);
    [api, sshd] = await Promise.all([
      startApi(env),
      startSshd({ cannedOutput: readFileSync(join(__dirname, '../../libs/collectors/src/ssh/__fixtures__/debian-12-vm.txt'), 'utf8') }),
    ]);
    proxy = await startTcpProxy(sshd.port);
    inv = await new Inventory(api).init();
    const credentialId = await inv.credential('ssh-private-key', sshd.privateKey);
    const at = (port: number) => ({ host: sshd.host, port, user: sshd.username, credentialId, hostKeySha256: sshd.hostKeyFingerprint });
    ids.good = await inv.node(at(sshd.port));
    ids.flaky = await inv.node(at(proxy.port));
    ids.dead = await inv.node(at(await freePort()));
    ({ fqdn: deadCluster, id: deadClusterId } = await inv.cluster({ fqdn: `${uniq('dead')}.test`, rapiUrl: `https://127.0.0.1:${await freePort()}`, tlsMode: 'system' }));
    worker = await startWorkerApp(env);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await Promise.all([proxy?.close(), sshd?.stop()]);
    await dropRedisPrefix(env.TALLY_QUEUE_PREFIX);
    await db?.drop();
  });

  const admin = () => api.as(api.adminKey);
  const { run, done } = runWatcher(admin, 30_000);
  const slots = Array.from({ length: 30 }, () => testSlot());
  const iso = (i: number) => slots[i].toISOString();

  /** Collects slot i as the schedule would and returns its outcomes by resource. */
  async function collect(i: number): Promise<Record<string, Outcome>> {
    const r = await done((await admin().post('/api/v1/collections').send({ slot: iso(i) }).expect(201)).body.id);
    return Object.fromEntries(r.outcomes.map((o: Outcome) => [o.target, o]));
  }
  const collection = async (id: string) => (await admin().get(`/api/v1/resources/${id}`).expect(200)).body.collection;
  const samplesOf = async (id: string, i: number): Promise<number> =>
    (await api.app.get(DataSource).query(`SELECT count(*)::int AS n FROM samples WHERE resource_id = $1 AND ts = $2`, [id, iso(i)]))[0].n;
  const skipped = (failures: number, since: number, next: number) =>
    expect.objectContaining({ ok: false, samples: 0, reason: `skipped: backing off after ${failures} failures since ${iso(since)}, next poll at ${iso(next)}` });

  it('skips a dead host\'s slots with the reason after 3 failures, every 2nd slot, then every 4th', async () => {
    proxy.cut();
    for (const i of [0, 1, 2]) {
      const o = await collect(i);
      expect(o[ids.dead]).toMatchObject({ ok: false, reason: expect.stringMatching(/^connect: .*ECONNREFUSED/) });
      expect(o[ids.flaky]).toMatchObject({ ok: false });
      expect(o[ids.good]).toMatchObject({ ok: true });
    }
    expect(await collection(ids.dead)).toEqual({ state: 'backing_off', failures: 3, failingSince: iso(0), nextPollSlot: iso(4) });
    expect(await collection(ids.good)).toEqual({ state: 'ok', failures: 0, failingSince: null, nextPollSlot: null });

    let o = await collect(3);
    expect(o[ids.dead]).toEqual(skipped(3, 0, 4));
    expect(o[ids.flaky]).toEqual(skipped(3, 0, 4));
    expect(o[ids.good]).toMatchObject({ ok: true });
    // A skipped slot stores nothing: no node.up = 0, no zero, just the outcome saying why.
    expect(await samplesOf(ids.dead, 3)).toBe(0);
    expect(await samplesOf(ids.dead, 2)).toBe(1); // a failed poll stores node.up = 0

    o = await collect(4);
    expect(o[ids.dead]).toMatchObject({ ok: false, reason: expect.stringMatching(/^connect: /) });
    expect(await collection(ids.dead)).toMatchObject({ state: 'backing_off', failures: 4, nextPollSlot: iso(8) });
    o = await collect(5);
    expect(o[ids.dead]).toEqual(skipped(4, 0, 8));
  });

  it('polls a host that came back at its next scheduled poll, then every slot again', async () => {
    proxy.restore();
    let o = await collect(6);
    expect(o[ids.flaky]).toEqual(skipped(4, 0, 8));
    o = await collect(8);
    expect(o[ids.flaky]).toMatchObject({ ok: true });
    expect(await samplesOf(ids.flaky, 8)).toBeGreaterThan(1);
    expect(await collection(ids.flaky)).toMatchObject({ state: 'ok', failures: 0 });
    o = await collect(9);
    expect(o[ids.flaky]).toMatchObject({ ok: true });
    expect(o[ids.dead]).toEqual(skipped(5, 0, 16));
  });

  it('always polls a backing-off host asked for by id, replacing its skipped outcome in the run', async () => {
    const first = (await admin().post('/api/v1/collections').send({ slot: iso(10) }).expect(201)).body.id;
    const r = await done(first);
    const before = r.outcomes.find((x: Outcome) => x.target === ids.dead);
    expect(before).toEqual(skipped(5, 0, 16));
    await admin().post('/api/v1/collections').send({ slot: iso(10), resourceIds: [ids.dead] }).expect(200);
    const after = await waitFor('the dead host to be polled into the run', async () => {
      const now = await run(first);
      const o = now.outcomes.find((x: Outcome) => x.target === ids.dead);
      return ['succeeded', 'partial', 'failed'].includes(now.state) && !o.reason.startsWith('skipped') && { run: now, o };
    });
    expect(after.o).toMatchObject({ ok: false, reason: expect.stringMatching(/^connect: .*ECONNREFUSED/) });
    // It was already counted: the run's total is unchanged and every target has one outcome.
    expect(after.run).toMatchObject({ total: r.total, okCount: 2, errorCount: 1 });
    expect(await collection(ids.dead)).toMatchObject({ state: 'backing_off', failures: 6, nextPollSlot: iso(26) });
  });

  it('backs off a cluster whose RAPI never answers in the scheduled pre-cache, but fetches it when asked through the API', async () => {
    const precache = worker.get(GanetiPrecacheService);
    const fetch = async (i: number, trigger: 'schedule' | 'api' = 'schedule') => {
      const r = await precache.run(slots[i], trigger);
      return (await run(r.id)).outcomes.find((o: Outcome) => o.target === deadCluster);
    };
    const refused = { ok: false, reason: expect.stringMatching(/^connect: connection refused by 127\.0\.0\.1:\d+/) };
    for (const i of [0, 1, 2]) expect(await fetch(i)).toMatchObject(refused);
    expect(await fetch(3)).toEqual(skipped(3, 0, 4));
    // Asked for by an operator: fetched, and its failure counts (the next gap doubles from it).
    expect(await fetch(3, 'api')).toMatchObject(refused);
    expect(await fetch(4)).toEqual(skipped(4, 0, 7));
    expect(await fetch(7)).toMatchObject(refused);
    expect(await fetch(8)).toEqual(skipped(5, 0, 15));
    expect((await admin().get(`/api/v1/clusters/${deadClusterId}`).expect(200)).body.collection)
      .toEqual({ state: 'backing_off', failures: 5, failingSince: iso(0), nextPollSlot: iso(15) });
  });
});
