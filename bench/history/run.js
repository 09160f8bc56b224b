#!/usr/bin/env node
'use strict';
/**
 * bench/history: the persist step's per-node history lookup (boot id before the slot), old
 * query against new, with a day, a month and a year of samples.
 *
 *   npm run build && node bench/history/run.js [--nodes 20] [--days 1,30,365] [--runs 5] [--reload] [--plans]
 *
 * For each history length a database of its own (tally_bench_history_<days>d, kept between
 * runs; --reload rebuilds): one client, NODES `node` resources with the eleven SSH
 * measurements, samples every 30 minutes written slot by slot with COPY, as the collector
 * writes them; every fifth node was down for the last three slots (node.up = 0, no boot id)
 * and every node rebooted once. Then, for all nodes at the next slot, EXPLAIN (ANALYZE,
 * BUFFERS) of:
 *   old  the lookup before bench/history: `WHERE resource_id = … AND ts < slot AND boot_id
 *        IS NOT NULL ORDER BY ts DESC LIMIT 1` (no ts order on the key for that filter);
 *   new  READINGS_HISTORY_SQL (dist/libs/collectors/src/readings-history.sql.js), the one
 *        the worker runs: one series of the node, newest first on the key, bounded below.
 * Prints, per query and history, the median execution time and the buffers (shared hit +
 * read) per node, the ratio of each to the 1-day figure (the baseline, same run) and
 * new/old; --plans prints the plans. Both queries must return the same boot ids.
 * Environment: BENCH_PG_URL (postgres://postgres@127.0.0.1:5432). Not part of `npm test`.
 */
const os = require('node:os');
const { Client } = require('pg');
const { from: copyFrom } = require('pg-copy-streams');
const { pipeline } = require('node:stream/promises');
const { Readable } = require('node:stream');
const { DIST, databaseUrl, recreateDatabase } = require('../precache/lib/database');

const PG_URL = process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const NODES = Number(flag('--nodes', 20));
const DAYS = flag('--days', '1,30,365').split(',').map(Number);
const RUNS = Math.max(1, Number(flag('--runs', 5)));
const RELOAD = args.includes('--reload');
const PLANS = args.includes('--plans');
const SLOT_MS = 30 * 60_000;
const END = Date.parse('2026-11-20T00:00:00Z'); // the slot being persisted; history ends just before it
const MARKER = (days) => `bench-history v1 ${NODES} nodes ${days}d to ${new Date(END).toISOString()}`;

const { READINGS_HISTORY_SQL, readingsHistoryParams } = require(`${DIST}/libs/collectors/src/readings-history.sql.js`);

/** The lookup as it was: newest sample of the node with a boot id, on resource_id alone. */
const OLD_SQL = `
SELECT u.id,
       (SELECT s.boot_id FROM samples s WHERE s.resource_id = u.id AND s.ts < $2 AND s.boot_id IS NOT NULL
         ORDER BY s.ts DESC LIMIT 1) AS boot_id,
       $3::boolean AND EXISTS (SELECT 1 FROM resources r, unnest(r.measurement_ids) AS m(id)
                WHERE r.id = u.id
                  AND EXISTS (SELECT 1 FROM samples s WHERE s.resource_id = u.id AND s.measurement_id = m.id AND s.ts > $2)) AS later
  FROM unnest($1::uuid[]) AS u(id)`;

const log = (...a) => console.log(...a);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

async function connect(url) {
  const c = new Client({ connectionString: url });
  await c.connect();
  return c;
}

async function ready(name, days) {
  const c = await connect(PG_URL);
  try {
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) return false;
  } finally {
    await c.end();
  }
  const db = await connect(databaseUrl(PG_URL, name));
  try {
    const r = await db.query(`SELECT billing_ref FROM clients WHERE name = 'bench-history'`).catch(() => ({ rows: [] }));
    return r.rows[0]?.billing_ref === MARKER(days);
  } finally {
    await db.end();
  }
}

/** Rows in COPY text format, slot by slot (all nodes, then the next slot), as the collector writes. */
function* sampleLines(nodes, measurements, days) {
  const slots = (days * 86_400_000) / SLOT_MS;
  const nodeUp = measurements.find((m) => m.key === 'node.up').id;
  for (let k = slots; k >= 1; k--) {
    const ts = new Date(END - k * SLOT_MS).toISOString();
    let out = '';
    for (const [i, node] of nodes.entries()) {
      if (i % 5 === 0 && k <= 3) {
        out += `${node.id}\t${nodeUp}\t${ts}\t0\t\\N\n`; // down: node.up = 0 and nothing else
        continue;
      }
      const boot = k > slots / 2 ? node.boot0 : node.boot1; // rebooted half way
      for (const m of measurements) {
        const value = m.key === 'node.up' ? 1 : (slots - k) * (1 + (i % 7)) + m.id;
        out += `${node.id}\t${m.id}\t${ts}\t${value}\t${boot}\n`;
      }
    }
    yield out;
  }
}

