import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../libs/config/src';
import { dataSourceOptions } from '../../libs/database/src/data-source-options';
import { migrateLocked } from '../../libs/database/src/migrate';
import { PG_ADMIN_URL, TEST_DATABASE, TEST_ENV } from './test-env';

/** Databases of runs that crashed before their teardown; older than this, nobody uses them. */
const STALE_AFTER_MS = 12 * 3600_000;
const RUN_DATABASE = /^tally_test_([0-9a-z]+)_\d+(_|$)/;

/**
 * A fresh database for this run, migrated once; suites isolate by creating their own tenants.
 * Jest calls this once per project (integration, e2e) in the same process: the second call
 * finds the database made and does nothing.
 */
export default async function globalSetup() {
  if (process.env.TALLY_TEST_DATABASE_READY === TEST_DATABASE) return;
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await dropStale(admin);
    await admin.query(`DROP DATABASE IF EXISTS "${TEST_DATABASE}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${TEST_DATABASE}"`);
  } finally {
    await admin.end();
  }
  const config = loadConfig({ ...process.env, ...TEST_ENV });
  const ds = new DataSource(dataSourceOptions(config));
  await ds.initialize();
  try {
    await migrateLocked(ds);
  } finally {
    await ds.destroy();
  }
  process.env.TALLY_TEST_DATABASE_READY = TEST_DATABASE;
}

async function dropStale(admin: Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'tally\\_test\\_%'`);
  for (const { datname } of rows) {
    const made = RUN_DATABASE.exec(datname);
    if (made && Date.now() - parseInt(made[1], 36) > STALE_AFTER_MS) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  }
}
