#!/usr/bin/env node
'use strict';
/**
 * bench/report: the CSV usage report over HTTP against a raw COPY of the same samples.
 *
 *   node bench/report/run.js [--reload] [--runs N] [--explain]      (npm run build first)
 *
 * One client, 1,000 resources × 8 measurements (5 gauges, 3 counters with reboots and a wrap)
 * × 30 days of 30-minute samples = 11.52 M samples in the window, written slot by slot as the
 * collector writes them, across two monthly partitions. The data lives in its own database
 * (BENCH_DB, default tally_bench_report) and is kept between runs; --reload rebuilds it.
 *
 * Measured, alternately, each --runs times (default 3): the built API process answering
 * GET /api/v1/clients/{id}/report?format=csv (whole body read, rows counted and checked), and
 * the baseline `psql -c "COPY (client's samples in the window) TO STDOUT"` (bytes counted,
 * output discarded). Prints best and median of each, the ratio report/COPY (goal ≤ 1.0), the
 * API's peak RSS during the request (goal < 300 MB), and the CPU time of both sides (Postgres
 * backends + API or psql; steadier than wall time on a shared machine). Not part of `npm test`.
 *
 * Environment: BENCH_PG_URL (postgres://postgres@127.0.0.1:5432), BENCH_DB, BENCH_REDIS_URL
 * (redis://127.0.0.1:6379; queue prefix tally-bench-report), BENCH_APP_ROOT (a checkout whose
 * dist/ to run instead of this one's, e.g. a snapshot build of one commit). Needs psql on PATH.
 * experiments.js times variants of the report query on the same data; RESULTS.md has figures.
 */
const { spawn, execFileSync } = require('node:child_process');
const { createHash, randomBytes } = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');
const { watchCpu } = require('./cpu');

const ROOT = path.resolve(__dirname, '../..');
// Another checkout's build can be measured instead (e.g. a snapshot of one commit, or a variant).
const APP_ROOT = path.resolve(process.env.BENCH_APP_ROOT || ROOT);
const API_ENTRY = path.join(APP_ROOT, 'dist/apps/api/src/main.js');
const SQL_ENTRY = path.join(APP_ROOT, 'dist/libs/reports/src/report.sql.js');
const PG_URL = process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432';
const DB = process.env.BENCH_DB || 'tally_bench_report';
const REDIS_URL = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';

const RESOURCES = 1000;
const PROJECTS = 10;
const DAYS = 30;
const SLOTS_PER_DAY = 48;
const FROM = '2026-09-16T00:00:00Z'; // 30 days across the September/October partition boundary
const TO = '2026-10-16T00:00:00Z';
const MEASUREMENTS = ['ganeti.vcpus', 'ganeti.memory', 'ganeti.disk', 'ganeti.running', 'load.1m', 'cpu.busy', 'net.rx', 'net.tx'];
const CLIENT = 'bench-report';
// Stored in clients.billing_ref once the load (and VACUUM ANALYZE) finished; a change here reloads.
const MARKER = `bench-report v1 ${RESOURCES}x${MEASUREMENTS.length}x${DAYS}d from ${FROM}`;
const WINDOW_ROWS = RESOURCES * MEASUREMENTS.length * DAYS * SLOTS_PER_DAY;

const args = process.argv.slice(2);
const opt = {
  reload: args.includes('--reload'),
  explain: args.includes('--explain'),
  runs: Math.max(2, Number(valueOf('--runs') ?? 3)),
};

function valueOf(flag) {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

const dbUrl = (name) => `${PG_URL.replace(/\/+$/, '')}/${name}`;
const log = (...a) => console.log(...a);
const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

async function withClient(url, fn) {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Creates the bench database (dropping it first on --reload or after an interrupted load). */
async function ensureDatabase(drop) {
  await withClient(dbUrl('postgres'), async (c) => {
    if (drop) {
      log(`dropping database ${DB}`);
      await c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    }
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB]);
    if (!rowCount) {
      log(`creating database ${DB}`);
      await c.query(`CREATE DATABASE ${DB}`);
    }
  });
}

