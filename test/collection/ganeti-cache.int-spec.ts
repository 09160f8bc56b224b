import { GanetiCacheEntry, GanetiCacheStore, GanetiInstance, GanetiPlugin, PrecacheAges } from '@tally/collectors';
import { AppConfig, loadConfig } from '@tally/config';
import { CollectTargetSnapshot } from '@tally/jobs';
import { MetricsRegistry } from '@tally/metrics';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { dropRedisPrefix } from './collection-env';

const instance = (name: string, vcpus = 1, status = 'running'): GanetiInstance => ({
  name, status, adminUp: true, vcpus, memoryMiB: 2048, diskMiB: 20_480, diskTemplate: 'drbd', primaryNode: 'node1.example', tags: ['billing:acme'],
});
const names = (from: number, count: number) => Array.from({ length: count }, (_, i) => `vm-${String(from + i).padStart(5, '0')}.example`);
const vm = (clusterFqdn: string, name: string): CollectTargetSnapshot => ({
  resourceId: randomUUID(), type: 'ganeti-vm', name, clusterFqdn, ssh: null, measurements: {},
});

/**
 * The pre-cache's Redis copy of each cluster, against a real Redis under a prefix of its own:
 * a VM's collection reads its own instance only, and a refresh replaces a cluster at once.
 */
