import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How long each target's poll (or a cluster's RAPI fetch) took, so the capacity figures
 * (GET /api/v1/collections/capacity) come from what collection really costs. Null where
 * nothing was contacted (a Ganeti VM read from the cache, a skipped slot) and on older rows.
 */
export class OutcomeDurations1795870000000 implements MigrationInterface {
  name = 'OutcomeDurations1795870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE collection_run_outcomes ADD COLUMN duration_ms integer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE collection_run_outcomes DROP COLUMN duration_ms`);
  }
}
