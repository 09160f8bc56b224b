import { Client } from 'pg';
import { PG_ADMIN_URL, TEST_DATABASE } from './test-env';

/**
 * Drops this run's databases, once (Jest calls the teardown per project). Set
 * TALLY_TEST_KEEP_DATABASE=1 to keep it for inspecting a failure; a database named with
 * TALLY_TEST_DATABASE is always kept, since the caller chose it.
 */
export default async function globalTeardown() {
  if (process.env.TALLY_TEST_DATABASE_READY !== TEST_DATABASE) return;
  delete process.env.TALLY_TEST_DATABASE_READY;
  if (process.env.TALLY_TEST_KEEP_DATABASE === '1' || !/^tally_test_[0-9a-z]+_\d+$/.test(TEST_DATABASE)) return;
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    // Suites that need a worker of their own make "<run database>_<suffix>" databases.
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR starts_with(datname, $1 || '_')`, [TEST_DATABASE]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
