#!/usr/bin/env node
'use strict';
/**
 * The persist step alone: SamplesService.writeSamples (dist) at several batch sizes and
 * concurrencies, against psql \copy of the same 400,000 rows, interleaved so machine load hits
 * both alike. Each round writes a fresh slot (ts) of one monthly partition. Own database
 * (tally_bench_precache_ups); samples has no foreign keys, so resource ids are random.
 *
 *   node bench/precache/upsert-vs-copy.js [--resources 100000] [--json out.json]
 */
require('reflect-metadata');
const os = require('node:os');
const fs = require('node:fs');
const { randomUUID } = require('node:crypto');
const { DataSource } = require('typeorm');
const { DIST, databaseUrl, recreateDatabase, dropDatabase } = require('./lib/database');
const { copyRows } = require('./lib/copy-baseline');

const args = Object.fromEntries(process.argv.slice(2).join(' ').split('--').filter(Boolean).map((a) => a.trim().split(/\s+/)));
const RESOURCES = Number(args.resources ?? 100_000);
const ADMIN_URL = process.env.TALLY_BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = 'tally_bench_precache_ups';
const HOUR = 3_600_000;

async function main() {
  const { loadConfig } = require(`${DIST}/libs/config/src`);
  const { dataSourceOptions } = require(`${DIST}/libs/database/src`);
  const { mapLimit } = require(`${DIST}/libs/collectors/src`);
  const { SamplesService } = require(`${DIST}/libs/metering/src`);
  const url = databaseUrl(ADMIN_URL, DB);
  await recreateDatabase(ADMIN_URL, DB);
  const ds = new DataSource(dataSourceOptions(loadConfig({ DATABASE_URL: url })));
  await ds.initialize();
  const samples = new SamplesService(ds, null, null); // writeSamples needs only the DataSource
  const out = { date: new Date().toISOString(), loadStart: os.loadavg().map((l) => l.toFixed(2)).join(' '), rounds: [] };
  try {
    const base = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1);
    await ds.query(`SELECT tally_ensure_sample_partitions($1, $1)`, [new Date(base)]);
    const ids = Array.from({ length: RESOURCES }, () => randomUUID());
    const rowsAt = (ts) => ids.flatMap((id, i) => [1, 2, 3, 4].map((m) => ({ resourceId: id, measurementId: m, ts, value: (i * m) % 8192, bootId: null })));
    let slot = 0;
    const nextTs = () => new Date(base + slot++ * HOUR);
    const round = async (name, fn) => {
      const ts = nextTs();
      const rows = rowsAt(ts);
      const t = performance.now();
      await fn(rows, ts);
      const ms = performance.now() - t;
      const r = { name, rows: rows.length, ms: Math.round(ms), samplesPerSec: Math.round(rows.length / (ms / 1000)), load1: +os.loadavg()[0].toFixed(2) };
      out.rounds.push(r);
      console.log(`${name.padEnd(52)} ${String(r.ms).padStart(7)} ms ${String(r.samplesPerSec).padStart(8)} samples/s  load ${r.load1}`);
    };
    const copy = (rows) => copyRows(url, rows.map((r) => `${r.resourceId},${r.measurementId},${r.ts.toISOString()},${r.value},`).join('\n') + '\n');
    const chunks = (rows, size) => Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
    const upsert = (size, limit) => (rows) => mapLimit(chunks(rows, size), limit, (c) => samples.writeSamples(c));
    const PLAIN = `INSERT INTO samples (resource_id, measurement_id, ts, value, boot_id)
      SELECT * FROM unnest($1::uuid[], $2::smallint[], $3::timestamptz[], $4::float8[], $5::uuid[])`;
    const plain = (size) => (rows) => mapLimit(chunks(rows, size), 1, (c) => ds.query(PLAIN, [
      c.map((r) => r.resourceId), c.map((r) => r.measurementId), c.map((r) => r.ts.toISOString()), c.map((r) => r.value), c.map(() => null)]));

    await round('COPY (psql \\copy, CSV)', copy);
    await round('writeSamples, 4 rows a call (one VM), 8 at once', upsert(4, 8));
    await round('writeSamples, 4,000 rows a call (one cluster)', upsert(4_000, 1));
    await round('COPY (psql \\copy, CSV)', copy);
    await round('writeSamples, 40,000 rows a call (ten clusters)', upsert(40_000, 1));
    await round('writeSamples, 4,000 rows a call, 2 at once', upsert(4_000, 2));
    await round('COPY (psql \\copy, CSV)', copy);
    await round('plain INSERT … unnest, no ON CONFLICT, 4,000 a call', plain(4_000));
    await round('writeSamples, 4,000 rows a call (one cluster)', upsert(4_000, 1));
    await round('COPY (psql \\copy, CSV)', copy);
    out.loadEnd = os.loadavg().map((l) => l.toFixed(2)).join(' ');
    if (args.json) fs.writeFileSync(args.json[0], JSON.stringify(out, null, 2));
  } finally {
    await ds.destroy();
    if (!args['keep-db']) await dropDatabase(ADMIN_URL, DB);
  }
}

main().then(() => process.exit(0), (err) => (console.error(err), process.exit(1)));
