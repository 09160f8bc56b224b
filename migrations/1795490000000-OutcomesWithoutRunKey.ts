import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * collection_run_outcomes loses its foreign key to collection_runs. A slot of 100,000
 * resources writes 100,000 outcome rows, and the key's per-row check cost as much as the
 * rows themselves (bench/precache: 1.2-1.8 s against 0.7-0.9 s for 100,000 rows COPYed).
 * Outcomes are only ever written for a run that exists (the fan-out creates the run before
 * it enqueues anything) and runs are never deleted, so the key guarded nothing in practice.
 * Whatever deletes runs in future must delete their outcomes with them.
 */
export class OutcomesWithoutRunKey1795490000000 implements MigrationInterface {
  name = 'OutcomesWithoutRunKey1795490000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE collection_run_outcomes DROP CONSTRAINT collection_run_outcomes_run_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM collection_run_outcomes o WHERE NOT EXISTS (SELECT 1 FROM collection_runs r WHERE r.id = o.run_id)`);
    await q.query(
      `ALTER TABLE collection_run_outcomes ADD CONSTRAINT collection_run_outcomes_run_id_fkey
         FOREIGN KEY (run_id) REFERENCES collection_runs (id) ON DELETE CASCADE`,
    );
  }
}
