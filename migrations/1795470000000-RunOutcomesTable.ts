import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-target outcomes move out of collection_runs.outcomes (one jsonb map per run, rewritten
 * whole on every persist: quadratic in the number of resources per slot) into their own rows.
 */
export class RunOutcomesTable1795470000000 implements MigrationInterface {
  name = 'RunOutcomesTable1795470000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE collection_run_outcomes (
        run_id uuid NOT NULL,
        target text NOT NULL,
        ok boolean NOT NULL,
        reason text,
        samples integer NOT NULL DEFAULT 0,
        at timestamptz NOT NULL,
        PRIMARY KEY (run_id, target),
        CONSTRAINT collection_run_outcomes_run_id_fkey FOREIGN KEY (run_id) REFERENCES collection_runs (id) ON DELETE CASCADE
      )`);
    await q.query(`
      INSERT INTO collection_run_outcomes (run_id, target, ok, reason, samples, at)
      SELECT r.id, o.key, coalesce((o.value->>'ok')::boolean, false), o.value->>'reason',
             coalesce((o.value->>'samples')::int, 0), coalesce((o.value->>'at')::timestamptz, r.created_at)
        FROM collection_runs r, jsonb_each(r.outcomes) o`);
    await q.query(`ALTER TABLE collection_runs DROP COLUMN outcomes`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE collection_runs ADD COLUMN outcomes jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`
      UPDATE collection_runs r SET outcomes = agg.outcomes
        FROM (SELECT run_id, jsonb_object_agg(target, jsonb_strip_nulls(jsonb_build_object(
                'target', target, 'ok', ok, 'reason', reason, 'samples', samples, 'at', at))) AS outcomes
                FROM collection_run_outcomes GROUP BY run_id) agg
       WHERE agg.run_id = r.id`);
    await q.query(`DROP TABLE collection_run_outcomes`);
  }
}
