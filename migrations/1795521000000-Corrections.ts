import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Corrections (design §7): the one way to change closed periods, recorded with who, when, why,
 * every sample's before and after value, and the series and days it touched, which reports
 * join to mark the lines a correction changed.
 */
export class Corrections1795521000000 implements MigrationInterface {
  name = 'Corrections1795521000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE corrections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reason text NOT NULL,
        api_key_id uuid NOT NULL,
        api_key_name text NOT NULL,
        api_key_role text NOT NULL,
        request_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sample_items integer NOT NULL,
        delete_items integer NOT NULL,
        inserted integer NOT NULL,
        updated integer NOT NULL,
        deleted integer NOT NULL,
        unchanged integer NOT NULL,
        first_ts timestamptz,
        last_ts timestamptz
      )`);
    await q.query(`CREATE INDEX corrections_created_at_idx ON corrections (created_at)`);
    await q.query(`
      CREATE TABLE correction_series (
        correction_id uuid NOT NULL,
        resource_id uuid NOT NULL,
        measurement_id smallint NOT NULL,
        first_ts timestamptz NOT NULL,
        last_ts timestamptz NOT NULL,
        client_id uuid NOT NULL,
        changes integer NOT NULL,
        PRIMARY KEY (correction_id, resource_id, measurement_id, first_ts)
      )`);
    await q.query(`CREATE INDEX correction_series_series_idx ON correction_series (resource_id, measurement_id, first_ts)`);
    await q.query(`CREATE INDEX correction_series_client_idx ON correction_series (client_id)`);
    await q.query(`
      CREATE TABLE correction_changes (
        correction_id uuid NOT NULL,
        resource_id uuid NOT NULL,
        measurement_id smallint NOT NULL,
        ts timestamptz NOT NULL,
        before_value double precision,
        after_value double precision,
        PRIMARY KEY (correction_id, resource_id, measurement_id, ts)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE correction_changes`);
    await q.query(`DROP TABLE correction_series`);
    await q.query(`DROP TABLE corrections`);
  }
}
