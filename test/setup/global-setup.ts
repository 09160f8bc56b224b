import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../libs/config/src';
import { dataSourceOptions } from '../../libs/database/src/data-source-options';
import { migrateLocked } from '../../libs/database/src/migrate';
import { PG_ADMIN_URL, TEST_DATABASE, TEST_ENV } from './test-env';

/** A fresh test database per run, migrated once; suites isolate by creating their own tenants. */
export default async function globalSetup() {
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
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
}
