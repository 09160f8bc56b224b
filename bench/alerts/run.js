#!/usr/bin/env node
'use strict';
/**
 * bench/alerts: what alert evaluation adds to a slot. 100,000 Ganeti VMs (4 measurements each)
 * are persisted through the real ReadingsWriter in batches, as the worker's persist jobs do;
 * with 10 rules enabled, each batch is then evaluated by the real AlertEvaluator, as its
 * evaluate-alerts job would be. Each round times a slot without rules (the baseline) and a
 * slot with them, back to back, in alternating order; the verdict is the median ratio of
 * (persist + evaluation) to the persist alone. Goal: at most 1.10.
 *
 * Counted conservatively: the worker runs evaluations on their own queue, beside the next
 * persists; here they run after each batch, on the same connection budget, and are added in.
 *
 *   npm run build && node bench/alerts/run.js [--resources 100000] [--batch 4000] [--rounds 3] [--breach 0.005] [--settle 22] [--keep-db]
 *
 * --settle N evaluates N more slots (evaluation only, values handed on as a persist would)
 * before the timed rounds, so the breaching series have held their state for longer than
 * their 21-result flap history: the steady state of a long incident. --settle 0 measures the
 * hours right after 2,000 series changed state, when each is still rewritten every slot.
 *
 * Needs Postgres and Redis on 127.0.0.1 (TALLY_BENCH_PG_ADMIN_URL, REDIS_URL). Uses its own
 * database (tally_bench_alerts); never part of `npm test`.
 */
require('reflect-metadata');
const { Client } = require('pg');
const { DIST, databaseUrl, recreateDatabase, dropDatabase, seedInventory } = require('../precache/lib/database');
const m = require('../precache/lib/measure');

const args = m.parseArgs(process.argv.slice(2), { resources: 100000, batch: 4000, rounds: 3, breach: 0.005, settle: 22, db: 'tally_bench_alerts', 'keep-db': 'false' });
const ADMIN_URL = process.env.TALLY_BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DAY = 86_400_000;
const { log, secs, median } = m;

