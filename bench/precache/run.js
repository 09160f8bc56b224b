#!/usr/bin/env node
'use strict';
/**
 * bench/precache: 100 Ganeti clusters × 1,000 instances served over HTTPS by the RAPI stand-in,
 * pre-cached into Redis by the real worker, then slots collected through the real path
 * (collect-slot fan-out → GanetiPlugin on the pre-cache → persist-samples → COPY), timed end
 * to end and compared with a plain COPY of the same rows in the same run.
 *
 * Each round times a COPY into one day and a collection of another, back to back, so both see
 * the same machine; the verdict is the median of the rounds' ratios.
 *
 *   npm run build && node bench/precache/run.js [--clusters 100] [--instances 1000] [--rounds 3]
 *     [--budget 900] [--keep-db] [--json out.json] [--profile collect.cpuprofile]
 *
 * Needs Postgres and Redis on 127.0.0.1 (TALLY_BENCH_PG_ADMIN_URL, REDIS_URL) and psql.
 * Uses its own database (tally_bench_precache) and Redis prefix; never part of `npm test`.
 */
require('reflect-metadata');
const os = require('node:os');
const fs = require('node:fs');
const { Client } = require('pg');
const Redis = require('ioredis');
const { DIST, databaseUrl, recreateDatabase, dropDatabase, seedInventory } = require('./lib/database');
const { startStandin } = require('./lib/standin');
const { buildRows, copyRows } = require('./lib/copy-baseline');
const m = require('./lib/measure');

const args = m.parseArgs(process.argv.slice(2), { clusters: 100, instances: 1000, rounds: 3, budget: 900, db: 'tally_bench_precache' });
const ADMIN_URL = process.env.TALLY_BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `tally-bench-precache-${process.pid}`;
const DAY = 86_400_000;
const { log, secs, fmt } = m;

async function main() {
  const machine = m.machineInfo();
  log(`bench/precache: ${args.clusters} clusters × ${args.instances} instances, ${args.rounds} rounds; ${machine.cpus}× ${machine.cpuModel}, ${machine.ramGiB} GiB, load ${machine.loadStart}`);
  const dbUrl = databaseUrl(ADMIN_URL, args.db);
  // One day per slot, so the worker's own schedules fire at 23:45 and 00:00 UTC, not during the
  // run. Round r collects day 2r+1 of this month and COPYs into day 2r+2: one monthly partition.
  const now = new Date();
  const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const day = (n) => new Date(monthStart + n * DAY);
  const env = workerEnv(dbUrl);

  let t = performance.now();
  await recreateDatabase(ADMIN_URL, args.db);
  const standin = await startStandin({ clusters: args.clusters, instancesPerCluster: args.instances });
  const db = new Client({ connectionString: dbUrl });
  await db.connect();
  const redis = new Redis(REDIS_URL);
  let app;
  const result = { machine, clusters: args.clusters, instancesPerCluster: args.instances, rounds: [] };
  try {
    const seeded = await seedInventory(db, { clusters: standin.clusters, instancesPerCluster: args.instances, caCert: standin.caCert });
    // The partition is made before anything is timed, for both writers.
    await db.query(`SELECT tally_ensure_sample_partitions($1, $1)`, [day(0)]);
    log(`setup ${secs(performance.now() - t)}: ${seeded.resources} resources, ${seeded.measurements} resource_measurements; stand-in generated ${standin.clusters.length} answers in ${standin.generateMs} ms (rss ${standin.rssMiB} MiB)`);

    const { NestFactory } = require('@nestjs/core');
    const { WorkerModule } = require(`${DIST}/apps/worker/src/worker.module`);
    const { loadConfig } = require(`${DIST}/libs/config/src`);
    const { JobProducer, JOBS, QUEUES, slotJobId } = require(`${DIST}/libs/jobs/src`);
    const { GanetiCacheStore, ganetiMeasurements } = require(`${DIST}/libs/collectors/src`);
    const config = loadConfig(env);
    const c = config.collection;
    result.config = {
      persistConcurrency: c.persistConcurrency, ganetiBatchSize: c.ganetiBatchSize, rapiConcurrency: c.rapiConcurrency, poolSize: config.database.poolSize,
    };
    app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
    await app.init();
    const producer = app.get(JobProducer);
    const store = app.get(GanetiCacheStore);

    // Pre-cache: one ganeti-precache job, as the API's trigger enqueues it.
    t = performance.now();
    await producer.add(JOBS.ganetiPrecache, { data: { trigger: 'api', slot: day(1).toISOString() } });
    const pre = await m.waitForRun(db, 'precache', day(1), args.budget * 1000, t);
    result.precache = { ms: Math.round(performance.now() - t), state: pre.state, ok: pre.ok_count, errors: pre.error_count, instances: pre.sample_count };
    log(`precache: ${secs(result.precache.ms)} — ${pre.ok_count}/${pre.total} clusters ok, ${pre.sample_count} instances cached (${pre.state})`);
    if (pre.state !== 'succeeded') log(`  errors: ${JSON.stringify(await m.runErrors(db, 'precache', day(1)))}`);

    for (let r = 0; r < args.rounds; r++) {
      const slot = day(2 * r + 1);
      const copySlot = day(2 * r + 2);
      const rows = await buildRows({ db, readCache: (f) => store.get(f), ganetiMeasurements, ts: copySlot });
      const copy = copyRows(dbUrl, rows.csv);
      const copyRate = rows.rows / (copy.ms / 1000);
      const profile = args.profile && r === args.rounds - 1 ? args.profile : null;
      const collect = await collectSlot({ db, redis, producer, JOBS, QUEUES, slotJobId, slot, profile });
      const round = { copy: { rows: rows.rows, ms: Math.round(copy.ms), samplesPerSec: Math.round(copyRate) }, collect, ratio: +(collect.samplesPerSec / copyRate).toFixed(4) };
      if (collect.finished) round.collect.identicalToCopy = await sameRows(db, slot, copySlot, rows.rows, collect.samples);
      result.rounds.push(round);
      log(`round ${r + 1}: COPY ${rows.rows} rows in ${secs(copy.ms)} = ${fmt(copyRate)}/s; collect ${collect.samples} samples in ${secs(collect.ms)} = ${fmt(collect.samplesPerSec)}/s` +
        `${collect.finished ? '' : ` — NOT FINISHED within ${args.budget} s`}${collect.errors ? `, ${collect.errors} errors` : ''}; identical rows: ${round.collect.identicalToCopy}; ratio ${round.ratio}`);
      log(`  CPU: worker ${collect.cpu.workerProcessS} s, postgres ${collect.cpu.postgresS} s, redis ${collect.cpu.redisS} s; machine ${collect.cpu.machineBusyS} of ${collect.cpu.machineCapacityS} s`);
      log(`  phases (s from enqueue: first start → last finish, busy = sum of job durations): ${Object.entries(collect.phases)
        .map(([name, p]) => `${name} ×${p.jobs} ${p.start}→${p.end} busy ${p.busy}`).join('; ')}`);
      if (collect.errors) log(`  errors: ${JSON.stringify(await m.runErrors(db, 'collect', slot))}`);
    }
    result.ratio = m.median(result.rounds.map((r) => r.ratio));
    result.machine.loadEnd = os.loadavg().map((l) => l.toFixed(2)).join(' ');
    log(`ratio collector/COPY, median of ${args.rounds}: ${result.ratio} (goal ≥ 0.5; rounds ${result.rounds.map((r) => r.ratio).join(', ')}); precache ${secs(result.precache.ms)}; load ${result.machine.loadEnd}`);
    if (args.json) fs.writeFileSync(args.json, JSON.stringify(result, null, 2));
  } finally {
    await app?.close().catch((e) => log(`worker close: ${e.message}`));
    await standin.stop();
    await m.dropPrefix(redis, PREFIX);
    redis.disconnect();
    await db.end();
    if (!args['keep-db']) await dropDatabase(ADMIN_URL, args.db);
  }
}

