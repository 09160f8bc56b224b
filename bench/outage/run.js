#!/usr/bin/env node
'use strict';
/**
 * bench/outage: the faults of test/collection/durability-*.int-spec.ts at the real settings
 * (30-minute interval, default backoff capped at 5 minutes, real outage lengths), timed.
 *
 *   baseline  a slot collected with nothing wrong: trigger → run finished
 *   pg-cut    Postgres cut for the worker (a TCP proxy) right after the fan-out, for --pg-down s
 *             (default 300, the 5-minute cut): restore → run finished
 *   wipe      the slot's readings waiting in Redis as persist jobs (the persist queue paused), Redis
 *             restarted without data: restart → run finished, from the spool
 *
 * Prints each recovery time against the baseline's collection time (ratio) and checks that each
 * slot ends with the baseline's sample count. Without the recovery watch, pg-cut's recovery is
 * whatever is left of the current backoff step: up to 5 minutes.
 *
 *   npm run build && npm run bench:outage -- [--clusters 10] [--instances 100] [--pg-down 300] [--json out.json]
 *
 * Needs Postgres on 127.0.0.1 (TALLY_BENCH_PG_ADMIN_URL) and redis-server on PATH (it starts one
 * of its own on a free port, so the shared Redis is never wiped). Never part of `npm test`.
 */
require('reflect-metadata');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { Client } = require('pg');
const { DIST, databaseUrl, recreateDatabase, dropDatabase, seedInventory } = require('../precache/lib/database');
const { startStandin } = require('../precache/lib/standin');
const m = require('../precache/lib/measure');

const args = m.parseArgs(process.argv.slice(2), { clusters: 10, instances: 100, 'pg-down': 300, budget: 900, db: 'tally_bench_outage' });
const ADMIN_URL = process.env.TALLY_BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const INTERVAL_MS = 30 * 60_000;
const { log, secs } = m;

