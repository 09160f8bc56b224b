import { DataSource } from 'typeorm';

/** Arbitrary constant: the advisory lock every Tally process takes to migrate. */
const MIGRATION_LOCK = 7_305_118_221;

/**
 * Runs pending migrations while holding a session advisory lock, so an API and a worker
 * booting together never migrate at once. Returns the names applied.
 */
export async function migrateLocked(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
