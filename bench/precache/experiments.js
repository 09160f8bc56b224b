#!/usr/bin/env node
'use strict';
/**
 * Where the collector's time goes, and what a batched persist would reach. Same setup as run.js
 * (own database tally_bench_precache_exp, stand-in, real pre-cache), then, with no queue
 * consumer running:
 *   E1  the per-resource steps of today's path, one at a time: GanetiPlugin.collect,
 *       writeSamples of one resource's 4 rows, CollectionRunsService.record of one outcome as
 *       the run's outcomes grow;
 *   E2  CollectionService.fanOut alone (inventory read + 100,000 jobs into BullMQ);
 *   E3  a batched variant built only from the committed lower-level pieces: per cluster one
 *       GanetiCacheStore.get, a Map by name, ganetiMeasurements, one writeSamples of ~4,000
 *       rows and one CollectionRunsService.record of ~1,000 outcomes;
 *   plus the same COPY baseline as run.js. Not part of npm test.
 *
 *   node bench/precache/experiments.js [--clusters 100] [--instances 1000] [--concurrency 1]
 *     [--skip e1,e2] [--record committed|incremental] [--json out.json]
 */
require('reflect-metadata');
const os = require('node:os');
const fs = require('node:fs');
const { Client } = require('pg');
const Redis = require('ioredis');
const { DIST, databaseUrl, recreateDatabase, dropDatabase, seedInventory } = require('./lib/database');
const { startStandin } = require('./lib/standin');
const { buildRows, copyRows } = require('./lib/copy-baseline');

const args = parseArgs(process.argv.slice(2), { clusters: 100, instances: 1000, db: 'tally_bench_precache_exp', concurrency: 1, record: 'committed' });
const ADMIN_URL = process.env.TALLY_BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `tally-bench-precache-exp-${process.pid}`;
const DAY = 86_400_000;

