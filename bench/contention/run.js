#!/usr/bin/env node
'use strict';
/**
 * bench/contention: do reports starve the API? N concurrent 30-day reports of a 1,000-resource
 * client while a load generator calls GET /api/v1/clients and /health/ready.
 *
 *   npm run build && node bench/contention/run.js [--sizes 2,4,8] [--window-days 30] [--pool 10]
 *                                                  [--idle-seconds 15] [--reload]
 *
 * Data: bench/report's data set (database tally_bench_report, loaded on first use, ≈ 2.5 min;
 * 1,000 resources × 8 measurements × 30 days = 11.52 M samples), through its loader.
 * The built API runs with DATABASE_POOL_SIZE=--pool and TALLY_REPORT_QUEUE_TIMEOUT_MS=600000,
 * so every report waits its turn rather than getting a 503 (other TALLY_REPORT_* variables in
 * the environment pass through). For each size N, in the same run:
 *   idle    the load generator alone for --idle-seconds: the baseline;
 *   loaded  N reports at once (CSV, whole body read and checked: 8,000 lines, every sample),
 *           the load generator running until the last one is done.
 * The load generator: two loops of GET /api/v1/clients?limit=20 and one of GET /health/ready,
 * each request followed by a 20 ms pause. Printed per phase: p50, p99 and max of each, the
 * ratio loaded/idle, every health answer that was not 200 (goal: none) and how many said
 * `busy`. Goals: /health/ready always 200, GET /clients p99 < 200 ms under load.
 * Environment: as bench/report (BENCH_PG_URL, BENCH_DB, BENCH_REDIS_URL). Not part of `npm test`.
 */
const os = require('node:os');
const http = require('node:http');
const report = require('../report/run.js');

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const SIZES = flag('--sizes', '2,4,8').split(',').map(Number);
const WINDOW_DAYS = Math.min(report.DAYS, Number(flag('--window-days', report.DAYS)));
const POOL = flag('--pool', '10');
const IDLE_MS = Number(flag('--idle-seconds', 15)) * 1000;
const PAUSE_MS = 20;
const FROM = report.FROM;
const TO = new Date(Date.parse(FROM) + WINDOW_DAYS * 86_400_000).toISOString();

const log = (...a) => console.log(...a);
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function get(url, headers = {}) {
  const t0 = process.hrtime.bigint();
  return new Promise((resolve) => {
    const req = http.get(url, { agent, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, status: res.statusCode, body }));
      res.on('error', (e) => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, status: 0, body: String(e) }));
    });
    req.on('error', (e) => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, status: 0, body: String(e) }));
  });
}

/** Closed-loop load: each loop sends a request, waits for the answer and PAUSE_MS, until stopped. */
function loadGenerator(api) {
  const samples = { clients: [], health: [] };
  let running = true;
  const loop = async (kind, url, headers) => {
    while (running) {
      const r = await get(url, headers);
      let state;
      if (kind === 'health') {
        try {
          state = JSON.parse(r.body).status;
        } catch {}
      }
      samples[kind].push({ ms: r.ms, status: r.status, state, at: Date.now(), body: r.status === 200 ? undefined : r.body.slice(0, 300) });
      await new Promise((res) => setTimeout(res, PAUSE_MS));
    }
  };
  const auth = { Authorization: `Bearer ${api.adminKey}` };
  const loops = [
    loop('clients', `${api.base}/api/v1/clients?limit=20`, auth),
    loop('clients', `${api.base}/api/v1/clients?limit=20`, auth),
    loop('health', `${api.base}/health/ready`, {}),
  ];
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      return samples;
    },
  };
}

function percentile(xs, p) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

function stats(list) {
  const ms = list.map((s) => s.ms);
  return { n: list.length, p50: percentile(ms, 50), p99: percentile(ms, 99), max: Math.max(...ms), failed: list.filter((s) => s.status !== 200) };
}

/** One CSV report, read whole; checks every line is there with all its samples. */
function fetchReport(api, clientId) {
  const url = `${api.base}/api/v1/clients/${clientId}/report?format=csv&from=${encodeURIComponent(FROM)}&to=${encodeURIComponent(TO)}`;
  const t0 = process.hrtime.bigint();
  const since = () => Number(process.hrtime.bigint() - t0) / 1e6;
  return new Promise((resolve) => {
    const req = http.get(url, { headers: { Authorization: `Bearer ${api.adminKey}` } }, (res) => {
      let ttfb = null;
      let tail = '';
      let lines = 0;
      let complete = 0;
      let error = '';
      res.on('data', (buf) => {
        ttfb ??= since();
        if (res.statusCode !== 200) return void (error += buf);
        const parts = (tail + buf.toString('utf8')).split('\r\n');
        tail = parts.pop();
        for (const row of parts) {
          if (!row.startsWith('"line"')) continue;
          lines++;
          if (Number(row.split(',')[12]) === WINDOW_DAYS * report.SLOTS_PER_DAY) complete++;
        }
      });
      res.on('end', () => resolve({ status: res.statusCode, ms: since(), ttfb, lines, complete, error: error.slice(0, 300) }));
      res.on('error', (e) => resolve({ status: 0, ms: since(), ttfb, lines, complete, error: String(e) }));
    });
    req.on('error', (e) => resolve({ status: 0, ms: since(), ttfb: null, lines: 0, complete: 0, error: String(e) }));
  });
}