/** One slot through the worker's queues, timed from the enqueue to the run's end. */
async function collectSlot({ db, redis, producer, JOBS, QUEUES, slotJobId, slot, profile }) {
  const profiler = profile ? await m.startProfiler() : null;
  const before = { node: process.cpuUsage(), machine: m.machineCpu() };
  const t = performance.now();
  const slotJob = slotJobId(JOBS.collectSlot, slot, 'bench');
  await producer.add(JOBS.collectSlot, { jobId: slotJob, data: { trigger: 'api', slot: slot.toISOString() } });
  const progress = [];
  const run = await m.waitForRun(db, 'collect', slot, args.budget * 1000, t, progress);
  const ms = performance.now() - t;
  const cpu = m.cpuBetween(before.machine, m.machineCpu(), process.cpuUsage(before.node), ms);
  if (profiler) await profiler.stop(profile);
  const samples = Number((await db.query(`SELECT count(*)::int AS n FROM samples WHERE ts = $1`, [slot])).rows[0].n);
  // A fan-out longer than its job lock would be taken for a crashed worker and run again.
  const [stalled] = await redis.hmget(`${PREFIX}:${QUEUES.collect}:${slotJob}`, 'stc');
  return {
    finished: m.FINISHED.includes(run.state), state: run.state, ms: Math.round(ms), resources: run.total, ok: run.ok_count, errors: run.error_count,
    samples, samplesPerSec: Math.round(samples / (ms / 1000)), fanOutStalls: Number(stalled ?? 0), cpu, phases: await m.phases(producer, QUEUES, t, slot), progress,
  };
}

/** The collector's rows equal the COPY'd ones, value for value. */
async function sameRows(db, slot, copySlot, copied, collected) {
  const same = (await db.query(
    `SELECT count(*)::int AS n FROM samples a JOIN samples b USING (resource_id, measurement_id)
      WHERE a.ts = $1 AND b.ts = $2 AND a.value = b.value AND a.boot_id IS NULL AND b.boot_id IS NULL`, [slot, copySlot],
  )).rows[0].n;
  return same === copied && collected === copied;
}

function workerEnv(dbUrl) {
  const passed = Object.fromEntries(Object.entries(process.env).filter(([k]) => /^(TALLY_(RAPI|SSH|GANETI|PERSIST)_|DATABASE_POOL_SIZE$)/.test(k)));
  return {
    ...passed,
    NODE_ENV: 'development',
    DATABASE_URL: dbUrl,
    REDIS_URL,
    TALLY_QUEUE_PREFIX: PREFIX,
    LOG_LEVEL: 'error',
    TALLY_MIGRATE_ON_BOOT: 'false',
    TALLY_COLLECT_INTERVAL_MINUTES: '1440',
    TALLY_PRECACHE_LEAD_MINUTES: '15',
  };
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