/** 'ready' | 'missing' (fresh database or no client) | 'partial' (an interrupted load). */
async function datasetState() {
  return withClient(dbUrl(DB), async (c) => {
    const t = await c.query(`SELECT to_regclass('clients') IS NOT NULL AS ok`);
    if (!t.rows[0].ok) return 'missing';
    const r = await c.query('SELECT billing_ref FROM clients WHERE name = $1', [CLIENT]);
    if (!r.rowCount) return 'missing';
    return r.rows[0].billing_ref === MARKER ? 'ready' : 'partial';
  });
}

/** Each run brings a fresh random admin key; drop the previous runs' bootstrap keys first. */
async function forgetOldAdminKeys() {
  await withClient(dbUrl(DB), async (c) => {
    const t = await c.query(`SELECT to_regclass('api_keys') IS NOT NULL AS ok`);
    if (t.rows[0].ok) await c.query(`DELETE FROM api_keys WHERE name = 'bootstrap admin (TALLY_ADMIN_KEY)'`);
  });
}

/**
 * Server-side generation, one day (48 slots × 8,000 series) per statement in slot order, the
 * way the collector writes. Values (i = resource number, k = slot since FROM, k = −1 is the
 * slot before the window, which gives counters their baseline):
 *   gauges   vcpus 1–8 (+2 mid-window on every 5th), memory, disk, running (0 now and then), load
 *   counters cpu.busy, net.rx, net.tx restart at two reboots (r1, r2: boot id changes);
 *            net.rx also wraps at r3 without a reboot (a negative step with the same boot id).
 */
