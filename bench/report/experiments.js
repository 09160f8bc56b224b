#!/usr/bin/env node
'use strict';
/**
 * Variants of the report query, timed the way ReportService runs it (BEGIN READ ONLY, DECLARE
 * CURSOR, FETCH 1000 until done) against the bench database that run.js loads, alternating with
 * the psql COPY baseline so machine load hits both sides alike. Every variant's rows are checked
 * against the unmodified query's. Not part of `npm test`; touches nothing outside its database
 * except for the optional covering index (--covering creates it, --drop-covering removes it).
 *
 *   node bench/report/experiments.js [--runs N] [--only name,name] [--covering] [--drop-covering]
 */
const { spawn } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');
const { watchCpu } = require('./cpu');

const ROOT = path.resolve(__dirname, '../..');
const APP_ROOT = path.resolve(process.env.BENCH_APP_ROOT || ROOT);
const { REPORT_SQL, reportSqlParams } = require(path.join(APP_ROOT, 'dist/libs/reports/src/report.sql.js'));
const PG_URL = process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432';
const DB = process.env.BENCH_DB || 'tally_bench_report';
const FROM = '2026-09-16T00:00:00Z';
const TO = '2026-10-16T00:00:00Z';
const FETCH = 1000;

const args = process.argv.slice(2);
const valueOf = (f) => (args.includes(f) ? args[args.indexOf(f) + 1] : undefined);
const runs = Number(valueOf('--runs') ?? 2);
const only = valueOf('--only')?.split(',');
const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/**
 * With the covering index present (--covering), `enable_indexonlyscan = off` gives back the
 * plan the schema has today (bitmap scan of the primary key, heap visits, a sort per resource),
 * so both sides are measured on the same data in the same run.
 */
const NO_IOS = 'SET LOCAL enable_indexonlyscan = off';
const VARIANTS = {
  current: { settings: [NO_IOS], sql: REPORT_SQL },
  'jit-off': { settings: [NO_IOS, 'SET LOCAL jit = off'], sql: REPORT_SQL },
  covering: { settings: [], sql: REPORT_SQL },
  'covering+jit-off': { settings: ['SET LOCAL jit = off'], sql: REPORT_SQL },
  'no-bitmap+jit-off': { settings: [NO_IOS, 'SET LOCAL enable_bitmapscan = off', 'SET LOCAL jit = off'], sql: REPORT_SQL },
};

async function cursorRun(c, v, params, monitor) {
  const cpu = await watchCpu(monitor, DB);
  const r = await cursorRunTimed(c, v, params);
  return { ...r, cpuMs: (await cpu.stop()).backendMs };
}

async function cursorRunTimed(c, v, params) {
  const t0 = process.hrtime.bigint();
  const rows = [];
  await c.query('BEGIN READ ONLY');
  try {
    for (const s of v.settings) await c.query(s);
    await c.query(`DECLARE report_lines NO SCROLL CURSOR FOR ${v.sql}`, params);
    for (;;) {
      const { rows: batch } = await c.query(`FETCH ${FETCH} FROM report_lines`);
      rows.push(...batch);
      if (batch.length < FETCH) break;
    }
  } finally {
    await c.query('ROLLBACK');
  }
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, rows };
}

async function copyRun(clientId, monitor) {
  const cpu = await watchCpu(monitor, DB);
  const r = await psqlCopy(clientId, (pid) => cpu.add(pid));
  const { backendMs, extraMs } = await cpu.stop();
  return { ...r, cpuMs: backendMs + extraMs };
}

function psqlCopy(clientId, started) {
  const sql = `COPY (SELECT s.resource_id, s.measurement_id, s.ts, s.value, s.boot_id FROM samples s
    JOIN resources r ON r.id = s.resource_id JOIN projects p ON p.id = r.project_id
    WHERE p.client_id = '${clientId}' AND s.ts >= '${FROM}' AND s.ts < '${TO}') TO STDOUT`;
  const u = new URL(`${PG_URL}/${DB}`);
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', u.hostname, '-p', u.port || '5432', '-U', u.username || 'postgres', '-d', DB, '-c', sql], { stdio: ['ignore', 'pipe', 'inherit'] });
    started(child.pid);
    let bytes = 0;
    child.stdout.on('data', (b) => (bytes += b.length));
    child.on('error', reject);
    child.on('close', (code) => (code ? reject(new Error(`psql ${code}`)) : resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, bytes })));
  });
}

