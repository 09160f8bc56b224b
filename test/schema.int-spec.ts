import 'reflect-metadata';
import { loadConfig } from '@tally/config';
import { dataSourceOptions, migrateLocked } from '@tally/database';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PG_ADMIN_URL, TEST_DATABASE } from './setup/test-env';

/** Reverts migrations until `name` is the last one applied, however many were added after it. */
async function revertTo(ds: DataSource, name: string): Promise<void> {
  for (;;) {
    const [last] = await ds.query(`SELECT name FROM typeorm_migrations ORDER BY timestamp DESC LIMIT 1`);
    if (!last) throw new Error(`migration ${name} is not applied`);
    if (last.name === name) return;
    await ds.undoLastMigration({ transaction: 'each' });
  }
}

/** Its own database: reverting migrations must not pull tables from under other suites. */
describe('schema', () => {
  const name = `${TEST_DATABASE}_schema_${process.pid}`;
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  let ds: DataSource;
  beforeAll(async () => {
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    ds = new DataSource(dataSourceOptions(loadConfig({ ...process.env, DATABASE_URL: url.toString() })));
    await ds.initialize();
    await migrateLocked(ds);
  });
  afterAll(async () => {
    await ds.destroy();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('entities and migrations agree (TypeORM would change nothing)', async () => {
    const sql = await ds.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('creates monthly sample partitions on demand, once', async () => {
    await ds.query(`SELECT tally_ensure_sample_partitions('2031-01-31T23:00:00Z', '2031-03-01T00:00:00Z')`);
    await ds.query(`SELECT tally_ensure_sample_partitions('2031-02-10T00:00:00Z', '2031-02-11T00:00:00Z')`);
    const rows: { name: string }[] = await ds.query(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'samples'::regclass AND c.relname LIKE 'samples_2031%' ORDER BY 1`,
    );
    expect(rows.map((r) => r.name)).toEqual(['samples_2031_01', 'samples_2031_02', 'samples_2031_03']);
  });

  it('every migration can be reverted and re-applied', async () => {
    while ((await ds.query(`SELECT count(*)::int AS n FROM typeorm_migrations`))[0].n > 0) {
      await ds.undoLastMigration({ transaction: 'each' });
    }
    const tables: unknown[] = await ds.query(`SELECT 1 FROM pg_tables WHERE tablename = 'clients'`);
    expect(tables).toHaveLength(0);
    const tablesAfterDown: unknown[] = await ds.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'typeorm_migrations'`);
    expect(tablesAfterDown).toHaveLength(0);
    await ds.runMigrations({ transaction: 'each' });
    const count: { n: string }[] = await ds.query(`SELECT count(*) AS n FROM measurements WHERE builtin`);
    expect(Number(count[0].n)).toBe(14);
  });

  it('keys samples with value and boot id included, so reports read series from the index alone', async () => {
    const [pk] = await ds.query(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'samples_pkey'`);
    expect(pk.def).toBe('PRIMARY KEY (resource_id, measurement_id, ts) INCLUDE (value, boot_id)');
  });

  it('keeps run outcomes without a per-row key check on their run, and puts it back on the way down', async () => {
    const keys = async () => (await ds.query(`SELECT conname FROM pg_constraint WHERE conrelid = 'collection_run_outcomes'::regclass AND contype = 'f'`)).map((r: { conname: string }) => r.conname);
    expect(await keys()).toEqual([]);
    await revertTo(ds, 'CoveringSamplesKey1795480000000'); // before OutcomesWithoutRunKey
    expect(await keys()).toEqual(['collection_run_outcomes_run_id_fkey']);
    await ds.runMigrations({ transaction: 'each' });
  });

  it("keeps each resource's measurement ids in step with resource_measurements, however they change", async () => {
    const [client] = await ds.query(`INSERT INTO clients (name) VALUES ('schema-m') RETURNING id`);
    const [project] = await ds.query(`INSERT INTO projects (client_id, name) VALUES ($1, 'p') RETURNING id`, [client.id]);
    const [a] = await ds.query(`INSERT INTO resources (project_id, name, type) VALUES ($1, 'a', 'node') RETURNING id`, [project.id]);
    const [b] = await ds.query(`INSERT INTO resources (project_id, name, type) VALUES ($1, 'b', 'node') RETURNING id`, [project.id]);
    const ids = async () => Object.fromEntries(
      (await ds.query(`SELECT name, measurement_ids FROM resources WHERE id = ANY($1) ORDER BY name`, [[a.id, b.id]])).map((r: { name: string; measurement_ids: number[] }) => [r.name, r.measurement_ids]),
    );
    const m: number[] = (await ds.query(`SELECT id FROM measurements ORDER BY id LIMIT 3`)).map((r: { id: number }) => r.id);
    expect(await ids()).toEqual({ a: [], b: [] });
    // One statement touching two resources, in no particular order.
    await ds.query(`INSERT INTO resource_measurements (resource_id, measurement_id) VALUES ($1, $3), ($2, $4), ($1, $4)`, [a.id, b.id, m[2], m[0]]);
    expect(await ids()).toEqual({ a: [m[0], m[2]], b: [m[0]] });
    await ds.query(`UPDATE resource_measurements SET measurement_id = $2 WHERE resource_id = $1 AND measurement_id = $3`, [b.id, m[1], m[0]]);
    expect(await ids()).toEqual({ a: [m[0], m[2]], b: [m[1]] });
    await ds.query(`UPDATE resource_measurements SET resource_id = $2 WHERE resource_id = $1 AND measurement_id = $3`, [a.id, b.id, m[2]]);
    expect(await ids()).toEqual({ a: [m[0]], b: [m[1], m[2]] });
    await ds.query(`DELETE FROM resource_measurements WHERE resource_id = $1`, [b.id]);
    expect(await ids()).toEqual({ a: [m[0]], b: [] });
    await ds.query(`DELETE FROM resources WHERE id = $1`, [a.id]); // cascades to its resource_measurements
    expect(await ids()).toEqual({ b: [] });
  });

  it('moves run outcomes kept as jsonb into their own rows, and back', async () => {
    await revertTo(ds, 'InitialSchema1795460000000'); // before RunOutcomesTable
    const [run] = await ds.query(
      `INSERT INTO collection_runs (kind, slot, state, outcomes) VALUES ('collect', '2030-01-01T00:00:00Z', 'partial', $1) RETURNING id`,
      [{ 'a-host': { target: 'a-host', ok: true, samples: 9, at: '2030-01-01T00:01:00Z' }, 'b-host': { target: 'b-host', ok: false, reason: 'down', at: '2030-01-01T00:02:00Z' } }],
    );
    await ds.runMigrations({ transaction: 'each' });
    const rows = await ds.query(`SELECT target, ok, reason, samples FROM collection_run_outcomes WHERE run_id = $1 ORDER BY target`, [run.id]);
    expect(rows).toEqual([
      { target: 'a-host', ok: true, reason: null, samples: 9 },
      { target: 'b-host', ok: false, reason: 'down', samples: 0 },
    ]);
    await revertTo(ds, 'InitialSchema1795460000000');
    const [back] = await ds.query(`SELECT outcomes FROM collection_runs WHERE id = $1`, [run.id]);
    expect(back.outcomes['b-host']).toMatchObject({ target: 'b-host', ok: false, reason: 'down', samples: 0 });
    await ds.runMigrations({ transaction: 'each' });
  });

  it('shows built-in measurements in the units people read, and leaves custom ones in their usage unit (null)', async () => {
    await revertTo(ds, 'ResourceMeasurementIds1795500000000');
    await ds.query(`INSERT INTO measurements (key, kind, unit, source, description) VALUES ('schema.gauge', 'gauge', 'widget', 'push', '')`);
    await ds.runMigrations({ transaction: 'each' });
    await ds.query(`INSERT INTO measurements (key, kind, unit, source, description) VALUES ('schema.count', 'counter', '', 'push', '')`);
    const rows = await ds.query(`SELECT key, display_unit, display_places FROM measurements WHERE key IN ('ganeti.memory', 'net.rx', 'ganeti.running', 'schema.gauge', 'schema.count') ORDER BY key`);
    expect(rows).toEqual([
      { key: 'ganeti.memory', display_unit: 'GiB·h', display_places: 3 },
      { key: 'ganeti.running', display_unit: 'h', display_places: 2 },
      { key: 'net.rx', display_unit: 'GiB', display_places: 3 },
      { key: 'schema.count', display_unit: null, display_places: 3 },
      { key: 'schema.gauge', display_unit: null, display_places: 3 },
    ]);
  });

  it("ties a client's price overrides to its assignment to that very card", async () => {
    const [client] = await ds.query(`INSERT INTO clients (name) VALUES ('schema-rc') RETURNING id`);
    const [a] = await ds.query(`INSERT INTO rate_cards (name, currency) VALUES ('schema-a', 'EUR') RETURNING id`);
    const [b] = await ds.query(`INSERT INTO rate_cards (name, currency) VALUES ('schema-b', 'EUR') RETURNING id`);
    const [m] = await ds.query(`SELECT id FROM measurements WHERE key = 'ganeti.vcpus'`);
    const override = (card: string) => ds.query(
      `INSERT INTO rate_card_prices (rate_card_id, client_id, measurement_id, price_unit, unit_price, effective_from) VALUES ($1, $2, $3, 'vCPU·h', 0.01, now())`,
      [card, client.id, m.id],
    );
    await expect(override(a.id)).rejects.toThrow(/rate_card_prices_assignment_fkey/); // not assigned yet
    await ds.query(`INSERT INTO client_rate_cards (client_id, rate_card_id) VALUES ($1, $2)`, [client.id, a.id]);
    await override(a.id);
    await expect(override(b.id)).rejects.toThrow(/rate_card_prices_assignment_fkey/); // another card's override
    await expect(ds.query(`UPDATE client_rate_cards SET rate_card_id = $2 WHERE client_id = $1`, [client.id, b.id])).rejects.toThrow(/rate_card_prices_assignment_fkey/);
    await expect(ds.query(`DELETE FROM rate_cards WHERE id = $1`, [a.id])).rejects.toThrow(/client_rate_cards_rate_card_id_fkey/);
    await ds.query(`DELETE FROM clients WHERE id = $1`, [client.id]); // takes the assignment and its overrides along
    expect(await ds.query(`SELECT 1 FROM rate_card_prices WHERE rate_card_id = $1`, [a.id])).toEqual([]);
    await expect(ds.query(`INSERT INTO rate_card_prices (rate_card_id, measurement_id, price_unit, unit_price, tiers, effective_from) VALUES ($1, $2, 'h', 1, '[]', now())`, [a.id, m.id]))
      .rejects.toThrow(/rate_card_prices_shape_check/);
  });

  it('refuses sample values outside the accepted range, from any writer, without checking older rows', async () => {
    const [c] = await ds.query(`INSERT INTO clients (name) VALUES ('schema-range') RETURNING id`);
    const [p] = await ds.query(`INSERT INTO projects (client_id, name) VALUES ($1, 'p') RETURNING id`, [c.id]);
    const [r] = await ds.query(`INSERT INTO resources (project_id, name, type) VALUES ($1, 'r', 'push-test') RETURNING id`, [p.id]);
    await ds.query(`SELECT tally_ensure_sample_partitions('2031-05-01T00:00:00Z', '2031-05-01T00:00:00Z')`);
    const insert = (value: number) => ds.query(`INSERT INTO samples (resource_id, measurement_id, ts, value) VALUES ($1, 1, '2031-05-01T00:00:00Z', $2)`, [r.id, value]);
    for (const bad of [9e307, -1.5e21, 1e-310]) await expect(insert(bad)).rejects.toMatchObject({ code: '23514' });
    await insert(-1e21);
    const [check] = await ds.query(`SELECT convalidated FROM pg_constraint WHERE conname = 'samples_value_range' AND conrelid = 'samples'::regclass`);
    expect(check).toEqual({ convalidated: false });
    await revertTo(ds, 'ResourceMeasurementIds1795500000000');
    await ds.query(`UPDATE samples SET value = 9e307 WHERE resource_id = $1`, [r.id]);
    await ds.runMigrations({ transaction: 'each' }); // an old out-of-range row does not stop the upgrade
    expect((await ds.query(`SELECT value FROM samples WHERE resource_id = $1`, [r.id]))[0].value).toBe(9e307);
  });
});