async function main() {
  const out = { date: new Date().toISOString(), loadStart: os.loadavg().map((l) => l.toFixed(2)).join(' ') };
  log(`experiments: ${args.clusters} × ${args.instances}; load ${out.loadStart}`);
  const dbUrl = databaseUrl(ADMIN_URL, args.db);
  const today = Math.floor(Date.now() / DAY) * DAY;
  const slots = { copy: new Date(today - DAY), copyAfter: new Date(today - 5 * DAY), batched: new Date(today - 2 * DAY), perResource: new Date(today - 3 * DAY), fanOut: new Date(today - 4 * DAY) };
  await recreateDatabase(ADMIN_URL, args.db);
  const standin = await startStandin({ clusters: args.clusters, instancesPerCluster: args.instances });
  const db = new Client({ connectionString: dbUrl });
  await db.connect();
  const redis = new Redis(REDIS_URL);
  let app;
  try {
    await seedInventory(db, { clusters: standin.clusters, instancesPerCluster: args.instances, caCert: standin.caCert });
    await db.query(`SELECT tally_ensure_sample_partitions($1, $2)`, [new Date(today - 40 * DAY), new Date(today)]);

    const { NestFactory } = require('@nestjs/core');
    const { Module } = require('@nestjs/common');
    const { loadConfig, ConfigModule } = require(`${DIST}/libs/config/src`);
    const { DatabaseModule } = require(`${DIST}/libs/database/src`);
    const { RedisModule } = require(`${DIST}/libs/jobs/src`);
    const c = require(`${DIST}/libs/collectors/src`);
    const { SamplesService } = require(`${DIST}/libs/metering/src`);
    const { CollectTargetsService } = require(`${DIST}/libs/inventory/src`);
    const config = loadConfig({
      DATABASE_URL: dbUrl, REDIS_URL, TALLY_QUEUE_PREFIX: PREFIX, LOG_LEVEL: 'error', TALLY_MIGRATE_ON_BOOT: 'false',
      TALLY_COLLECT_INTERVAL_MINUTES: '1440', TALLY_PRECACHE_LEAD_MINUTES: '15',
    });
    // The worker's modules without JobWorkersModule: nothing consumes the queues here.
    class ExperimentModule {}
    Module({ imports: [ConfigModule.forRoot(config), DatabaseModule, RedisModule, c.CollectorsModule] })(ExperimentModule);
    app = await NestFactory.createApplicationContext(ExperimentModule, { logger: ['error'] });
    await app.init();
    const runs = app.get(c.CollectionRunsService);
    const store = app.get(c.GanetiCacheStore);
    const plugin = app.get(c.GanetiPlugin);
    const samples = app.get(SamplesService);
    const targets = app.get(CollectTargetsService);
    const collection = app.get(c.CollectionService);

    let t = performance.now();
    const pre = await app.get(c.GanetiPrecacheService).run(new Date(today), 'api');
    out.precacheMs = Math.round(performance.now() - t);
    log(`precache (service called directly): ${out.precacheMs} ms, ${pre.okCount}/${pre.total} ok`);

    const rows = await buildRows({ db, readCache: (f) => store.get(f), ganetiMeasurements: c.ganetiMeasurements, ts: slots.copy });
    const copy = copyRows(dbUrl, rows.csv);
    out.copy = { rows: rows.rows, ms: Math.round(copy.ms), samplesPerSec: Math.round(rows.rows / (copy.ms / 1000)) };
    log(`COPY: ${rows.rows} rows in ${out.copy.ms} ms = ${fmt(out.copy.samplesPerSec)} samples/s`);

    t = performance.now();
    const all = await targets.collectable('ganeti-vm');
    out.collectableMs = Math.round(performance.now() - t);
    log(`CollectTargetsService.collectable('ganeti-vm'): ${all.length} targets in ${out.collectableMs} ms`);
    const snapshot = (tg) => ({ resourceId: tg.resource.id, type: tg.resource.type, name: tg.resource.name, clusterFqdn: tg.resource.clusterFqdn, ssh: null, measurements: tg.measurements });

    const skip = String(args.skip ?? '').split(',');
    // E1: today's per-resource steps, one resource at a time.
    if (!skip.includes('e1')) {
    const sample = all.filter((tg) => tg.resource.clusterFqdn === all[0].resource.clusterFqdn).slice(0, 300).map(snapshot);
    out.e1 = {};
    out.e1.pluginCollectMs = await perCall(sample, (s) => plugin.collect(s));
    const readings = await Promise.all(sample.map((s) => plugin.collect(s)));
    out.e1.writeSamples4RowsMs = await perCall(sample, (s, i) => samples.writeSamples(
      s.measurements.map((m) => ({ resourceId: s.resourceId, measurementId: m.id, ts: slots.perResource, value: readings[i].values[m.key], bootId: null })),
    ));
    const { run } = await runs.ensure('collect', slots.perResource, 'api');
    await runs.start(run.id, all.length);
    out.e1.recordMs = {};
    for (const size of [0, 10_000, 50_000, 99_000]) {
      if (size) {
        await db.query(
          `INSERT INTO collection_run_outcomes (run_id, target, ok, samples, at)
           SELECT $1, id::text, true, 4, now() FROM resources ORDER BY id LIMIT $2 ON CONFLICT DO NOTHING`, [run.id, size],
        );
      }
      const n = size >= 50_000 ? 5 : 20;
      out.e1.recordMs[size] = await perCall(sample.slice(0, n), (s) => runs.record(run.id, [{ target: s.resourceId, ok: true, at: new Date().toISOString(), samples: 4 }]));
    }
    log(`E1 per call: plugin.collect ${out.e1.pluginCollectMs} ms, writeSamples(4 rows) ${out.e1.writeSamples4RowsMs} ms, record(1 outcome) by outcomes already on the run ${JSON.stringify(out.e1.recordMs)} ms`);
    }

    // E2: the fan-out alone (no consumer).
    if (!skip.includes('e2')) {
      t = performance.now();
      const fan = await collection.fanOut(slots.fanOut, 'api');
      out.fanOutMs = Math.round(performance.now() - t);
      log(`E2 CollectionService.fanOut: ${fan.total} jobs queued in ${out.fanOutMs} ms`);
    }

    // E3: batched per cluster, from the committed pieces.
    t = performance.now();
    const batched = await runs.ensure('collect', slots.batched, 'api');
    await runs.start(batched.run.id, all.length);
    const byCluster = new Map();
    for (const tg of all) {
      const fqdn = tg.resource.clusterFqdn;
      if (!byCluster.has(fqdn)) byCluster.set(fqdn, []);
      byCluster.get(fqdn).push(tg);
    }
    let written = 0;
    // With --concurrency > 1 the phase times are summed over lanes, not wall time.
    const phases = { cacheMs: 0, mapMs: 0, writeMs: 0, recordMs: 0 };
    await c.mapLimit([...byCluster], args.concurrency, async ([fqdn, group]) => {
      let p = performance.now();
      const entry = await store.get(fqdn);
      phases.cacheMs += performance.now() - p;
      p = performance.now();
      const byName = new Map(entry.instances.map((i) => [i.name, i]));
      const at = new Date().toISOString();
      const sampleRows = [];
      const outcomes = [];
      for (const tg of group) {
        const instance = byName.get(tg.resource.name);
        if (!instance) {
          outcomes.push({ target: tg.resource.id, ok: false, at, reason: 'missing' });
          continue;
        }
        const values = c.ganetiMeasurements(instance);
        for (const m of tg.measurements) sampleRows.push({ resourceId: tg.resource.id, measurementId: m.id, ts: slots.batched, value: values[m.key], bootId: null });
        outcomes.push({ target: tg.resource.id, ok: true, at, samples: tg.measurements.length });
      }
      phases.mapMs += performance.now() - p;
      p = performance.now();
      const n = await samples.writeSamples(sampleRows); // not `written += await …`: lanes would lose updates
      written += n;
      phases.writeMs += performance.now() - p;
      p = performance.now();
      if (args.record === 'incremental') await recordIncremental(db, batched.run.id, outcomes);
      else await runs.record(batched.run.id, outcomes);
      phases.recordMs += performance.now() - p;
    });
    const ms = performance.now() - t;
    const rate = (msTotal) => ({ ms: Math.round(msTotal), samplesPerSec: Math.round(written / (msTotal / 1000)), ratio: +(written / (msTotal / 1000) / out.copy.samplesPerSec).toFixed(3) });
    out.e3 = { samples: written, lanes: args.concurrency, phases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v)])), ...rate(ms) };
    out.e3.withInventoryRead = rate(ms + out.collectableMs);
    out.e3.record = args.record;
    const [check] = (await db.query(
      `SELECT r.state, r.ok_count, r.error_count, r.sample_count, (SELECT count(*)::int FROM collection_run_outcomes WHERE run_id = r.id) AS rows
         FROM collection_runs r WHERE id = $1`, [batched.run.id])).rows;
    out.e3.run = check;
    log(`E3 run row after the loop (${args.record} record): ${JSON.stringify(check)}`);
    log(`E3 batched per cluster (${args.concurrency} lane(s)): ${written} samples in ${out.e3.ms} ms = ${fmt(out.e3.samplesPerSec)} samples/s, ratio ${out.e3.ratio}; phases ${JSON.stringify(out.e3.phases)} ms`);
    log(`  … plus reading the inventory (collectable): ${out.e3.withInventoryRead.ms} ms = ${fmt(out.e3.withInventoryRead.samplesPerSec)} samples/s, ratio ${out.e3.withInventoryRead.ratio}`);
    // A second COPY right after E3, so the batched write is bracketed by two baselines.
    const rowsAfter = await buildRows({ db, readCache: (f) => store.get(f), ganetiMeasurements: c.ganetiMeasurements, ts: slots.copyAfter });
    const after = copyRows(dbUrl, rowsAfter.csv);
    out.copyAfter = { ms: Math.round(after.ms), samplesPerSec: Math.round(rowsAfter.rows / (after.ms / 1000)) };
    const copyMean = (out.copy.samplesPerSec + out.copyAfter.samplesPerSec) / 2;
    out.e3.ratioToMeanCopy = +(out.e3.samplesPerSec / copyMean).toFixed(3);
    log(`COPY again after E3: ${out.copyAfter.ms} ms = ${fmt(out.copyAfter.samplesPerSec)} samples/s; E3 against the mean of both COPYs: ratio ${out.e3.ratioToMeanCopy}`);
    out.loadEnd = os.loadavg().map((l) => l.toFixed(2)).join(' ');
    log(`load ${out.loadEnd}`);
    if (args.json) fs.writeFileSync(args.json, JSON.stringify(out, null, 2));
  } finally {
    await app?.close().catch((e) => log(`close: ${e.message}`));
    await standin.stop();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}:*`, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
    await db.end();
    if (!args['keep-db']) await dropDatabase(ADMIN_URL, args.db);
  }
}

/**
 * The suggested record(): one statement that upserts the outcomes and moves the run's counters
 * by the difference to what the same targets had before, instead of re-counting the whole run.
 * (Two replays of one new target racing each other could both count it; a final recount when
 * the run finishes would settle that.)
 */
const INCREMENTAL_RECORD = `
  WITH input AS (SELECT * FROM unnest($2::text[], $3::boolean[], $4::text[], $5::int[], $6::timestamptz[]) AS i(target, ok, reason, samples, at)),
  old AS (SELECT o.ok, o.samples FROM collection_run_outcomes o JOIN input USING (target) WHERE o.run_id = $1 FOR UPDATE OF o),
  up AS (INSERT INTO collection_run_outcomes (run_id, target, ok, reason, samples, at) SELECT $1, * FROM input
         ON CONFLICT (run_id, target) DO UPDATE SET ok = EXCLUDED.ok, reason = EXCLUDED.reason, samples = EXCLUDED.samples, at = EXCLUDED.at
         RETURNING ok, samples),
  d AS (SELECT (SELECT count(*) FILTER (WHERE ok) FROM up) - (SELECT count(*) FILTER (WHERE ok) FROM old) AS ok,
               (SELECT count(*) FILTER (WHERE NOT ok) FROM up) - (SELECT count(*) FILTER (WHERE NOT ok) FROM old) AS err,
               (SELECT coalesce(sum(samples), 0) FROM up) - (SELECT coalesce(sum(samples), 0) FROM old) AS samples)
  UPDATE collection_runs r
     SET ok_count = r.ok_count + d.ok, error_count = r.error_count + d.err, sample_count = r.sample_count + d.samples,
         state = CASE WHEN r.state = 'running' AND r.ok_count + d.ok + r.error_count + d.err >= r.total
                      THEN CASE WHEN r.error_count + d.err = 0 THEN 'succeeded' WHEN r.ok_count + d.ok = 0 THEN 'failed' ELSE 'partial' END
                      ELSE r.state END,
         finished_at = CASE WHEN r.state = 'running' AND r.ok_count + d.ok + r.error_count + d.err >= r.total THEN now() ELSE r.finished_at END
    FROM d WHERE r.id = $1 RETURNING r.state`;

function recordIncremental(db, runId, outcomes) {
  const latest = [...new Map(outcomes.map((o) => [o.target, o])).values()];
  return db.query(INCREMENTAL_RECORD, [runId, latest.map((o) => o.target), latest.map((o) => o.ok), latest.map((o) => o.reason ?? null),
    latest.map((o) => o.samples ?? 0), latest.map((o) => o.at)]);
}

/** Mean ms per call over `items`, run one after another. */
async function perCall(items, fn) {
  const t = performance.now();
  for (let i = 0; i < items.length; i++) await fn(items[i], i);
  return +((performance.now() - t) / items.length).toFixed(2);
}

function parseArgs(argv, defaults) {
  const out = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument ${argv[i]}`);
    const value = m[2] ?? (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : 'true');
    out[m[1]] = typeof defaults[m[1]] === 'number' ? Number(value) : value;
  }
  return out;
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const log = (line) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

main().then(() => process.exit(0), (err) => (console.error(err), process.exit(1)));
