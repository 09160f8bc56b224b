'use strict';
// The benchmark's own database: dropped, created and migrated by the script, never tally_test.
const path = require('node:path');
const { Client } = require('pg');

// TALLY_BENCH_DIST: another build of the same tree (e.g. tsc --outDir bench/precache/.build/dist).
const DIST = path.resolve(process.env.TALLY_BENCH_DIST ?? path.join(__dirname, '../../../dist'));

function databaseUrl(adminUrl, name) {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function recreateDatabase(adminUrl, name) {
  if (!/^tally_bench_[a-z0-9_]+$/.test(name)) throw new Error(`refusing to drop ${name}: only tally_bench_* databases`);
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const { loadConfig } = require(`${DIST}/libs/config/src`);
  const { dataSourceOptions, migrateLocked } = require(`${DIST}/libs/database/src`);
  const { DataSource } = require('typeorm');
  const ds = new DataSource(dataSourceOptions(loadConfig({ DATABASE_URL: databaseUrl(adminUrl, name) })));
  await ds.initialize();
  try {
    await migrateLocked(ds);
  } finally {
    await ds.destroy();
  }
}

async function dropDatabase(adminUrl, name) {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * Inventory in a few statements: clients × projects, one ganeti-vm resource per generated
 * instance (same names as rapi-generator: vm-<nnnnn>.example.org, cluster ganeti-<nnn>),
 * the four Ganeti measurements on each, and a cluster row per stand-in URL.
 */
async function seedInventory(db, { clusters, instancesPerCluster, caCert, clients = 4, projectsPerClient = 5 }) {
  const total = clusters.length * instancesPerCluster;
  await db.query(`INSERT INTO clients (name) SELECT 'bench-client-' || i FROM generate_series(1, $1) i`, [clients]);
  await db.query(
    `INSERT INTO projects (client_id, name) SELECT c.id, 'project-' || j FROM clients c, generate_series(1, $1) j`,
    [projectsPerClient],
  );
  await db.query(
    `WITH p AS (SELECT id, (row_number() OVER (ORDER BY id)) - 1 AS k, count(*) OVER () AS n FROM projects)
     INSERT INTO resources (project_id, name, type, cluster_fqdn)
     SELECT p.id,
            'vm-' || CASE WHEN i < 100000 THEN lpad(i::text, 5, '0') ELSE i::text END || '.example.org',
            'ganeti-vm',
            'ganeti-' || CASE WHEN i / $2 < 1000 THEN lpad((i / $2)::text, 3, '0') ELSE (i / $2)::text END || '.example.org'
       FROM generate_series(0, $1 - 1) i JOIN p ON p.k = i % p.n`,
    [total, instancesPerCluster],
  );
  await db.query(
    `INSERT INTO resource_measurements (resource_id, measurement_id)
     SELECT r.id, m.id FROM resources r CROSS JOIN measurements m WHERE m.source = 'ganeti'`,
  );
  await db.query(
    `INSERT INTO clusters (fqdn, rapi_url, tls_mode, ca_certificate)
     SELECT f, u, 'ca', $3 FROM unnest($1::text[], $2::text[]) AS c(f, u)`,
    [clusters.map((c) => c.fqdn), clusters.map((c) => c.rapiUrl), caCert],
  );
  // An inventory is long-lived: autovacuum has long set its visibility map. Without this, the
  // freshly inserted rows would make every index-only scan visit the heap, a cost no real
  // installation pays.
  await db.query('VACUUM ANALYZE');
  const [{ resources, measurements }] = (await db.query(
    `SELECT (SELECT count(*) FROM resources)::int AS resources, (SELECT count(*) FROM resource_measurements)::int AS measurements`,
  )).rows;
  return { resources, measurements };
}

module.exports = { DIST, databaseUrl, recreateDatabase, dropDatabase, seedInventory };
