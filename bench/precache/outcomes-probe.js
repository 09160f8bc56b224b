#!/usr/bin/env node
'use strict';
/**
 * What recording 100,000 outcomes in batches of 1,000 costs in collection_run_outcomes, with
 * and without its foreign key, against the same rows' samples (4 per outcome) via writeSamples.
 * Own database tally_bench_precache_probe.   node bench/precache/outcomes-probe.js
 */
require('reflect-metadata');
const { randomUUID } = require('node:crypto');
const { DataSource } = require('typeorm');
const { DIST, databaseUrl, recreateDatabase, dropDatabase } = require('./lib/database');

const ADMIN_URL = process.env.TALLY_BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = 'tally_bench_precache_probe';

async function main() {
  const { loadConfig } = require(`${DIST}/libs/config/src`);
  const { dataSourceOptions } = require(`${DIST}/libs/database/src`);
  const { SamplesService } = require(`${DIST}/libs/metering/src`);
  await recreateDatabase(ADMIN_URL, DB);
  const ds = new DataSource(dataSourceOptions(loadConfig({ DATABASE_URL: databaseUrl(ADMIN_URL, DB) })));
  await ds.initialize();
  try {
    const samples = new SamplesService(ds, null);
    const ids = Array.from({ length: 100_000 }, () => randomUUID());
    const at = new Date().toISOString();
    const UPSERT = `INSERT INTO collection_run_outcomes (run_id, target, ok, reason, samples, at)
      SELECT $1, * FROM unnest($2::text[], $3::boolean[], $4::text[], $5::int[], $6::timestamptz[])
      ON CONFLICT (run_id, target) DO UPDATE SET ok = EXCLUDED.ok, reason = EXCLUDED.reason, samples = EXCLUDED.samples, at = EXCLUDED.at`;
    const outcomes = async (label) => {
      const [{ id }] = await ds.query(`INSERT INTO collection_runs (kind, slot) VALUES ('collect', now() + random() * interval '1 year') RETURNING id`);
      const t = performance.now();
      for (let i = 0; i < ids.length; i += 1000) {
        const chunk = ids.slice(i, i + 1000);
        await ds.query(UPSERT, [id, chunk, chunk.map(() => true), chunk.map(() => null), chunk.map(() => 4), chunk.map(() => at)]);
      }
      report(label, performance.now() - t);
    };
    const write = async (label, hour) => {
      const ts = new Date(Date.UTC(2026, 10, 1, hour));
      await ds.query(`SELECT tally_ensure_sample_partitions($1, $1)`, [ts]);
      const t = performance.now();
      for (let i = 0; i < ids.length; i += 1000) {
        await samples.writeSamples(ids.slice(i, i + 1000).flatMap((r) => [1, 2, 3, 4].map((m) => ({ resourceId: r, measurementId: m, ts, value: m }))));
      }
      report(label, performance.now() - t);
    };
    await write('writeSamples: 100 × 4,000 sample rows', 0);
    await outcomes('outcome upsert: 100 × 1,000 rows, with FK');
    await ds.query(`ALTER TABLE collection_run_outcomes DROP CONSTRAINT collection_run_outcomes_run_id_fkey`);
    await outcomes('outcome upsert: 100 × 1,000 rows, without FK');
    await write('writeSamples: 100 × 4,000 sample rows', 1);
    await outcomes('outcome upsert: 100 × 1,000 rows, without FK');
  } finally {
    await ds.destroy();
    await dropDatabase(ADMIN_URL, DB);
  }
}

function report(label, ms) {
  console.log(`${label.padEnd(48)} ${Math.round(ms).toString().padStart(6)} ms (${(ms / 100).toFixed(1)} ms per call)`);
}

main().then(() => process.exit(0), (err) => (console.error(err), process.exit(1)));
