import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The slot ledger (issue 9) is collection_runs itself: one row per (kind, slot) already, so
 * a slot the schedule owed and nobody collected becomes a row in state `missed`, with the
 * reason. One concept, one shape: the runs API, the CLI and the schedule status read the same
 * rows. `reason` says why a slot was missed ("Redis unavailable from … to …").
 */
export class SlotLedger1795800000000 implements MigrationInterface {
  name = 'SlotLedger1795800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE collection_runs ADD COLUMN reason text`);
  }

  async down(q: QueryRunner): Promise<void> {
    // A missed row is only a note that nothing was collected: without the state it is meaningless.
    await q.query(`DELETE FROM collection_runs WHERE state = 'missed'`);
    await q.query(`ALTER TABLE collection_runs DROP COLUMN reason`);
  }
}