/** A loopback forwarder that can drop every connection and refuse new ones: Postgres down for one process. */
async function tcpProxy(targetPort, targetHost) {
  const open = new Set();
  let down = false;
  const server = net.createServer((client) => {
    if (down) return client.destroy();
    const upstream = net.connect(targetPort, targetHost);
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('error', () => { client.destroy(); upstream.destroy(); });
      s.on('close', () => { open.delete(s); client.destroy(); upstream.destroy(); });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    cut: () => { down = true; for (const s of open) s.destroy(); },
    restore: () => { down = false; },
    close: () => { down = true; for (const s of open) s.destroy(); return new Promise((r) => server.close(r)); },
  };
}

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

/** A redis-server of the bench's own, without persistence: a restart is a wipe. */
async function privateRedis() {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tally-bench-redis-'));
  let child;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    for (const deadline = Date.now() + 10_000; ;) {
      if (await new Promise((resolve) => net.connect(port, '127.0.0.1').once('connect', function () { this.destroy(); resolve(true); }).once('error', () => resolve(false)))) return;
      if (Date.now() > deadline) throw new Error('redis-server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const kill = () => new Promise((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', resolve), child.kill('SIGKILL'))));
  await start();
  return { url: `redis://127.0.0.1:${port}`, wipe: async () => { await kill(); await start(); }, stop: async () => { await kill(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

async function main() {
  const machine = m.machineInfo();
  log(`bench/outage: ${args.clusters} clusters × ${args.instances} VMs, Postgres cut ${args['pg-down']} s; ${machine.cpus}× ${machine.cpuModel}, load ${machine.loadStart}`);
  const dbUrl = databaseUrl(ADMIN_URL, args.db);
  await recreateDatabase(ADMIN_URL, args.db);
  const standin = await startStandin({ clusters: args.clusters, instancesPerCluster: args.instances });
  const redis = await privateRedis();
  const direct = new URL(dbUrl);
  const pg = await tcpProxy(Number(direct.port || 5432), direct.hostname);
  const viaProxy = new URL(dbUrl);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(pg.port);
  const db = new Client({ connectionString: dbUrl });
  await db.connect();
  const spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tally-bench-spool-'));
  let app;
  const result = { machine, clusters: args.clusters, instancesPerCluster: args.instances, pgDownS: args['pg-down'] };
  try {
    await seedInventory(db, { clusters: standin.clusters, instancesPerCluster: args.instances, caCert: standin.caCert });
    const { NestFactory } = require('@nestjs/core');
    const { WorkerModule } = require(`${DIST}/apps/worker/src/worker.module`);
    const { loadConfig } = require(`${DIST}/libs/config/src`);
    const { JobProducer, JOBS, QUEUES } = require(`${DIST}/libs/jobs/src`);
    // Real settings but the addresses, and a week of late-push grace so past slots of today stay open.
    const config = loadConfig({
      ...process.env, DATABASE_URL: viaProxy.toString(), REDIS_URL: redis.url, TALLY_QUEUE_PREFIX: `tally-bench-outage-${process.pid}`,
      TALLY_SPOOL_DIR: spoolDir, TALLY_LATE_PUSH_GRACE_MINUTES: '10080', LOG_LEVEL: 'warn', TALLY_MIGRATE_ON_BOOT: 'false',
    });
    app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
    await app.init();
    const producer = app.get(JobProducer);
    const first = Math.floor(Date.now() / INTERVAL_MS) * INTERVAL_MS - 12 * INTERVAL_MS;
    let n = 0;
    const nextSlot = () => new Date(first + n++ * INTERVAL_MS);
    const runRow = async (slot) => (await db.query(`SELECT state, total, ok_count, sample_count FROM collection_runs WHERE kind = 'collect' AND slot = $1`, [slot])).rows[0];
    const trigger = (slot) => producer.add(JOBS.collectSlot, { data: { trigger: 'api', slot: slot.toISOString() } });
    const until = async (what, probe, ms) => {
      for (const deadline = Date.now() + ms; ;) {
        if (await probe().catch(() => false)) return;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const retrying = async (slot) => {
      const jobs = await producer.queue(QUEUES.persist).getJobs(['delayed', 'waiting', 'active']);
      return jobs.some((j) => j.attemptsMade >= 1 && j.data.slot === slot.toISOString());
    };

    let t = performance.now();
    await producer.add(JOBS.ganetiPrecache, { data: { trigger: 'api', slot: new Date(first).toISOString() } });
    await m.waitForRun(db, 'precache', new Date(first), args.budget * 1000, t);

    // Baseline: nothing wrong.
    const base = nextSlot();
    t = performance.now();
    await trigger(base);
    const baseline = await m.waitForRun(db, 'collect', base, args.budget * 1000, t);
    result.baseline = { ms: Math.round(performance.now() - t), state: baseline.state, samples: baseline.sample_count };
    log(`baseline: ${secs(result.baseline.ms)} to collect ${baseline.sample_count} samples (${baseline.state})`);

    // Postgres cut for the real length, right after the fan-out.
    const cutSlot = nextSlot();
    await trigger(cutSlot);
    await until('the fan-out', async () => (await runRow(cutSlot))?.total > 0, 60_000);
    pg.cut();
    log(`pg-cut: Postgres cut for ${args['pg-down']} s`);
    await new Promise((r) => setTimeout(r, args['pg-down'] * 1000));
    // The fan-out itself may have met the cut (Ganeti VMs are read and handed on by it), or its persist jobs.
    const waiting = [...await producer.queue(QUEUES.persist).getJobs(['delayed']), ...await producer.queue(QUEUES.collect).getJobs(['delayed'])];
    const attempts = Math.max(0, ...waiting.filter((j) => j.data.slot === cutSlot.toISOString()).map((j) => j.attemptsMade));
    pg.restore();
    t = performance.now();
    const cut = await m.waitForRun(db, 'collect', cutSlot, args.budget * 1000, t);
    result.pgCut = { recoveryMs: Math.round(performance.now() - t), attemptsBeforeReturn: attempts, state: cut.state, samples: cut.sample_count };
    log(`pg-cut: data landed ${secs(result.pgCut.recoveryMs)} after Postgres returned (${attempts} failed attempts; the next backoff step was up to 5 min away) — ${cut.sample_count} samples (${cut.state})`);

    // Redis wiped while the readings wait in it: the persist queue is paused (a deterministic
    // stand-in for persists that have not run yet), the slot fans out, then Redis restarts empty.
    const wipeSlot = nextSlot();
    await producer.queue(QUEUES.persist).pause();
    await trigger(wipeSlot);
    await until('the fan-out to hand every reading on', async () => {
      const waiting = (await producer.queue(QUEUES.persist).getJobs(['waiting', 'paused'])).filter((j) => j.data.slot === wipeSlot.toISOString());
      const readings = waiting.reduce((n, j) => n + j.data.readings.length, 0);
      return readings > 0 && readings === (await runRow(wipeSlot))?.total;
    }, 120_000);
    // Timed from the kill: the worker may reconnect before wipe() has seen the new server answer.
    t = performance.now();
    await redis.wipe();
    log(`wipe: Redis killed and restarted without data in ${secs(performance.now() - t)}, the slot's readings in the spool only`);
    const wiped = await m.waitForRun(db, 'collect', wipeSlot, args.budget * 1000, t);
    result.wipe = { recoveryMs: Math.round(performance.now() - t), state: wiped.state, samples: wiped.sample_count };
    log(`wipe: slot finished ${secs(result.wipe.recoveryMs)} after Redis was killed (and came back empty) — ${wiped.sample_count} samples (${wiped.state})`);

    const lost = [result.pgCut, result.wipe].filter((r) => r.samples !== result.baseline.samples);
    log(`verdict: recovery ${(result.pgCut.recoveryMs / result.baseline.ms).toFixed(2)} × (pg-cut) and ${(result.wipe.recoveryMs / result.baseline.ms).toFixed(2)} × (wipe) the baseline's collection time; `
      + (lost.length ? `SAMPLES MISSING in ${lost.length} scenario(s)` : 'every slot has the baseline\'s sample count'));
    if (args.json) fs.writeFileSync(args.json, JSON.stringify(result, null, 2));
    if (lost.length) process.exitCode = 1;
  } finally {
    await app?.close().catch(() => undefined);
    await db.end();
    await pg.close();
    await redis.stop();
    await standin.stop();
    fs.rmSync(spoolDir, { recursive: true, force: true });
    if (!args['keep-db']) await dropDatabase(ADMIN_URL, args.db);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
