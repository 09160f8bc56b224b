import { INestApplicationContext } from '@nestjs/common';
import { GanetiCacheStore } from '@tally/collectors';
import { startApi, TestApi } from '../support/api-app';
import { RapiStandin, RapiStandinMode } from '../support/rapi-standin';
import { collectionEnv, dropRedisPrefix, privateDatabase, startWorkerApp, testSlot, waitFor } from './collection-env';
import { Inventory, uniq } from '../support/factories';

type Case = { standin: RapiStandin; fqdn: string; vm: string; reason?: RegExp };

/**
 * Real HTTPS RAPI stand-ins serving the Ganeti fixtures, each broken a different way after a
 * first good fetch: every failure lands on the pre-cache run with its reason, the cluster's
 * last good copy stays in Redis, and its VMs still collect from it.
 */
describe('Ganeti pre-cache', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let env: Record<string, string>;
  let api: TestApi;
  let worker: INestApplicationContext;
  const cases: Record<string, Case> = {};
  const breakWith: Record<string, { mode?: RapiStandinMode; cert?: 'other'; reason: RegExp }> = {
    unauthorized: { mode: 'unauthorized', reason: /^http: authentication failed: HTTP 401/ },
    serverError: { mode: 'server-error', reason: /^http: HTTP 500 .*Error while querying the cluster/ },
    html: { mode: 'html', reason: /^content-type: expected JSON but got an HTML page/ },
    truncated: { mode: 'truncated-json', reason: /^json: invalid JSON .*truncated/ },
    hang: { mode: 'hang', reason: /^timeout: no complete answer within 2000 ms/ },
    wrongCertificate: { cert: 'other', reason: /^tls: certificate is not signed by the configured CA/ },
  };

  beforeAll(async () => {
    db = await privateDatabase();
    env = collectionEnv(db.url);
    api = await startApi(env);
    const inv = await new Inventory(api).init();
    const names = ['healthy', 'insecure', ...Object.keys(breakWith)];
    const standins = await Promise.all(names.map(() => RapiStandin.start({ username: 'tally', password: 'rapi-secret' })));
    const password = await inv.credential('password', 'rapi-secret', 'tally');
    for (const [i, name] of names.entries()) {
      const standin = standins[i];
      const tls = name === 'insecure' ? { tlsMode: 'insecure' } : { tlsMode: 'ca', caCertificate: standin.certificates.main.caCert };
      const { fqdn } = await inv.cluster({ fqdn: `${uniq(name.toLowerCase())}.test`, rapiUrl: standin.url, credentialId: password, ...tls });
      cases[name] = { standin, fqdn, vm: await inv.vm(fqdn, `instance${[2, 3, 4, 8, 9, 13, 14, 18][i]}`), reason: breakWith[name]?.reason };
    }
    worker = await startWorkerApp(env);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await Promise.all(Object.values(cases).map((c) => c.standin.close()));
    await dropRedisPrefix(env.TALLY_QUEUE_PREFIX);
    await db?.drop();
  });

  const admin = () => api.as(api.adminKey);
  async function precacheNow() {
    const { id } = (await admin().post('/api/v1/collections/precache').expect(202)).body;
    return waitFor('the pre-cache run', async () => {
      const run = (await admin().get(`/api/v1/collections/${id}`).expect(200)).body;
      return ['succeeded', 'partial', 'failed'].includes(run.state) && run.finishedAt && run;
    }, 30_000);
  }

  it('records each broken cluster with its reason, keeps its last good copy, and its VMs still collect', async () => {
    const first = await precacheNow();
    expect(first).toMatchObject({ kind: 'precache', state: 'succeeded', total: 8, okCount: 8, sampleCount: 88 });
    // The RAPI password went over Basic auth, decrypted in the worker only.
    expect(cases.healthy.standin.requests.at(-1)).toMatchObject({ path: '/2/instances?bulk=1', credentials: { username: 'tally', password: 'rapi-secret' } });
    const cache = worker.get(GanetiCacheStore);
    const goodCopies = Object.fromEntries(await Promise.all(Object.values(cases).map(async (c) => [c.fqdn, await cache.get(c.fqdn)])));
    expect(goodCopies[cases.hang.fqdn]?.instances).toHaveLength(11);

    for (const [name, how] of Object.entries(breakWith)) {
      if (how.mode) cases[name].standin.setMode(how.mode);
      if (how.cert) cases[name].standin.presentCertificate(how.cert);
    }
    const second = await precacheNow();
    expect(second).toMatchObject({ id: first.id, state: 'partial', total: 8, okCount: 2, errorCount: 6 });
    const outcome = (fqdn: string) => second.outcomes.find((o: { target: string }) => o.target === fqdn);
    expect(outcome(cases.healthy.fqdn)).toMatchObject({ ok: true, samples: 11 });
    expect(outcome(cases.insecure.fqdn)).toMatchObject({ ok: true, samples: 11 });
    for (const name of Object.keys(breakWith)) {
      expect({ name, ...outcome(cases[name].fqdn) }).toMatchObject({ name, ok: false, targetType: 'cluster', reason: expect.stringMatching(cases[name].reason!) });
      expect(await cache.get(cases[name].fqdn)).toEqual(goodCopies[cases[name].fqdn]);
    }
    expect((await cache.get(cases.healthy.fqdn))!.fetchedAt > goodCopies[cases.healthy.fqdn]!.fetchedAt).toBe(true);

    // The copies are still fresh enough: every VM collects, broken cluster or not.
    const slot = testSlot();
    const { id } = (await admin().post('/api/v1/collections').send({ slot: slot.toISOString() }).expect(201)).body;
    const run = await waitFor('the collection', async () => {
      const r = (await admin().get(`/api/v1/collections/${id}`).expect(200)).body;
      return r.state !== 'queued' && r.state !== 'running' && r;
    });
    expect(run).toMatchObject({ state: 'succeeded', total: 8, okCount: 8, sampleCount: 32 });
  });
});