async function loadDataset() {
  const t0 = Date.now();
  await withClient(dbUrl(DB), async (c) => {
    await c.query(`SET synchronous_commit = off`);
    await c.query(`SET work_mem = '256MB'`);
    await c.query('BEGIN');
    await c.query(`SELECT tally_ensure_sample_partitions('2026-08-01T00:00:00Z', '2026-11-30T00:00:00Z')`);
    const { rows: [client] } = await c.query(`INSERT INTO clients (name, billing_ref) VALUES ($1, 'loading') RETURNING id`, [CLIENT]);
    await c.query(
      `INSERT INTO projects (client_id, name) SELECT $1, 'project-' || lpad(g::text, 2, '0') FROM generate_series(0, $2 - 1) g`,
      [client.id, PROJECTS],
    );
    await c.query(
      `INSERT INTO resources (project_id, name, type, created_at)
       SELECT p.id, 'vm-' || lpad(i::text, 4, '0'), 'ganeti-vm', '2026-09-01T00:00:00Z'
         FROM generate_series(1, $2) i
         JOIN projects p ON p.client_id = $1 AND p.name = 'project-' || lpad(((i - 1) / ($2 / $3))::text, 2, '0')`,
      [client.id, RESOURCES, PROJECTS],
    );
    await c.query(
      `INSERT INTO resource_measurements (resource_id, measurement_id)
       SELECT r.id, m.id FROM resources r JOIN projects p ON p.id = r.project_id, measurements m
        WHERE p.client_id = $1 AND m.key = ANY($2)`,
      [client.id, MEASUREMENTS],
    );
    await c.query(
      `CREATE TEMP TABLE bres AS
       SELECT substr(r.name, 4)::int AS i, r.id,
              md5('boot0-' || r.id)::uuid AS b0, md5('boot1-' || r.id)::uuid AS b1, md5('boot2-' || r.id)::uuid AS b2
         FROM resources r JOIN projects p ON p.id = r.project_id WHERE p.client_id = $1`,
      [client.id],
    );
    await c.query(`ALTER TABLE bres ADD r1 int, ADD r2 int, ADD r3 int`);
    await c.query(`UPDATE bres SET r1 = 200 + i % 500, r2 = 900 + i % 500, r3 = 1200 + i % 200`);
    await c.query(
      `CREATE TEMP TABLE bmeas AS SELECT m.id, array_position($1::text[], m.key) AS code, m.source = 'ssh' AS ssh
         FROM measurements m WHERE m.key = ANY($1)`,
      [MEASUREMENTS],
    );
    const { rows: [n] } = await c.query(`SELECT count(*)::int AS n FROM bmeas`);
    if (n.n !== MEASUREMENTS.length) throw new Error(`expected measurements ${MEASUREMENTS.join(', ')} in the schema`);
    await c.query('COMMIT');

    for (let d = 0; d < DAYS; d++) {
      const t = Date.now();
      const k0 = d === 0 ? -1 : d * SLOTS_PER_DAY;
      const k1 = (d + 1) * SLOTS_PER_DAY - 1;
      const res = await c.query(
        `INSERT INTO samples (resource_id, measurement_id, ts, value, boot_id)
         SELECT r.id, m.id, $1::timestamptz + k * interval '30 minutes',
                CASE m.code
                  WHEN 1 THEN 1 + r.i % 8 + CASE WHEN k >= 720 AND r.i % 5 = 0 THEN 2 ELSE 0 END
                  WHEN 2 THEN 1024.0 * (1 + r.i % 16)
                  WHEN 3 THEN 10240.0 * (1 + r.i % 10)
                  WHEN 4 THEN CASE WHEN (r.i + k) % 97 = 0 THEN 0 ELSE 1 END
                  WHEN 5 THEN ((r.i * 7919 + (k + 1) * 104729) % 1000) / 250.0
                  WHEN 6 THEN (k - seg) * 900.0 * (1 + r.i % 4) + 7
                  WHEN 7 THEN (k - GREATEST(seg, CASE WHEN k >= r.r3 THEN r.r3 ELSE -1000 END)) * 1048576.0 * (1 + r.i % 7)
                  ELSE (k - seg) * 524288.0 * (1 + r.i % 5)
                END::float8,
                CASE WHEN m.ssh THEN CASE WHEN k < r.r1 THEN r.b0 WHEN k < r.r2 THEN r.b1 ELSE r.b2 END END
           FROM generate_series($2::int, $3::int) k
          CROSS JOIN bres r
          CROSS JOIN bmeas m
          CROSS JOIN LATERAL (SELECT CASE WHEN k < r.r1 THEN -100 WHEN k < r.r2 THEN r.r1 ELSE r.r2 END AS seg) s
          ORDER BY k, r.i, m.id`,
        [FROM, k0, k1],
      );
      log(`  day ${String(d + 1).padStart(2)}/${DAYS}: ${res.rowCount} samples in ${sec(Date.now() - t)}`);
    }
    let t = Date.now();
    await c.query('VACUUM (ANALYZE) samples');
    await c.query('ANALYZE clients, projects, resources, resource_measurements, measurements');
    log(`  VACUUM ANALYZE in ${sec(Date.now() - t)}`);
    await c.query('UPDATE clients SET billing_ref = $1 WHERE id = $2', [MARKER, client.id]);
  });
  log(`loaded in ${sec(Date.now() - t0)}`);
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

/** The built API on a free port against the bench database; `extraEnv` adds settings (bench/contention). */
async function startApi(extraEnv = {}) {
  if (!fs.existsSync(API_ENTRY)) throw new Error(`${API_ENTRY} is missing: run "npm run build" first`);
  const port = await freePort();
  const adminKey = `tally_${randomBytes(32).toString('base64url')}`;
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    DATABASE_URL: dbUrl(DB),
    REDIS_URL,
    TALLY_QUEUE_PREFIX: 'tally-bench-report',
    PORT: String(port),
    HOST: '127.0.0.1',
    TALLY_SECRET_KEYS: `1:${randomBytes(32).toString('base64')}`,
    TALLY_ADMIN_KEY: adminKey,
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  const child = spawn(process.execPath, [API_ENTRY], { cwd: APP_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited (${child.exitCode}) while starting:\n${out}`);
    if (Date.now() - started > 60_000) throw new Error(`API not ready after 60 s:\n${out}`);
    const ok = await fetch(`${base}/health/ready`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    child,
    base,
    adminKey,
    output: () => out,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

function procStatus(pid) {
  const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number((new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(text) || [])[1] || 0);
  return { rss: kb('VmRSS') * 1024, hwm: kb('VmHWM') * 1024 };
}

/** Resets VmHWM to the current RSS (Linux ≥ 4.0), so it then holds this request's peak. */
function resetPeak(pid) {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** One GET of the CSV: the whole body read, bytes and CRLF rows counted, line rows checked. */
async function fetchReport(api, clientId, monitor) {
  const cpu = await watchCpu(monitor, DB, [api.child.pid]);
  const r = await getReport(api, clientId);
  const { backendMs, extraMs } = await cpu.stop();
  return { ...r, pgCpuMs: backendMs, apiCpuMs: extraMs };
}

function getReport(api, clientId) {
  const pid = api.child.pid;
  const hwmReset = resetPeak(pid);
  const before = procStatus(pid);
  let peakPolled = before.rss;
  const poll = setInterval(() => {
    try {
      peakPolled = Math.max(peakPolled, procStatus(pid).rss);
    } catch {}
  }, 10);
  const url = `${api.base}/api/v1/clients/${clientId}/report?format=csv&from=${encodeURIComponent(FROM)}&to=${encodeURIComponent(TO)}`;
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { Authorization: `Bearer ${api.adminKey}` } }, (res) => {
      let ttfb = null;
      let bytes = 0;
      let rows = 0;
      let tail = '';
      let lineRows = 0;
      let sampleSum = 0;
      let badLines = 0;
      const chunks = res.statusCode === 200 ? null : [];
      res.on('data', (buf) => {
        if (ttfb === null) ttfb = Number(process.hrtime.bigint() - t0) / 1e6;
        bytes += buf.length;
        if (chunks) return void chunks.push(buf);
        // The report is small (~2 MB); parse it to check completeness: every line row has all samples.
        const text = tail + buf.toString('utf8');
        const parts = text.split('\r\n');
        tail = parts.pop();
        rows += parts.length;
        for (const row of parts) {
          if (!row.startsWith('"line"')) continue;
          lineRows++;
          const samples = Number(row.split(',')[12]); // row_type first, then REPORT_COLUMNS: samples is the 12th
          sampleSum += samples;
          if (samples !== DAYS * SLOTS_PER_DAY) badLines++;
        }
      });
      res.on('end', () => {
        clearInterval(poll);
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (chunks) return reject(new Error(`report answered ${res.statusCode}: ${Buffer.concat(chunks).toString().slice(0, 500)}`));
        if (tail.length) rows++;
        const after = procStatus(pid);
        resolve({
          ms,
          ttfb,
          bytes,
          rows,
          lineRows,
          sampleSum,
          badLines,
          status: res.headers['x-report-status'],
          rssBefore: before.rss,
          peakRss: Math.max(peakPolled, hwmReset ? after.hwm : 0),
          peakSource: hwmReset ? 'VmHWM (reset before the request)' : 'VmRSS polled every 10 ms',
        });
      });
      res.on('error', reject);
    });
    req.on('error', (e) => {
      clearInterval(poll);
      reject(e);
    });
  });
}

const COPY_SQL = (clientId) => `COPY (
  SELECT s.resource_id, s.measurement_id, s.ts, s.value, s.boot_id
    FROM samples s
    JOIN resources r ON r.id = s.resource_id
    JOIN projects p ON p.id = r.project_id
   WHERE p.client_id = '${clientId}' AND s.ts >= '${FROM}' AND s.ts < '${TO}'
) TO STDOUT`;

/** The baseline: psql streams the raw samples out; only the byte count is kept. */
async function copyRun(clientId, monitor) {
  const cpu = await watchCpu(monitor, DB);
  const r = await psqlCopy(clientId, (pid) => cpu.add(pid));
  const { backendMs, extraMs } = await cpu.stop();
  return { ...r, pgCpuMs: backendMs, psqlCpuMs: extraMs };
}

function psqlCopy(clientId, started) {
  const u = new URL(dbUrl(DB));
  const psqlArgs = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres'), '-d', DB, '-c', COPY_SQL(clientId)];
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn('psql', psqlArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
    started(child.pid);
    let bytes = 0;
    let err = '';
    child.stdout.on('data', (b) => (bytes += b.length));
    child.stderr.on('data', (b) => (err += b));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) reject(new Error(`psql exited ${code}: ${err}`));
      else resolve({ ms, bytes });
    });
  });
}

async function explain(clientId) {
  const { REPORT_SQL, reportSqlParams } = require(SQL_ENTRY);
  await withClient(dbUrl(DB), async (c) => {
    for (const [title, sql, params] of [
      [`report SQL (${SQL_ENTRY})`, REPORT_SQL, reportSqlParams(clientId, new Date(FROM), new Date(TO), 1_800_000)],
      ['baseline COPY query', COPY_SQL(clientId).replace(/^COPY \(|\) TO STDOUT$/g, ''), []],
    ]) {
      const { rows } = await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      log(`\n--- EXPLAIN ANALYZE: ${title}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    }
  });
}

