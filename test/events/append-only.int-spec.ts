import 'reflect-metadata';
import { loadConfig } from '@tally/config';
import { dataSourceOptions, migrateLocked } from '@tally/database';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PG_ADMIN_URL, TEST_DATABASE } from '../setup/test-env';

/**
 * The audit trail is append-only for the role the app runs as, even when that role owns the
 * schema (as in docker-compose.yml): its own database, owned by an ordinary role that ran the
 * migrations itself.
 */
describe('event log privileges', () => {
  const role = `${TEST_DATABASE}_owner`;
  const database = `${TEST_DATABASE}_owned`;
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  let ds: DataSource;

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE ROLE "${role}" LOGIN NOSUPERUSER`);
    await admin.query(`CREATE DATABASE "${database}" OWNER "${role}"`);
    const url = new URL(PG_ADMIN_URL);
    url.username = role;
    url.pathname = `/${database}`;
    ds = new DataSource(dataSourceOptions(loadConfig({ ...process.env, DATABASE_URL: url.toString() })));
    await ds.initialize();
    await migrateLocked(ds);
    await ds.query(`INSERT INTO events (type, version, subject_type, subject_id) VALUES ('client.created', 1, 'client', 'x')`);
  });
  afterAll(async () => {
    await ds?.destroy();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.query(`DROP ROLE IF EXISTS "${role}"`);
    await admin.end();
  });

  it.each([
    ['UPDATE', `UPDATE events SET type = 'client.forged'`],
    ['DELETE', `DELETE FROM events`],
    ['TRUNCATE', `TRUNCATE events`],
  ])('refuses %s to the owning role, by privilege and not only by trigger', async (_, sql) => {
    await expect(ds.query(sql)).rejects.toThrow(/permission denied/);
    await ds.query(`ALTER TABLE events DISABLE TRIGGER USER`);
    try {
      await expect(ds.query(sql)).rejects.toThrow(/permission denied/);
    } finally {
      await ds.query(`ALTER TABLE events ENABLE TRIGGER USER`);
    }
  });

  it('still lets it append and read', async () => {
    await ds.query(`INSERT INTO events (type, version, subject_type, subject_id) VALUES ('client.updated', 1, 'client', 'x')`);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM events`);
    expect(n).toBe(2);
  });
});
