#!/usr/bin/env node
'use strict';
/**
 * bench/corrections: a 1,000,000-sample NDJSON correction through the built API, against a
 * raw COPY of the same rows into samples.
 *
 *   node bench/corrections/run.js [--samples N] [--runs N]      (npm run build first)
 *
 * 100 resources × 10,000 one-minute samples of memory.used in March 2026 (a closed month), in
 * its own database (tally_bench_corrections, recreated each run). Each run, alternately:
 *   - backfill: POST /api/v1/corrections as NDJSON, streamed from a generator (the body is
 *     never in this process's memory either), into samples that do not exist yet;
 *   - rewrite: the same million again with every value changed (updates, each before value
 *     recorded);
 *   - baseline: COPY of the same rows into samples (pg-copy-streams), the floor of any write.
 * The samples are deleted between runs. Prints each time, the ratios backfill/COPY and
 * rewrite/COPY, and the API's RSS before and at its peak during each request (VmHWM reset
 * before the request, and VmRSS polled every 10 ms). Not part of `npm test`.
 *
 * Environment: BENCH_PG_URL (postgres://postgres@127.0.0.1:5432), BENCH_REDIS_URL
 * (redis://127.0.0.1:6379). Results: bench/corrections/RESULTS.md.
 */
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { Readable } = require('node:stream');
const { pipeline } = require('node:stream/promises');
const { Client } = require('pg');
const { from: copyFrom } = require('pg-copy-streams');
const { recreateDatabase, dropDatabase, databaseUrl } = require('../precache/lib/database');

const ROOT = path.resolve(__dirname, '../..');
const API_ENTRY = path.join(ROOT, 'dist/apps/api/src/main.js');
const PG_URL = process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';
const DB = 'tally_bench_corrections';
const RESOURCES = 100;
const START = Date.UTC(2026, 2, 1);

const args = process.argv.slice(2);
const valueOf = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
const SAMPLES = Number(valueOf('--samples') ?? 1_000_000);
const RUNS = Number(valueOf('--runs') ?? 3);
const PER_RESOURCE = Math.ceil(SAMPLES / RESOURCES);

const log = (...a) => console.log(...a);
const phases = [];
const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

/** The rows, in one order for both sides: resource by resource, minute by minute. */
function* rows(resources, offset) {
  for (let i = 0; i < SAMPLES; i++) {
    const r = resources[i % RESOURCES];
    const k = Math.floor(i / RESOURCES);
    yield [r, new Date(START + k * 60_000).toISOString(), 1e9 + i + offset];
  }
}

function ndjson(resources, offset, reason) {
  return Readable.from((function* () {
    yield `${JSON.stringify({ reason })}\n`;
    let piece = '';
    let n = 0;
    for (const [resourceId, ts, value] of rows(resources, offset)) {
      piece += `{"resourceId":"${resourceId}","measurement":"memory.used","ts":"${ts}","value":${value}}\n`;
      if (++n % 2000 === 0) {
        yield piece;
        piece = '';
      }
    }
    if (piece) yield piece;
  })());
}