async function main() {
  const machine = m.machineInfo();
  log(`bench/alerts: ${args.resources} VMs in batches of ${args.batch}, 10 rules, ${args.rounds} rounds; ${machine.cpus}× ${machine.cpuModel}, load ${machine.loadStart}`);
  const dbUrl = databaseUrl(ADMIN_URL, args.db);
  await recreateDatabase(ADMIN_URL, args.db);
  const db = new Client({ connectionString: dbUrl });
  await db.connect();
  let app;
  try {
    const clusters = Array.from({ length: Math.ceil(args.resources / 1000) }, (_, i) => ({ fqdn: `ganeti-${String(i).padStart(3, '0')}.example.org`, rapiUrl: 'https://127.0.0.1:1' }));
    await seedInventory(db, { clusters, instancesPerCluster: 1000, caCert: 'unused' });
    const ids = (await db.query(`SELECT id FROM resources ORDER BY name LIMIT $1`, [args.resources])).rows.map((r) => r.id);
    const mids = Object.fromEntries((await db.query(`SELECT key, id FROM measurements WHERE source = 'ganeti'`)).rows.map((r) => [r.key, String(r.id)]));
    const clientIds = (await db.query(`SELECT id FROM clients ORDER BY name`)).rows.map((r) => r.id);
    await seedRules(db, clientIds);
    await db.query(`UPDATE alert_versions SET version = version + 1`); // as the API does with each rule change

    const { NestFactory } = require('@nestjs/core');
    const { Module } = require('@nestjs/common');
    const { loadConfig, ConfigModule } = require(`${DIST}/libs/config/src`);
    const { DatabaseModule } = require(`${DIST}/libs/database/src`);
    const { RedisModule } = require(`${DIST}/libs/jobs/src`);
    const { CollectorsModule, ReadingsWriter } = require(`${DIST}/libs/collectors/src`);
    const { AlertsModule, AlertEvaluator } = require(`${DIST}/libs/alerts/src`);
    const config = loadConfig({ ...process.env, DATABASE_URL: dbUrl, TALLY_QUEUE_PREFIX: `tally-bench-alerts-${process.pid}`, LOG_LEVEL: 'silent' });
    class BenchModule {}
    Module({ imports: [ConfigModule.forRoot(config), DatabaseModule, RedisModule.forRoot('waits'), CollectorsModule, AlertsModule] })(BenchModule);
    app = await NestFactory.createApplicationContext(BenchModule, { logger: false });
    await app.init();
    const writer = app.get(ReadingsWriter);
    const evaluator = app.get(AlertEvaluator);

    const monthStart = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1);
    const slotOf = (n) => new Date(monthStart + n * 30 * 60_000);
    await db.query(`SELECT tally_ensure_sample_partitions($1, $1)`, [slotOf(0)]);
    let n = 0;
    const newSlot = async () => {
      const ts = slotOf(n++);
      const [{ id: runId }] = (await db.query(`INSERT INTO collection_runs (kind, slot, state, total) VALUES ('collect', $1, 'running', $2) RETURNING id`, [ts, ids.length])).rows;
      return { ts, runId, persistMs: 0, evaluateMs: 0, events: 0 };
    };
    const persist = async (s, batch, offset) => {
      const readings = batch.map((resourceId, k) => reading(resourceId, mids, (offset + k) / ids.length < args.breach));
      const t = performance.now();
      await writer.persist({ runId: s.runId, slot: s.ts.toISOString(), at: new Date(s.ts.getTime() + 60_000).toISOString(), readings });
      s.persistMs += performance.now() - t;
      return readings;
    };
    const evaluate = async (s, batch, readings) => {
      // What the persist processor hands on (AlertTrigger.afterPersist): the stored values.
      const values = Object.fromEntries(readings.map((r) => [r.resourceId, r.values]));
      const t = performance.now();
      s.events += (await evaluator.evaluate(s.ts, batch, values)).events;
      const ms = performance.now() - t;
      s.evaluateMs += ms;
      s.slowestMs = Math.max(s.slowestMs ?? 0, ms);
    };
    /**
     * Two slots in lockstep, batch by batch: batch i of the baseline slot (rules off), then batch
     * i of the measured slot (rules on) and its evaluation, so both see the same machine load.
     */
    const pair = async (r) => {
      const [base, rules] = [await newSlot(), await newSlot()];
      for (let i = 0; i < ids.length; i += args.batch) {
        const batch = ids.slice(i, i + args.batch);
        // The rules stay enabled throughout: a persist never reads them, and the baseline slot is simply not evaluated.
        const steps = [async () => { await persist(base, batch, i); },
          async () => { const readings = await persist(rules, batch, i); await evaluate(rules, batch, readings); }];
        for (const s of r % 2 ? steps.reverse() : steps) await s();
      }
      return { base, rules };
    };

    // A warm-up pair, so the timed rounds do not pay for cold caches (and the flap guard has seen the breaches).
    for (let w = 0; w < 3; w++) {
      const warm = await pair(w);
      log(`warm-up ${w + 1}: persist ${secs(warm.rules.persistMs)}, evaluation ${secs(warm.rules.evaluateMs)}, ${warm.rules.events} events`);
    }
    let t0 = performance.now();
    for (let k = 0; k < args.settle; k++) {
      const s = await newSlot();
      for (let i = 0; i < ids.length; i += args.batch) {
        const batch = ids.slice(i, i + args.batch);
        await evaluate(s, batch, batch.map((resourceId, j) => reading(resourceId, mids, (i + j) / ids.length < args.breach)));
      }
    }
    if (args.settle) log(`settled: ${args.settle} more slots evaluated in ${secs(performance.now() - t0)}`);
    const rounds = [];
    for (let r = 0; r < args.rounds; r++) {
      const { base, rules } = await pair(r);
      const ratio = (rules.persistMs + rules.evaluateMs) / base.persistMs;
      const share = rules.evaluateMs / rules.persistMs;
      rounds.push({ ratio, share, base, rules });
      log(`round ${r + 1}: persist alone ${secs(base.persistMs)}; with rules: persist ${secs(rules.persistMs)} + evaluation ${secs(rules.evaluateMs)} (${rules.events} events; slowest batch ${Math.round(rules.slowestMs)} ms) → ratio ${ratio.toFixed(3)}, evaluation ${(share * 100).toFixed(1)} % of its own persist`);
    }
    const verdict = median(rounds.map((r) => r.ratio));
    const share = median(rounds.map((r) => r.share));
    log(`median ratio (persist + evaluation) / persist alone: ${verdict.toFixed(3)}; evaluation alone ${(share * 100).toFixed(1)} % of the same slot's persist; goal ≤ 1.10: ${verdict <= 1.1 ? 'met' : 'NOT met'}; load ${require('node:os').loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    await app?.close();
    await db.end();
    if (args['keep-db'] !== 'true') await dropDatabase(ADMIN_URL, args.db);
  }
}

/** A VM's reading; a breaching one has its memory over both limits and is not running. */
function reading(resourceId, mids, breach) {
  return {
    resourceId, ok: true,
    values: { [mids['ganeti.vcpus']]: 2, [mids['ganeti.memory']]: breach ? 65536 : 4096, [mids['ganeti.disk']]: 20480, [mids['ganeti.running']]: breach ? 0 : 1 },
  };
}

/** 10 rules over the four measurements: installation-wide, per resource type and per client. */
async function seedRules(db, clientIds) {
  const mid = async (key) => (await db.query(`SELECT id FROM measurements WHERE key = $1`, [key])).rows[0].id;
  const rules = [
    ['vm not running', 'ganeti.running', 'all', null, '<', null, 1],
    ['memory', 'ganeti.memory', 'all', null, '>', 32768, 49152],
    ['vcpus', 'ganeti.vcpus', 'all', null, '>', 32, 64],
    ['disk', 'ganeti.disk', 'all', null, '>', 1048576, 2097152],
    ['vm memory (type)', 'ganeti.memory', 'resource_type', 'ganeti-vm', '>=', 60000, null],
    ['vm disk (type)', 'ganeti.disk', 'resource_type', 'ganeti-vm', '<', 1, null],
    ...clientIds.slice(0, 4).map((c, i) => [`client ${i} memory`, 'ganeti.memory', 'client', c, '>', 16384, 65000]),
  ];
  for (const [name, key, scopeType, scopeId, comparison, warn, crit] of rules) {
    await db.query(
      `INSERT INTO alert_rules (name, kind, measurement_id, scope_type, scope_id, client_id, comparison, warn, crit)
       VALUES ($1, 'threshold', $2, $3, $4, $5, $6, $7, $8)`,
      [name, await mid(key), scopeType, scopeId, scopeType === 'client' ? scopeId : null, comparison, warn, crit],
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
