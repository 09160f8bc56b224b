import { INestApplicationContext } from '@nestjs/common';
import { CollectionRunsService, GanetiPrecacheService, ReadingsWriter } from '@tally/collectors';
import type { PersistReading } from '@tally/jobs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectionEnv, dropRedisPrefix, privateDatabase, startWorkerApp, testSlot } from '../collection/collection-env';
import { startApi, TestApi } from '../support/api-app';
import { Inventory, uniq } from '../support/factories';
import { RapiStandin } from '../support/rapi-standin';
import { generateClientKey } from '../support/sshd';

interface Row {
  type: string;
  subject_id: string;
  client_id: string | null;
  actor_key_id: string | null;
  data: Record<string, any>;
}

/**
 * Issue 10: what the worker sees is an event, written with what it records. A run starts and
 * finishes with its counts; a resource's collection, a node's node.up and a cluster's
 * pre-cache record their changes of state only, never each failure, never from missing data.
 */
describe('worker happenings as events', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let env: Record<string, string>;
  let api: TestApi;
  let worker: INestApplicationContext;
  let standin: RapiStandin;
  let inv: Inventory;
  let node: string;
  let clientId: string;
  let nodeUp: string;
  const keyDir = mkdtempSync(join(tmpdir(), 'tally-worker-events-'));

  beforeAll(async () => {
    db = await privateDatabase();
    env = collectionEnv(db.url);
    [api, standin] = await Promise.all([startApi(env), RapiStandin.start()]);
    inv = await new Inventory(api).init();
    const { privateKey } = await generateClientKey(keyDir, 'node');
    const credentialId = await inv.credential('ssh-private-key', privateKey);
    node = await inv.node({ host: '127.0.0.1', port: 1, user: 'tally', credentialId });
    clientId = (await api.as(api.adminKey).get(`/api/v1/resources/${node}`).expect(200)).body.clientId;
    [{ id: nodeUp }] = await api.db.query(`SELECT id::text FROM measurements WHERE key = 'node.up'`);
    worker = await startWorkerApp(env);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await standin?.close();
    await dropRedisPrefix(env.TALLY_QUEUE_PREFIX);
    await db?.drop();
    rmSync(keyDir, { recursive: true, force: true });
  });

  const eventsOf = (subjectId: string, types: string[]): Promise<Row[]> =>
    api.db.query(`SELECT type, subject_id, client_id, actor_key_id, data FROM events WHERE subject_id = $1 AND type = ANY($2) ORDER BY id`, [subjectId, types]);
  const WATCHED = ['resource.collection_failed', 'resource.collection_recovered', 'host.down', 'host.up'];

  /** One slot's run of the node alone, persisted as the worker would. */
  async function poll(reading: Omit<PersistReading, 'resourceId'>, slot = testSlot()) {
    const runs = worker.get(CollectionRunsService);
    const { run } = await runs.ensure('collect', slot, 'api');
    await runs.start(run.id, 1);
    const job = { runId: run.id, slot: slot.toISOString(), at: new Date(slot.getTime() + 60_000).toISOString(), readings: [{ resourceId: node, ...reading }] };
    await worker.get(ReadingsWriter).persist(job);
    return { run, job };
  }
  it('records a run starting and finishing, with its counts, and no actor', async () => {
    const { run } = await poll({ ok: true, values: { [nodeUp]: 1 } });
    const events = await eventsOf(run.id, ['collection.started', 'collection.finished']);
    expect(events.map((e) => e.type)).toEqual(['collection.started', 'collection.finished']);
    expect(events[0].data.run).toMatchObject({ id: run.id, kind: 'collect', trigger: 'api', total: 1 });
    expect(events[1].data.run).toMatchObject({ id: run.id, kind: 'collect', state: 'succeeded', total: 1, okCount: 1, errorCount: 0, sampleCount: 1 });
    expect(events.every((e) => e.actor_key_id === null && e.client_id === null)).toBe(true);
  });

  it("follows a node's state: one event when it goes down, none while it stays down, one when it is back", async () => {
    const down = { ok: false, reason: 'connect: ECONNREFUSED', values: { [nodeUp]: 0 } };
    const before = (await eventsOf(node, WATCHED)).length;
    await poll({ ok: true, values: { [nodeUp]: 1 } });
    const failed = await poll(down);
    await poll(down);
    // A replayed persist of the failure (a lost acknowledgement) records nothing new.
    await worker.get(ReadingsWriter).persist(failed.job);
    const back = await poll({ ok: true, values: { [nodeUp]: 1 } });
    await poll({ ok: true, values: { [nodeUp]: 1 } });

    const events = (await eventsOf(node, WATCHED)).slice(before);
    expect(events.map((e) => e.type)).toEqual(['resource.collection_failed', 'host.down', 'resource.collection_recovered', 'host.up']);
    const slot = failed.job.slot;
    expect(events[0]).toMatchObject({ client_id: clientId, data: { resourceId: node, runId: failed.run.id, slot, reason: 'connect: ECONNREFUSED' } });
    expect(events[1]).toMatchObject({ client_id: clientId, data: { resourceId: node, runId: failed.run.id, slot } });
    expect(events[2].data).toMatchObject({ runId: back.run.id, slot: back.job.slot, failedSince: slot });
    expect(events[3].data).toMatchObject({ runId: back.run.id, downSince: slot });
    expect(events.every((e) => typeof e.data.name === 'string' && e.actor_key_id === null)).toBe(true);
  });

  it('never reads missing data as a host going down', async () => {
    const before = await eventsOf(node, ['host.down', 'host.up']);
    // A failed poll that stored no node.up (its values were dropped): the collection failed, the host state is unknown.
    await poll({ ok: false, reason: 'not stored', values: {} });
    expect(await eventsOf(node, ['host.down', 'host.up'])).toEqual(before);
    expect((await eventsOf(node, WATCHED)).at(-1)?.type).toBe('resource.collection_failed');
    await poll({ ok: true, values: { [nodeUp]: 1 } });
    expect((await eventsOf(node, WATCHED)).at(-1)?.type).toBe('resource.collection_recovered');
  });

  it('records no change for a resource deactivated before its outcome was recorded', async () => {
    const { privateKey } = await generateClientKey(keyDir, 'gone');
    const gone = await inv.node({ host: '127.0.0.1', port: 1, user: 'tally', credentialId: await inv.credential('ssh-private-key', privateKey) });
    await api.as(api.adminKey).patch(`/api/v1/resources/${gone}`).send({ active: false }).expect(200);
    const runs = worker.get(CollectionRunsService);
    const { run } = await runs.ensure('collect', testSlot(), 'api');
    await runs.start(run.id, 1);
    const at = new Date().toISOString();
    expect(await runs.record(run.id, [{ target: gone, ok: false, reason: 'not collected: deactivated or deleted after it was asked for', at }]))
      .toMatchObject({ state: 'failed', errorCount: 1 });
    expect(await eventsOf(gone, WATCHED)).toEqual([]);
    expect((await eventsOf(run.id, ['collection.finished']))[0].data.run).toMatchObject({ state: 'failed', errorCount: 1 });
  });

  it("records a cluster's pre-cache failing once and recovering once", async () => {
    const cluster = await inv.cluster({ fqdn: `${uniq('events')}.test`, rapiUrl: standin.url, tlsMode: 'ca', caCertificate: standin.certificates.main.caCert });
    await inv.vm(cluster.fqdn, 'instance2');
    const precache = () => worker.get(GanetiPrecacheService).run(testSlot(), 'api');
    const types = ['cluster.cache_failed', 'cluster.cache_recovered'];
    await precache();
    expect(await eventsOf(cluster.id, types)).toEqual([]);
    standin.setMode('server-error');
    const failed = await precache();
    await precache();
    standin.setMode('ok');
    const back = await precache();
    await precache();
    const events = await eventsOf(cluster.id, types);
    expect(events.map((e) => e.type)).toEqual(types);
    expect(events[0].data).toMatchObject({ clusterId: cluster.id, fqdn: cluster.fqdn, runId: failed.id, reason: expect.stringMatching(/HTTP 500/) });
    expect(events[1].data).toMatchObject({ clusterId: cluster.id, fqdn: cluster.fqdn, runId: back.id, failedSince: failed.slot.toISOString() });
  });
});