const f = (x) => (Number.isFinite(x) ? x.toFixed(1) : '—');

function describe(phase, s) {
  const c = stats(s.clients);
  const h = stats(s.health);
  const busy = s.health.filter((x) => x.state === 'busy').length;
  log(
    `  ${phase.padEnd(6)} GET /clients n=${c.n} p50 ${f(c.p50)} ms p99 ${f(c.p99)} ms max ${f(c.max)} ms, non-200 ${c.failed.length}; ` +
      `/health/ready n=${h.n} p50 ${f(h.p50)} ms p99 ${f(h.p99)} ms max ${f(h.max)} ms, non-200 ${h.failed.length}, busy ${busy}`,
  );
  for (const x of [...c.failed, ...h.failed].slice(0, 5)) log(`    ! ${x.status} ${x.body}`);
  return { c, h, busy };
}

async function main() {
  log(`bench/contention — ${new Date().toISOString()}`);
  log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}; load average ${load()}`);
  log(`reports: ${WINDOW_DAYS}-day window [${FROM}, ${TO}), sizes ${SIZES.join(', ')}; DATABASE_POOL_SIZE=${POOL}`);

  await report.ensureDatabase(args.includes('--reload'));
  let state = await report.datasetState();
  if (state === 'partial') {
    await report.ensureDatabase(true);
    state = 'missing';
  }
  await report.forgetOldAdminKeys();
  const passed = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('TALLY_REPORT_')));
  const api = await report.startApi({ DATABASE_POOL_SIZE: POOL, TALLY_REPORT_QUEUE_TIMEOUT_MS: '600000', ...passed });
  const rows = [];
  try {
    if (state !== 'ready') await report.loadDataset();
    const clientId = await report.withClient(report.dbUrl(report.DB), async (c) => (await c.query('SELECT id FROM clients WHERE name = $1', [report.CLIENT])).rows[0].id);
    const ready = JSON.parse((await get(`${api.base}/health/ready`)).body);
    log(`API: pool ${ready.checks?.postgres?.pool?.size ?? POOL}, report connections ${ready.checks?.postgres?.reports?.size ?? "unbounded (a build before the share)"}${Object.keys(passed).length ? ` (${JSON.stringify(passed)})` : ''}`);

    for (const size of SIZES) {
      log(`\n${size} concurrent reports — load average ${load()}`);
      let gen = loadGenerator(api);
      await new Promise((r) => setTimeout(r, IDLE_MS));
      const idle = describe('idle', await gen.stop());

      const loadStart = load();
      gen = loadGenerator(api);
      const t0 = Date.now();
      const reports = await Promise.all(Array.from({ length: size }, () => fetchReport(api, clientId)));
      const loaded = describe('loaded', await gen.stop());
      const expectedLines = report.RESOURCES * report.MEASUREMENTS.length;
      for (const r of reports) {
        if (r.status !== 200 || r.lines !== expectedLines || r.complete !== expectedLines) {
          log(`    ! report ${r.status}: ${r.lines} lines, ${r.complete} complete ${r.error}`);
        }
      }
      const ok = reports.filter((r) => r.status === 200 && r.complete === expectedLines).length;
      const ttfb = reports.map((r) => r.ttfb ?? NaN);
      log(
        `  reports: ${ok}/${size} complete in ${((Date.now() - t0) / 1000).toFixed(1)} s; each ${f(Math.min(...reports.map((r) => r.ms)) / 1000)}–${f(Math.max(...reports.map((r) => r.ms)) / 1000)} s, ` +
          `first byte after ${f(Math.min(...ttfb) / 1000)}–${f(Math.max(...ttfb) / 1000)} s; load average ${loadStart} → ${load()}`,
      );
      log(`  ratio loaded/idle GET /clients: p50 ${(loaded.c.p50 / idle.c.p50).toFixed(2)}, p99 ${(loaded.c.p99 / idle.c.p99).toFixed(2)}`);
      rows.push({ size, idle, loaded, ok, seconds: (Date.now() - t0) / 1000, loadEnd: load() });
    }
  } catch (e) {
    console.error(`API output:\n${api.output().slice(-4000)}`);
    throw e;
  } finally {
    await api.stop();
    agent.destroy();
  }

  log('\nsize | GET /clients p50 idle → loaded (ms) | p99 idle → loaded (ms) | p99 ratio | max loaded | health non-200 | health busy | reports ok | wall | load avg at end');
  for (const r of rows) {
    log(
      `${String(r.size).padStart(4)} | ${f(r.idle.c.p50)} → ${f(r.loaded.c.p50)} | ${f(r.idle.c.p99)} → ${f(r.loaded.c.p99)} | ${(r.loaded.c.p99 / r.idle.c.p99).toFixed(2)} | ` +
        `${f(r.loaded.c.max)} | ${r.idle.h.failed.length + r.loaded.h.failed.length} | ${r.loaded.busy}/${r.loaded.h.n} | ${r.ok}/${r.size} | ${r.seconds.toFixed(0)} s | ${r.loadEnd}`,
    );
  }
  const met = rows.every((r) => r.idle.h.failed.length + r.loaded.h.failed.length === 0 && r.loaded.c.failed.length === 0 && r.loaded.c.p99 < 200);
  log(`goal (/health/ready always 200, GET /clients p99 < 200 ms under load): ${met ? 'met' : 'NOT met'}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