function same(a, b) {
  if (a.length !== b.length) return `row count ${a.length} ≠ ${b.length}`;
  const num = (x) => (x === null ? null : Number(x));
  for (let i = 0; i < a.length; i++) {
    for (const k of ['resource_id', 'measurement_key', 'samples', 'min', 'max', 'avg', 'last', 'usage']) {
      const x = a[i][k];
      const y = b[i][k];
      if (typeof x === 'string' && k.endsWith('id') || k === 'measurement_key') {
        if (x !== y) return `row ${i} ${k}: ${x} ≠ ${y}`;
      } else if (num(x) !== num(y) && Math.abs(num(x) - num(y)) > 1e-9 * Math.max(1, Math.abs(num(x)))) {
        return `row ${i} ${k}: ${x} ≠ ${y}`;
      }
    }
  }
  return null;
}

async function main() {
  const c = new Client({ connectionString: `${PG_URL}/${DB}` });
  await c.connect();
  const monitor = new Client({ connectionString: `${PG_URL}/${DB}` });
  await monitor.connect();
  try {
    if (args.includes('--drop-covering')) {
      await c.query('DROP INDEX IF EXISTS bench_samples_covering');
      console.log('covering index dropped');
      return;
    }
    if (args.includes('--covering')) {
      const t = Date.now();
      await c.query('CREATE INDEX IF NOT EXISTS bench_samples_covering ON samples (resource_id, measurement_id, ts) INCLUDE (value, boot_id)');
      await c.query('VACUUM (ANALYZE) samples');
      console.log(`covering index built in ${sec(Date.now() - t)}`);
    }
    const clientId = (await c.query(`SELECT id FROM clients WHERE name = 'bench-report'`)).rows[0].id;
    const params = reportSqlParams(clientId, new Date(FROM), new Date(TO), 1_800_000);
    const names = Object.keys(VARIANTS).filter((n) => !only || only.includes(n));
    const times = Object.fromEntries(names.map((n) => [n, []]));
    const cpus = Object.fromEntries(names.map((n) => [n, []]));
    const copies = [];
    const copyCpus = [];
    let reference = null;
    console.log(`load average at start: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    for (let i = 1; i <= runs; i++) {
      const cp = await copyRun(clientId, monitor);
      copies.push(cp.ms);
      copyCpus.push(cp.cpuMs);
      console.log(`run ${i}: COPY ${sec(cp.ms)}, CPU ${sec(cp.cpuMs)} (Postgres + psql)`);
      for (const n of names) {
        const r = await cursorRun(c, VARIANTS[n], params, monitor);
        if (!reference) reference = n === 'current' ? r.rows : (await cursorRunTimed(c, VARIANTS.current, params)).rows;
        const diff = same(r.rows, reference);
        times[n].push(r.ms);
        cpus[n].push(r.cpuMs);
        console.log(`run ${i}: ${n.padEnd(20)} ${sec(r.ms)}, CPU ${sec(r.cpuMs)}  ${r.rows.length} rows${diff ? `  DIFFERS: ${diff}` : ''}`);
      }
    }
    const cMed = median(copies);
    const cCpu = median(copyCpus);
    console.log(`\nCOPY                 median ${sec(cMed)}, CPU ${sec(cCpu)}`);
    for (const n of names) {
      console.log(`${n.padEnd(20)} median ${sec(median(times[n]))}, CPU ${sec(median(cpus[n]))}  ratio to COPY: wall ${(median(times[n]) / cMed).toFixed(2)}, CPU ${(median(cpus[n]) / cCpu).toFixed(2)}`);
    }
    console.log(`load average at end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  } finally {
    await c.end();
    await monitor.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
