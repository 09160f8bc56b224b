#!/usr/bin/env node
'use strict';
/**
 * bench/precache: 100 Ganeti clusters × 1,000 instances served over HTTPS by the RAPI stand-in,
 * pre-cached into Redis by the real worker, then one slot collected through the real path
 * (collect-slot → collect-resource → GanetiPlugin → persist-samples → writeSamples), timed end to
 * end and compared with a plain COPY of the same rows in the same run.
 *
 *   npm run build && node bench/precache/run.js [--clusters 100] [--instances 1000]
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

const args = parseArgs(process.argv.slice(2), { clusters: 100, instances: 1000, budget: 900, db: 'tally_bench_precache' });
const ADMIN_URL = process.env.TALLY_BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `tally-bench-precache-${process.pid}`;
const DAY = 86_400_000;
const FINISHED = ['succeeded', 'partial', 'failed'];

async function main() {
  const machine = machineInfo();
  log(`bench/precache: ${args.clusters} clusters × ${args.instances} instances; ${machine.cpus}× ${machine.cpuModel}, ${machine.ramGiB} GiB, load ${machine.loadStart}`);
  const dbUrl = databaseUrl(ADMIN_URL, args.db);
  // One day per slot, so the worker's own schedules fire at 23:45 and 00:00 UTC, not during the run.
  const env = workerEnv(dbUrl);
  const slot = new Date(Math.floor(Date.now() / DAY) * DAY);
  const copySlot = new Date(slot.getTime() + (new Date(slot.getTime() - DAY).getUTCMonth() === slot.getUTCMonth() ? -DAY : DAY));

  let t = performance.now();
  await recreateDatabase(ADMIN_URL, args.db);
  const standin = await startStandin({ clusters: args.clusters, instancesPerCluster: args.instances });
  const db = new Client({ connectionString: dbUrl });
  await db.connect();
  const redis = new Redis(REDIS_URL);
  let app;
  const result = { machine, clusters: args.clusters, instancesPerCluster: args.instances, slot: slot.toISOString(), copySlot: copySlot.toISOString() };
  try {
    const seeded = await seedInventory(db, { clusters: standin.clusters, instancesPerCluster: args.instances, caCert: standin.caCert });
    // Both slots share a monthly partition, made before anything is timed.
    await db.query(`SELECT tally_ensure_sample_partitions($1, $2)`, [new Date(Math.min(slot, copySlot)), new Date(Math.max(slot, copySlot))]);
    log(`setup ${secs(performance.now() - t)}: ${seeded.resources} resources, ${seeded.measurements} resource_measurements; stand-in generated ${standin.clusters.length} answers in ${standin.generateMs} ms (rss ${standin.rssMiB} MiB)`);

    const { NestFactory } = require('@nestjs/core');
    const { WorkerModule } = require(`${DIST}/apps/worker/src/worker.module`);
    const { loadConfig } = require(`${DIST}/libs/config/src`);
    const { JobProducer, JOBS, QUEUES, slotJobId } = require(`${DIST}/libs/jobs/src`);
    const { GanetiCacheStore, ganetiMeasurements } = require(`${DIST}/libs/collectors/src`);
    const config = loadConfig(env);
    result.config = {
      rapiConcurrency: config.collection.rapiConcurrency, collectConcurrency: config.collection.sshConcurrency, persistConcurrency: config.collection.persistConcurrency,
      ganetiBatchSize: config.collection.ganetiBatchSize, poolSize: config.database.poolSize,
    };
    // Nest's logger off: lock-renewal errors under load would flood the output; they are counted below.
    app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
    await app.init();
    const producer = app.get(JobProducer);
    const store = app.get(GanetiCacheStore);

    // 1. Pre-cache: one ganeti-precache job, as the API's trigger enqueues it.
    t = performance.now();
    await producer.add(JOBS.ganetiPrecache, { data: { trigger: 'api', slot: slot.toISOString() } });
    const pre = await waitForRun(db, 'precache', slot, args.budget * 1000, t);
    result.precache = { ms: Math.round(performance.now() - t), state: pre.state, ok: pre.ok_count, errors: pre.error_count, instances: pre.sample_count };
    log(`precache: ${secs(result.precache.ms)} — ${pre.ok_count}/${pre.total} clusters ok, ${pre.sample_count} instances cached (${pre.state})`);
    if (pre.state !== 'succeeded') log(`  errors: ${JSON.stringify(await runErrors(db, 'precache', slot))}`);

    // 2. Baseline: the same rows, COPY'd into another slot.
    const rows = await buildRows({ db, readCache: (f) => store.get(f), ganetiMeasurements, ts: copySlot });
    const copy = copyRows(dbUrl, rows.csv);
    result.copy = { rows: rows.rows, ms: Math.round(copy.ms), samplesPerSec: Math.round(rows.rows / (copy.ms / 1000)), csvMiB: +(copy.bytes / 2 ** 20).toFixed(1) };
    log(`COPY: ${rows.rows} rows in ${secs(copy.ms)} = ${fmt(result.copy.samplesPerSec)} samples/s (${result.copy.csvMiB} MiB CSV)${rows.missing ? `; ${rows.missing} resources not in cache` : ''}`);

    // 3. Collection of one slot through the worker's queues, timed from the enqueue to the run's end.
    const profiler = args.profile ? await startProfiler() : null;
    const cpuBefore = { node: process.cpuUsage(), machine: machineCpu() };
    t = performance.now();
    const slotJob = slotJobId(JOBS.collectSlot, slot, 'bench');
    await producer.add(JOBS.collectSlot, { jobId: slotJob, data: { trigger: 'api', slot: slot.toISOString() } });
    const progress = [];
    const run = await waitForRun(db, 'collect', slot, args.budget * 1000, t, progress);
    const ms = performance.now() - t;
    const nodeCpu = process.cpuUsage(cpuBefore.node);
    if (profiler) await profiler.stop(args.profile);
    const machineAfter = machineCpu();
    const cpu = {
      workerProcessS: +((nodeCpu.user + nodeCpu.system) / 1e6).toFixed(2),
      machineBusyS: +((machineAfter.busy - cpuBefore.machine.busy) / machineAfter.hz).toFixed(2),
      machineCapacityS: +((ms / 1000) * os.cpus().length).toFixed(2),
    };
    const finished = FINISHED.includes(run.state);
    const samples = Number((await db.query(`SELECT count(*)::int AS n FROM samples WHERE ts = $1`, [slot])).rows[0].n);
    result.collect = {
      finished, state: run.state, ms: Math.round(ms), resources: run.total, outcomes: run.ok_count + run.error_count,
      ok: run.ok_count, errors: run.error_count, samples, samplesPerSec: Math.round(samples / (ms / 1000)), progress,
    };
    // A fan-out longer than the 15 s job lock is taken for a crashed worker and run again.
    const [stalled, attempts] = await redis.hmget(`${PREFIX}:tally-collect:${slotJob}`, 'stc', 'atm');
    result.collect.fanOutStalls = Number(stalled ?? 0);
    result.collect.fanOutAttempts = Number(attempts ?? 0);
    result.ratio = +(result.collect.samplesPerSec / result.copy.samplesPerSec).toFixed(4);
    result.collect.cpu = cpu;
    log(`  CPU during the collection: worker (this process) ${cpu.workerProcessS} s, whole machine ${cpu.machineBusyS} s of ${cpu.machineCapacityS} s available`);
    result.collect.phases = await phases(producer, QUEUES, t);
    log(`  phases (s from enqueue: first start → last finish, busy = sum of job durations): ${Object.entries(result.collect.phases)
      .map(([name, p]) => `${name} ×${p.jobs} ${p.start}→${p.end} busy ${p.busy}`).join('; ')}`);
    if (finished) {
      const same = (await db.query(
        `SELECT count(*)::int AS n FROM samples a JOIN samples b USING (resource_id, measurement_id)
          WHERE a.ts = $1 AND b.ts = $2 AND a.value = b.value AND a.boot_id IS NULL AND b.boot_id IS NULL`, [slot, copySlot],
      )).rows[0].n;
      result.collect.identicalToCopy = same === rows.rows && samples === rows.rows;
    }
    log(`collect: ${finished ? '' : `NOT FINISHED within the ${args.budget} s budget — `}${samples} samples (${run.ok_count + run.error_count}/${run.total} resources, ${run.error_count} errors) in ${secs(ms)} = ${fmt(result.collect.samplesPerSec)} samples/s`);
    if (result.collect.fanOutStalls) log(`  the collect-slot job (fan-out) stalled ${result.collect.fanOutStalls} time(s) and was run again`);
    if (run.error_count) log(`  errors: ${JSON.stringify(await runErrors(db, 'collect', slot))}`);
    if (finished) log(`  rows identical to the COPY'd ones: ${result.collect.identicalToCopy}`);
    result.machine.loadEnd = os.loadavg().map((l) => l.toFixed(2)).join(' ');
    log(`ratio collector/COPY: ${result.ratio} (goal ≥ 0.5); precache ${secs(result.precache.ms)} + collect ${secs(result.collect.ms)}; load ${result.machine.loadEnd}`);
    if (args.json) fs.writeFileSync(args.json, JSON.stringify(result, null, 2));
  } finally {
    await app?.close().catch((e) => log(`worker close: ${e.message}`));
    await standin.stop();
    await dropPrefix(redis, PREFIX);
    redis.disconnect();
    await db.end();
    if (!args['keep-db']) await dropDatabase(ADMIN_URL, args.db);
  }
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

/** Polls the run row (never its outcomes) until it finishes or the budget runs out; logs progress. */
async function waitForRun(db, kind, slot, budgetMs, startedAt, progress = []) {
  let lastLog = performance.now();
  for (;;) {
    const { rows } = await db.query(
      `SELECT state, total, ok_count, error_count, sample_count FROM collection_runs WHERE kind = $1 AND slot = $2`, [kind, slot],
    );
    const run = rows[0];
    const elapsed = performance.now() - startedAt;
    if (run && FINISHED.includes(run.state)) return run;
    if (performance.now() - lastLog > 15_000 && run) {
      lastLog = performance.now();
      const point = { s: Math.round(elapsed / 1000), outcomes: run.ok_count + run.error_count, samples: run.sample_count, load1: +os.loadavg()[0].toFixed(2) };
      const prev = progress[progress.length - 1];
      point.windowSamplesPerSec = Math.round((point.samples - (prev?.samples ?? 0)) / ((point.s - (prev?.s ?? 0)) || 1));
      progress.push(point);
      log(`  ${kind} ${point.s} s: ${point.outcomes}/${run.total} outcomes, ${point.samples} samples, ${fmt(point.windowSamplesPerSec)} samples/s in the last window, load ${point.load1}`);
    }
    if (elapsed > budgetMs) return run ?? { state: 'missing', total: 0, ok_count: 0, error_count: 0, sample_count: 0 };
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Where the collection's time went, from the finished jobs' own timestamps. */
async function phases(producer, QUEUES, startedAt) {
  const origin = performance.timeOrigin + startedAt;
  const out = {};
  for (const queue of [QUEUES.collect, QUEUES.persist]) {
    for (const job of await producer.queue(queue).getJobs(['completed'], 0, -1)) {
      const p = (out[job.name] ??= { jobs: 0, start: Infinity, end: -Infinity, busy: 0 });
      p.jobs++;
      p.start = Math.min(p.start, job.processedOn - origin);
      p.end = Math.max(p.end, job.finishedOn - origin);
      p.busy += job.finishedOn - job.processedOn;
    }
  }
  for (const p of Object.values(out)) for (const k of ['start', 'end', 'busy']) p[k] = +(p[k] / 1000).toFixed(2);
  return out;
}

async function runErrors(db, kind, slot) {
  const { rows } = await db.query(
    `SELECT o.reason, count(*)::int AS n FROM collection_runs r JOIN collection_run_outcomes o ON o.run_id = r.id
      WHERE r.kind = $1 AND r.slot = $2 AND NOT o.ok GROUP BY 1 ORDER BY 2 DESC LIMIT 5`, [kind, slot],
  );
  return rows;
}

/** This run's keys only (queues, cache): never FLUSHALL, the Redis is shared. */
async function dropPrefix(redis, prefix) {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** --profile <file>: a V8 CPU profile of this process (the worker) during the collection only. */
async function startProfiler() {
  const session = new (require('node:inspector').Session)();
  session.connect();
  const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await post('Profiler.stop');
      fs.writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      log(`  CPU profile of the collection written to ${file} (node bench/precache/lib/profile-summary.js ${file})`);
    },
  };
}

/** Busy CPU time of the whole machine so far, in clock ticks (/proc/stat: all but idle and iowait). */
function machineCpu() {
  const [, ...ticks] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = ticks;
  return { busy: user + nice + system + irq + softirq + steal, hz: 100 };
}

function machineInfo() {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(), node: process.version, cpus: cpus.length, cpuModel: cpus[0]?.model.trim(),
    ramGiB: Math.round(os.totalmem() / 2 ** 30), loadStart: os.loadavg().map((l) => l.toFixed(2)).join(' '),
  };
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

const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const log = (line) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