describe('Ganeti cache', () => {
  const prefix = `${process.env.TALLY_QUEUE_PREFIX}-cache-${randomUUID().slice(0, 8)}`;
  let config: AppConfig;
  let redis: Redis;
  let reader: Redis;
  let store: GanetiCacheStore;
  let plugin: GanetiPlugin;
  let metrics: MetricsRegistry;
  const cluster = () => `${randomUUID().slice(0, 8)}.cluster.test`;

  beforeAll(() => {
    config = loadConfig({ ...process.env, TALLY_QUEUE_PREFIX: prefix });
    redis = new Redis(config.redis.url);
    // Another connection, as another worker reads: its commands interleave with a writer's.
    reader = new Redis(config.redis.url);
    store = new GanetiCacheStore(config, redis);
    metrics = new MetricsRegistry();
    plugin = new GanetiPlugin(config, new GanetiCacheStore(config, reader), new PrecacheAges(metrics));
  });

  afterAll(async () => {
    await dropRedisPrefix(prefix);
    redis?.disconnect();
    reader?.disconnect();
  });

  it('stores a cluster as a hash, returns it whole or one instance at a time, and keeps it a week', async () => {
    const fqdn = cluster();
    const entry: GanetiCacheEntry = {
      cluster: fqdn, fetchedAt: new Date().toISOString(),
      instances: [instance('web2.example'), instance('db1.example', 8, 'ADMIN_down'), instance('web1.example', 2)],
      problems: [{ name: 'broken.example', index: 3, reason: '"beparams" is null, not an object' }],
    };
    await store.put(entry);

    expect(await redis.type(store.key(fqdn))).toBe('hash');
    expect((await redis.hkeys(store.key(fqdn))).sort()).toEqual(['@meta', 'db1.example', 'web1.example', 'web2.example']);
    expect(await redis.ttl(store.key(fqdn))).toBeGreaterThan(7 * 24 * 3600 - 60);
    expect(await redis.keys(`${store.key(fqdn)}:*`)).toEqual([]); // no temporary key left behind

    const byName = [...entry.instances].sort((a, b) => a.name.localeCompare(b.name));
    expect(await store.get(fqdn)).toEqual({ ...entry, instances: byName });
    const meta = { cluster: fqdn, fetchedAt: entry.fetchedAt, problems: entry.problems };
    expect(await store.lookup(fqdn, ['db1.example'])).toEqual({ meta, instances: [entry.instances[1]] });
    // A batch reads its VMs in the order asked, with a gap for each one the answer lacks.
    expect(await store.lookup(fqdn, ['web2.example', 'gone.example', '@meta', 'db1.example'])).toEqual({
      meta, instances: [entry.instances.find((i) => i.name === 'web2.example'), null, null, entry.instances[1]],
    });
    expect(await store.lookup(cluster(), ['db1.example'])).toBeNull();
    expect(await store.get(cluster())).toBeNull();

    // A refresh replaces the cluster: an instance gone from the answer is gone from the cache.
    await store.put({ ...entry, fetchedAt: new Date().toISOString(), instances: [instance('web1.example', 4)], problems: [] });
    expect((await store.get(fqdn))!.instances).toEqual([instance('web1.example', 4)]);
    expect((await store.lookup(fqdn, ['db1.example']))!.instances).toEqual([null]);
    expect(await redis.ttl(store.key(fqdn))).toBeGreaterThan(7 * 24 * 3600 - 60);
  });

  it('collects a VM or says why not: no copy, a stale copy, an instance missing or unreadable', async () => {
    const fqdn = cluster();
    const fresh = new Date().toISOString();
    await store.put({ cluster: fqdn, fetchedAt: fresh, instances: [instance('a.example', 3), instance('b.example', 1, 'ERROR_down')], problems: [{ name: 'c.example', index: 2, reason: '"status" is null, not a string' }] });

    // One batch: each VM gets its own reading, in order, and one bad VM does not spoil the others.
    expect(await plugin.collect(['a.example', 'b.example', 'c.example', 'd.example'].map((n) => vm(fqdn, n)))).toEqual([
      { ok: true, values: { 'ganeti.vcpus': 3, 'ganeti.memory': 2048, 'ganeti.disk': 20_480, 'ganeti.running': 1 } },
      { ok: true, values: expect.objectContaining({ 'ganeti.running': 0 }) },
      { ok: false, values: {}, failure: 'instance-unreadable', reason: `cluster ${fqdn} lists instance c.example but it could not be read: "status" is null, not a string` },
      { ok: false, values: {}, failure: 'instance-missing', reason: `instance d.example is not in the answer from ${fqdn} fetched at ${fresh}` },
    ]);
    const never = cluster();
    expect((await plugin.collect([vm(never, 'a.example')]))[0].reason).toBe(`no cached answer from cluster ${never}: the pre-cache has not fetched it successfully yet`);

    const stale = cluster();
    await store.put({ cluster: stale, fetchedAt: new Date(Date.now() - 90 * 60_000).toISOString(), instances: [instance('a.example')], problems: [] });
    expect((await plugin.collect([vm(stale, 'a.example')]))[0]).toMatchObject({ ok: false, values: {}, failure: 'cache-stale', reason: expect.stringMatching(/ is 90 minutes old .* limit 60\);/) });
    expect((await plugin.collect([vm(never, 'a.example')]))[0].failure).toBe('cache-missing');

    // The collection saw each copy's age: the stale one about 90 minutes, the fresh one seconds; no copy, no series.
    const ages = Object.fromEntries((await metrics.registry.getSingleMetric('tally_ganeti_precache_age_seconds')!.get()).values.map((v) => [v.labels.cluster, v.value]));
    expect(ages[stale]).toBeGreaterThanOrEqual(90 * 60);
    expect(ages[stale]).toBeLessThan(91 * 60);
    expect(ages[fqdn]).toBeLessThan(60);
    expect(ages[never]).toBeUndefined();
  });

  it('reads a copy in the old one-string layout as no copy, and the next refresh replaces it', async () => {
    const fqdn = cluster();
    await redis.set(store.key(fqdn), JSON.stringify({ cluster: fqdn, fetchedAt: new Date().toISOString(), instances: [instance('a.example')], problems: [] }));
    expect((await plugin.collect([vm(fqdn, 'a.example')]))[0].reason).toMatch(/^no cached answer from cluster/);
    expect(await store.get(fqdn)).toBeNull();
    await store.put({ cluster: fqdn, fetchedAt: new Date().toISOString(), instances: [instance('a.example', 2)], problems: [] });
    expect((await plugin.collect([vm(fqdn, 'a.example')]))[0]).toMatchObject({ ok: true, values: { 'ganeti.vcpus': 2 } });
  });

  it('replaces a cluster at once: a reader during a refresh sees the old answer or the new one, never a mix', async () => {
    const fqdn = cluster();
    // Two answers that differ in every field a reader could mix: the fetch time, each
    // instance's vCPUs, the instance set (100 gone, 100 new) and the problems.
    const base = Date.now() - (Date.now() % 1000);
    const answer = (generation: number): GanetiCacheEntry => ({
      cluster: fqdn,
      fetchedAt: new Date(base + generation).toISOString(),
      instances: names(generation % 2 ? 0 : 100, 5000).map((n) => instance(n, 1 + (generation % 2))),
      problems: [{ name: `bad-${generation % 2}.example`, index: 0, reason: 'unreadable' }],
    });
    const vcpusOf = (fetchedAt: string) => 1 + ((Date.parse(fetchedAt) - base) % 2);
    await store.put(answer(1));

    const readerStore = new GanetiCacheStore(config, reader);
    let writing = true;
    let wholeReads = 0;
    let lookups = 0;
    const mixes: string[] = [];
    const readers = [
      (async () => {
        while (writing) {
          const entry = (await readerStore.get(fqdn))!;
          const vcpus = vcpusOf(entry.fetchedAt);
          const first = vcpus === 2 ? 0 : 100;
          const expected = names(first, 5000);
          if (entry.instances.length !== 5000 || entry.instances.some((i, k) => i.vcpus !== vcpus || i.name !== expected[k]) || entry.problems[0].name !== `bad-${vcpus - 1}.example`) {
            mixes.push(`whole read at ${entry.fetchedAt}: ${entry.instances.length} instances`);
          }
          wholeReads++;
        }
      })(),
      ...[0, 1, 2, 3].map(() => (async () => {
        while (writing) {
          // vm-00050 is only in the odd answers, vm-05050 only in the even ones.
          for (const n of ['vm-00050.example', 'vm-02500.example', 'vm-05050.example']) {
            const { meta, instances: [found] } = (await readerStore.lookup(fqdn, [n]))!;
            const vcpus = vcpusOf(meta.fetchedAt);
            const present = n === 'vm-02500.example' || (n === 'vm-00050.example') === (vcpus === 2);
            if ((found === null) === present || (found && found.vcpus !== vcpus) || meta.problems[0].name !== `bad-${vcpus - 1}.example`) {
              mixes.push(`lookup of ${n} at ${meta.fetchedAt}: ${JSON.stringify(found)}`);
            }
            lookups++;
          }
        }
      })()),
    ];
    const started = performance.now();
    for (let generation = 2; generation <= 21; generation++) await store.put(answer(generation));
    const writeMs = performance.now() - started;
    writing = false;
    await Promise.all(readers);

    console.log(`20 refreshes of 5,000 instances in ${Math.round(writeMs)} ms, read meanwhile: ${wholeReads} whole copies, ${lookups} lookups`);
    expect(mixes).toEqual([]);
    expect(wholeReads).toBeGreaterThan(0);
    expect(lookups).toBeGreaterThan(20);
    expect((await store.get(fqdn))!.instances[0]).toEqual(instance('vm-00000.example', 2)); // the last one written
    expect(await redis.keys(`${store.key(fqdn)}:*`)).toEqual([]);
  });

  it('collects a 5,000-instance cluster in batches: one Redis read per batch, never the whole cluster', async () => {
    const fqdn = cluster();
    const all = names(0, 5000);
    await store.put({ cluster: fqdn, fetchedAt: new Date().toISOString(), instances: all.map((n, i) => instance(n, 1 + (i % 16))), problems: [] });
    const hmget = jest.spyOn(reader, 'hmget');
    const hgetall = jest.spyOn(reader, 'hgetall');
    const get = jest.spyOn(reader, 'get');
    try {
      const started = performance.now();
      let ok = 0;
      for (let b = 0; b < all.length; b += 1000) {
        const readings = await plugin.collect(all.slice(b, b + 1000).map((n) => vm(fqdn, n)));
        readings.forEach((reading, k) => {
          if (reading.ok && reading.values['ganeti.vcpus'] === 1 + ((b + k) % 16)) ok++;
        });
      }
      const ms = performance.now() - started;
      expect(ok).toBe(5000);
      expect(hmget).toHaveBeenCalledTimes(5);
      expect(hgetall).not.toHaveBeenCalled();
      expect(get).not.toHaveBeenCalled();

      // For scale: what reading the whole cluster per VM (the first layout's cost) takes.
      const whole = performance.now();
      for (let i = 0; i < 20; i++) await new GanetiCacheStore(config, reader).get(fqdn);
      const wholeMs = (performance.now() - whole) / 20;
      console.log(
        `5,000 VMs of a 5,000-instance cluster in batches of 1,000: ${Math.round(ms)} ms; ` +
          `reading the whole cluster costs ${wholeMs.toFixed(1)} ms a time, ≈${Math.round((wholeMs * 5000) / 1000)} s if done per VM`,
      );
      expect(ms).toBeLessThan(5_000); // generous for a loaded machine; the whole-cluster layout took minutes
    } finally {
      hmget.mockRestore();
      hgetall.mockRestore();
      get.mockRestore();
    }
  });
});
