import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * alert_series.check_after: until when a series holding its state needs no look at its open
 * incident (no notification can fall due before then). NULL: look at every evaluation (a
 * notification is owed); 'infinity': never without a state change (acknowledged, cut off, no
 * re-notification). Lets a slot with thousands of steady open incidents skip reading them.
 *
 * alert_versions: one counter, bumped in the transaction of every change to alert_rules or to
 * which series have a row, so a worker may keep both in memory and reread them only when it
 * moved: one tiny read per evaluated batch instead of two real ones.
 */
export class AlertSeriesNotifyCheck1795860001000 implements MigrationInterface {
  name = 'AlertSeriesNotifyCheck1795860001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE alert_series ADD COLUMN check_after timestamptz`);
    await q.query(`CREATE TABLE alert_versions (id smallint PRIMARY KEY CHECK (id = 1), version bigint NOT NULL DEFAULT 0)`);
    await q.query(`INSERT INTO alert_versions (id) VALUES (1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE alert_versions`);
    await q.query(`ALTER TABLE alert_series DROP COLUMN check_after`);
  }
}