function procStatus(pid) {
  const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number((new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(text) || [])[1] || 0) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** POSTs a streamed NDJSON body; returns time, status and the API's memory during it. */
async function correct(api, body) {
  const pid = api.child.pid;
  let hwmReset = true;
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    hwmReset = false;
  }
  const before = procStatus(pid).rss;
  let polled = before;
  const poll = setInterval(() => {
    try {
      polled = Math.max(polled, procStatus(pid).rss);
    } catch {}
  }, 10);
  const t0 = Date.now();
  try {
    const { status, text } = await new Promise((resolve, reject) => {
      const req = http.request(`${api.base}/api/v1/corrections`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${api.adminKey}`, 'Content-Type': 'application/x-ndjson' },
      }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode, text }));
      });
      req.on('error', reject);
      body.pipe(req);
    });
    const ms = Date.now() - t0;
    const peak = Math.max(polled, hwmReset ? procStatus(pid).hwm : 0);
    if (status !== 201) throw new Error(`correction answered ${status}: ${text.slice(0, 500)}`);
    return { ms, before, peak, result: JSON.parse(text) };
  } finally {
    clearInterval(poll);
  }
}

async function copyBaseline(db, resources) {
  const measurement = (await db.query(`SELECT id FROM measurements WHERE key = 'memory.used'`)).rows[0].id;
  const t0 = Date.now();
  const stream = db.query(copyFrom('COPY samples (resource_id, measurement_id, ts, value) FROM STDIN'));
  await pipeline(Readable.from((function* () {
    let piece = '';
    let n = 0;
    for (const [r, ts, v] of rows(resources, 0)) {
      piece += `${r}\t${measurement}\t${ts}\t${v}\n`;
      if (++n % 5000 === 0) {
        yield piece;
        piece = '';
      }
    }
    if (piece) yield piece;
  })()), stream);
  return Date.now() - t0;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function startApi(url) {
  if (!fs.existsSync(API_ENTRY)) throw new Error(`${API_ENTRY} is missing: run "npm run build" first`);
  const port = await freePort();
  const adminKey = `tally_${randomBytes(32).toString('base64url')}`;
  const env = {
    PATH: process.env.PATH, NODE_ENV: 'production', DATABASE_URL: url, REDIS_URL, TALLY_QUEUE_PREFIX: 'tally-bench-corrections',
    PORT: String(port), HOST: '127.0.0.1', TALLY_SECRET_KEYS: `1:${randomBytes(32).toString('base64')}`, TALLY_ADMIN_KEY: adminKey, LOG_LEVEL: 'info',
  };
  const child = spawn(process.execPath, [API_ENTRY], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
    // The API's own account of each correction: where its time went.
    for (const line of String(d).split('\n')) if (line.includes('correction applied')) phases.push(JSON.parse(line));
  });
  child.stderr.on('data', (d) => (out += d));
  const base = `http://127.0.0.1:${port}`;
  for (const started = Date.now(); ;) {
    if (child.exitCode !== null) throw new Error(`API exited (${child.exitCode}):\n${out}`);
    if (Date.now() - started > 60_000) throw new Error(`API not ready after 60 s:\n${out}`);
    if (await fetch(`${base}/health/ready`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const exited = new Promise((r) => child.on('exit', r));
  return { child, base, adminKey, stop: async () => { child.kill('SIGTERM'); await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]); } };
}

async function main() {
  log(`bench/corrections: ${SAMPLES.toLocaleString('en')} samples (${RESOURCES} resources × ${PER_RESOURCE} minutes), ${RUNS} runs`);
  log(`machine: ${os.cpus().length} × ${os.cpus()[0].model}, ${mb(os.totalmem())} RAM, node ${process.version}; load ${load()}`);
  await recreateDatabase(PG_URL, DB);
  const url = databaseUrl(PG_URL, DB);
  const db = new Client({ connectionString: url });
  await db.connect();
  let api;
  try {
    const { rows: [client] } = await db.query(`INSERT INTO clients (name) VALUES ('bench-corrections') RETURNING id`);
    const { rows: [project] } = await db.query(`INSERT INTO projects (client_id, name) VALUES ($1, 'p') RETURNING id`, [client.id]);
    const resources = (await db.query(
      `INSERT INTO resources (project_id, name, type) SELECT $1, 'db-' || i, 'database' FROM generate_series(1, $2) i RETURNING id`,
      [project.id, RESOURCES],
    )).rows.map((r) => r.id);
    await db.query(`SELECT tally_ensure_sample_partitions($1, $2)`, [new Date(START).toISOString(), new Date(START + PER_RESOURCE * 60_000).toISOString()]);
    api = await startApi(url);
    const results = { backfill: [], rewrite: [], copy: [], peak: [], before: [] };
    const clear = () => db.query(`DELETE FROM samples WHERE resource_id = ANY($1::uuid[])`, [resources]).then(() => db.query('VACUUM ANALYZE samples'));
    for (let run = 1; run <= RUNS; run++) {
      await clear();
      const copyMs = await copyBaseline(db, resources);
      await clear();
      const backfill = await correct(api, ndjson(resources, 0, `bench backfill ${run}`));
      const rewrite = await correct(api, ndjson(resources, 7, `bench rewrite ${run}`));
      if (backfill.result.items.inserted !== SAMPLES || rewrite.result.items.updated !== SAMPLES) {
        throw new Error(`unexpected counts: ${JSON.stringify([backfill.result.items, rewrite.result.items])}`);
      }
      results.copy.push(copyMs);
      results.backfill.push(backfill.ms);
      results.rewrite.push(rewrite.ms);
      results.before.push(backfill.before, rewrite.before);
      results.peak.push(backfill.peak, rewrite.peak);
      const split = (p) => (p ? ` [stream+stage ${sec(p.stageMs)}, check ${sec(p.checkMs)}, apply+record ${sec(p.applyMs)}]` : '');
      const [pb, pr] = phases.slice(-2);
      log(`run ${run}: COPY ${sec(copyMs)}; backfill ${sec(backfill.ms)}${split(pb)} (RSS ${mb(backfill.before)} → peak ${mb(backfill.peak)}); `
        + `rewrite ${sec(rewrite.ms)}${split(pr)} (RSS ${mb(rewrite.before)} → peak ${mb(rewrite.peak)}); load ${load()}`);
    }
    const m = (k) => median(results[k]);
    log('');
    log(`COPY baseline        median ${sec(m('copy'))}  range ${sec(Math.min(...results.copy))}–${sec(Math.max(...results.copy))}`);
    log(`backfill (inserts)   median ${sec(m('backfill'))}  range ${sec(Math.min(...results.backfill))}–${sec(Math.max(...results.backfill))}  ratio ${(m('backfill') / m('copy')).toFixed(2)} × COPY`);
    log(`rewrite (updates)    median ${sec(m('rewrite'))}  range ${sec(Math.min(...results.rewrite))}–${sec(Math.max(...results.rewrite))}  ratio ${(m('rewrite') / m('copy')).toFixed(2)} × COPY`);
    log(`API RSS              before ${mb(Math.min(...results.before))}–${mb(Math.max(...results.before))}, peak ${mb(Math.min(...results.peak))}–${mb(Math.max(...results.peak))}`);
  } finally {
    await api?.stop();
    await db.end();
    await dropDatabase(PG_URL, DB);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