function machine() {
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  let pg = 'unknown';
  try {
    pg = execFileSync('psql', ['-X', '-At', '-d', dbUrl('postgres'), '-c', 'SHOW server_version'], { encoding: 'utf8' }).trim();
  } catch {}
  let git = 'unknown';
  try {
    git = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {}
  const sqlHash = createHash('sha256').update(fs.readFileSync(SQL_ENTRY)).digest('hex').slice(0, 12);
  return { cpu, nproc: os.cpus().length, ramGiB: (os.totalmem() / 2 ** 30).toFixed(1), node: process.version, pg, git, sqlHash };
}

async function main() {
  const m = machine();
  log(`bench/report — ${new Date().toISOString()}`);
  log(`machine: ${m.nproc} × ${m.cpu}, ${m.ramGiB} GiB RAM, Node ${m.node}, PostgreSQL ${m.pg}`);
  log(`code: HEAD ${m.git}; API ${API_ENTRY}; report.sql.js sha256 ${m.sqlHash}`);
  log(`load average at start: ${load()}`);

  await ensureDatabase(opt.reload);
  let state = await datasetState();
  if (state === 'partial') {
    log('an earlier load did not finish: rebuilding');
    await ensureDatabase(true);
    state = 'missing';
  }
  await forgetOldAdminKeys();
  const api = await startApi(); // runs the migrations on a fresh database
  try {
    if (state !== 'ready') {
      log(`loading ${WINDOW_ROWS.toLocaleString('en')} samples (+ one slot before the window) into ${DB}`);
      await loadDataset();
    } else {
      log(`dataset present in ${DB} (use --reload to rebuild)`);
    }
    const clientId = await withClient(dbUrl(DB), async (c) => (await c.query('SELECT id FROM clients WHERE name = $1', [CLIENT])).rows[0].id);
    const copyRows = await withClient(dbUrl(DB), async (c) => {
      const r = await c.query(
        `SELECT count(*)::int AS n FROM samples s JOIN resources r ON r.id = s.resource_id JOIN projects p ON p.id = r.project_id
          WHERE p.client_id = $1 AND s.ts >= $2 AND s.ts < $3`,
        [clientId, FROM, TO],
      );
      return r.rows[0].n;
    });
    log(`window [${FROM}, ${TO}): ${copyRows.toLocaleString('en')} samples of client ${clientId}`);
    const extraIndexes = await withClient(dbUrl(DB), async (c) =>
      (await c.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'samples' AND indexname <> 'samples_pkey'`)).rows.map((r) => r.indexname),
    );
    if (extraIndexes.length) log(`NOTE: samples has indexes the migrations do not make (experiments.js --drop-covering): ${extraIndexes.join(', ')}`);
    if (opt.explain) await explain(clientId);

    const reports = [];
    const copies = [];
    const monitor = new Client({ connectionString: dbUrl(DB) });
    await monitor.connect();
    try {
      for (let i = 1; i <= opt.runs; i++) {
        const c = await copyRun(clientId, monitor);
        copies.push(c);
        log(`run ${i}: COPY   ${sec(c.ms).padStart(9)}  ${(c.bytes / 1e6).toFixed(1)} MB; CPU: Postgres ${sec(c.pgCpuMs)}, psql ${sec(c.psqlCpuMs)}; load ${load()}`);
        const r = await fetchReport(api, clientId, monitor);
        reports.push(r);
        log(
          `run ${i}: report ${sec(r.ms).padStart(9)}  first byte ${sec(r.ttfb)}, ${(r.bytes / 1e6).toFixed(2)} MB, ${r.rows} rows ` +
            `(${r.lineRows} lines, Σ samples ${r.sampleSum.toLocaleString('en')}), peak RSS ${(r.peakRss / 2 ** 20).toFixed(0)} MB ` +
            `(before ${(r.rssBefore / 2 ** 20).toFixed(0)} MB), status ${r.status}; CPU: Postgres ${sec(r.pgCpuMs)}, API ${sec(r.apiCpuMs)}; load ${load()}`,
        );
      if (r.lineRows !== RESOURCES * MEASUREMENTS.length || r.badLines || r.sampleSum !== copyRows) {
          throw new Error(`incomplete report: ${r.lineRows} line rows, ${r.badLines} with missing samples, Σ samples ${r.sampleSum} ≠ ${copyRows}`);
        }
      }
    } finally {
      await monitor.end();
    }
    const rMed = median(reports.map((r) => r.ms));
    const cMed = median(copies.map((c) => c.ms));
    const rBest = Math.min(...reports.map((r) => r.ms));
    const cBest = Math.min(...copies.map((c) => c.ms));
    const peak = Math.max(...reports.map((r) => r.peakRss)) / 2 ** 20;
    log('');
    log(`report (CSV over HTTP)  median ${sec(rMed)}, best ${sec(rBest)}  (${reports[0].rows} rows, ${(reports[0].bytes / 1e6).toFixed(2)} MB)`);
    log(`COPY baseline (psql)    median ${sec(cMed)}, best ${sec(cBest)}  (${copyRows.toLocaleString('en')} rows, ${(copies[0].bytes / 1e6).toFixed(1)} MB)`);
    log(`ratio report/COPY       median ${(rMed / cMed).toFixed(2)}, best ${(rBest / cBest).toFixed(2)}  (goal ≤ 1.0)`);
    const rCpu = median(reports.map((r) => r.pgCpuMs + r.apiCpuMs));
    const cCpu = median(copies.map((c) => c.pgCpuMs + c.psqlCpuMs));
    log(`CPU time (median)       report ${sec(rCpu)} (Postgres ${sec(median(reports.map((r) => r.pgCpuMs)))} + API ${sec(median(reports.map((r) => r.apiCpuMs)))}), ` +
      `COPY ${sec(cCpu)} (Postgres ${sec(median(copies.map((c) => c.pgCpuMs)))} + psql ${sec(median(copies.map((c) => c.psqlCpuMs)))}); ratio ${(rCpu / cCpu).toFixed(2)}`);
    log(`API peak RSS            ${peak.toFixed(0)} MB  (goal < 300 MB; ${reports[0].peakSource})`);
    log(`load average at end: ${load()}`);
  } catch (e) {
    const out = api.output();
    if (out) console.error(`API output:\n${out.slice(-4000)}`);
    throw e;
  } finally {
    await api.stop();
  }
}

// bench/contention reuses the data set and the API launcher.
module.exports = {
  CLIENT, FROM, TO, RESOURCES, MEASUREMENTS, DAYS, SLOTS_PER_DAY, DB,
  dbUrl, withClient, ensureDatabase, datasetState, forgetOldAdminKeys, loadDataset, startApi,
};

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
