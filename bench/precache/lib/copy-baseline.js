'use strict';
// The baseline: the same rows the collector writes, loaded with a plain COPY (psql \copy from
// a CSV file) into another slot of the same monthly partition.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/**
 * Builds the slot's rows from what the pre-cache left in Redis (read with GanetiCacheStore.get), exactly as the Ganeti plugin
 * maps them (ganetiMeasurements from dist), keyed to the seeded resources by cluster and name.
 */
async function buildRows({ db, readCache, ganetiMeasurements, ts }) {
  const measurementIds = new Map(
    (await db.query(`SELECT key, id FROM measurements WHERE source = 'ganeti'`)).rows.map((m) => [m.key, Number(m.id)]),
  );
  const resources = (await db.query(`SELECT id, name, cluster_fqdn FROM resources WHERE type = 'ganeti-vm'`)).rows;
  const byCluster = new Map();
  for (const r of resources) {
    if (!byCluster.has(r.cluster_fqdn)) byCluster.set(r.cluster_fqdn, new Map());
    byCluster.get(r.cluster_fqdn).set(r.name, r.id);
  }
  const iso = ts.toISOString();
  const lines = [];
  let missing = 0;
  for (const [fqdn, names] of byCluster) {
    const entry = (await readCache(fqdn)) ?? { instances: [] };
    const byName = new Map(entry.instances.map((i) => [i.name, i]));
    for (const [name, id] of names) {
      const instance = byName.get(name);
      if (!instance) {
        missing++;
        continue;
      }
      for (const [key, value] of Object.entries(ganetiMeasurements(instance))) {
        lines.push(`${id},${measurementIds.get(key)},${iso},${value},`); // empty boot_id: NULL
      }
    }
  }
  return { csv: lines.join('\n') + '\n', rows: lines.length, missing };
}

/** Times `psql -c "\copy samples … FROM file"` (the psql start-up, ~10 ms, is included). */
function copyRows(databaseUrl, csv) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tally-bench-precache-'));
  const file = path.join(dir, 'samples.csv');
  try {
    fs.writeFileSync(file, csv);
    const started = performance.now();
    const out = spawnSync(
      'psql',
      [databaseUrl, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', `\\copy samples (resource_id, measurement_id, ts, value, boot_id) FROM '${file}' WITH (FORMAT csv)`],
      { encoding: 'utf8' },
    );
    const ms = performance.now() - started;
    if (out.status !== 0) throw new Error(`psql \\copy failed (${out.status}): ${out.stderr || out.error}`);
    return { ms, bytes: Buffer.byteLength(csv) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { buildRows, copyRows };