async function build(name, days) {
  log(`building ${name}: ${NODES} nodes × 11 measurements × ${days} days`);
  const t0 = Date.now();
  await recreateDatabase(PG_URL, name);
  const db = await connect(databaseUrl(PG_URL, name));
  try {
    await db.query(`SET synchronous_commit = off`);
    const { rows: [client] } = await db.query(`INSERT INTO clients (name, billing_ref) VALUES ('bench-history', 'loading') RETURNING id`);
    const { rows: [project] } = await db.query(`INSERT INTO projects (client_id, name) VALUES ($1, 'nodes') RETURNING id`, [client.id]);
    const { rows: nodes } = await db.query(
      `INSERT INTO resources (project_id, name, type, ssh_host, ssh_user, created_at)
       SELECT $1, 'node-' || lpad(g::text, 4, '0'), 'node', '192.0.2.' || g, 'tally', $3::timestamptz
         FROM generate_series(1, $2) g ORDER BY g
       RETURNING id, md5('boot0-' || id)::uuid AS boot0, md5('boot1-' || id)::uuid AS boot1`,
      [project.id, NODES, new Date(END - days * 86_400_000 - SLOT_MS).toISOString()],
    );
    const { rows: measurements } = await db.query(`SELECT id, key FROM measurements WHERE source = 'ssh' ORDER BY id`);
    await db.query(`INSERT INTO resource_measurements (resource_id, measurement_id) SELECT r.id, m.id FROM resources r, measurements m WHERE m.source = 'ssh'`);
    await db.query(`SELECT tally_ensure_sample_partitions($1, $2)`, [new Date(END - days * 86_400_000).toISOString(), new Date(END).toISOString()]);
    const copy = db.query(copyFrom('COPY samples (resource_id, measurement_id, ts, value, boot_id) FROM STDIN'));
    await pipeline(Readable.from(sampleLines(nodes, measurements, days)), copy);
    await db.query('VACUUM (ANALYZE) samples');
    await db.query('ANALYZE');
    const { rows: [n] } = await db.query(`SELECT count(*)::int AS n, count(DISTINCT tableoid)::int AS parts FROM samples`);
    await db.query(`UPDATE clients SET billing_ref = $1 WHERE id = $2`, [MARKER(days), client.id]);
    log(`  ${n.n.toLocaleString('en')} samples in ${n.parts} partition(s), loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await db.end();
  }
}

/** Buffers of a plan node and everything below it (EXPLAIN's JSON gives each node its subtree's total). */
function buffers(plan) {
  return (plan['Shared Hit Blocks'] ?? 0) + (plan['Shared Read Blocks'] ?? 0);
}

async function measure(name) {
  const db = await connect(databaseUrl(PG_URL, name));
  try {
    const { rows: nodes } = await db.query(`SELECT r.id, r.measurement_ids[1] AS series FROM resources r ORDER BY r.name`);
    const ids = nodes.map((n) => n.id);
    const slot = new Date(END);
    const queries = {
      old: [OLD_SQL, [ids, slot.toISOString(), false]],
      new: [READINGS_HISTORY_SQL, readingsHistoryParams(ids, nodes.map((n) => n.series), slot, false)],
    };
    // Same answers from both, or the comparison means nothing.
    const answers = {};
    for (const [k, [sql, params]] of Object.entries(queries)) answers[k] = (await db.query(sql, params)).rows.map((r) => `${r.id}:${r.boot_id}`).join(',');
    if (answers.old !== answers.new) throw new Error(`old and new lookups disagree in ${name}`);
    const out = {};
    for (const [k, [sql, params]] of Object.entries(queries)) {
      const times = [];
      let plan;
      for (let i = 0; i < RUNS + 1; i++) {
        const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params);
        if (i === 0) continue; // warm-up: the first run reads the pages into shared buffers
        plan = rows[0]['QUERY PLAN'][0];
        times.push(plan['Execution Time']);
      }
      out[k] = { ms: median(times), min: Math.min(...times), max: Math.max(...times), buffers: buffers(plan.Plan), plan };
      if (PLANS) {
        const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
        log(`\n--- ${name}, ${k}:\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
      }
    }
    return out;
  } finally {
    await db.end();
  }
}

async function main() {
  log(`bench/history — ${new Date().toISOString()}`);
  log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}; load average ${load()}`);
  const results = [];
  for (const days of DAYS) {
    const name = `tally_bench_history_${days}d`;
    if (RELOAD || !(await ready(name, days))) await build(name, days);
    results.push({ days, ...(await measure(name)) });
  }
  const base = results[0];
  log(`\n${NODES} nodes per lookup; median of ${RUNS} runs after a warm-up; per node; ratio to ${base.days} day(s) of history in brackets`);
  log('history | old ms/node (min–max) | old buffers/node | new ms/node (min–max) | new buffers/node | new/old time');
  for (const r of results) {
    const f = (q) => `${(r[q].ms / NODES).toFixed(3)} (${(r[q].min / NODES).toFixed(3)}–${(r[q].max / NODES).toFixed(3)}) [${(r[q].ms / base[q].ms).toFixed(2)}×]`;
    const b = (q) => `${(r[q].buffers / NODES).toFixed(1)} [${(r[q].buffers / base[q].buffers).toFixed(2)}×]`;
    log(`${String(r.days).padStart(4)} d | ${f('old')} | ${b('old')} | ${f('new')} | ${b('new')} | ${(r.new.ms / r.old.ms).toFixed(3)}`);
  }
  log(`load average at end: ${load()}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
