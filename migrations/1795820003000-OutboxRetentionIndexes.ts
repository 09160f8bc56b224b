import { MigrationInterface, QueryRunner } from 'typeorm';

/** Lets the senders' retention sweep (TALLY_OUTBOX_RETENTION_DAYS) find old finished rows without scanning the tables. */
export class OutboxRetentionIndexes1795820003000 implements MigrationInterface {
  name = 'OutboxRetentionIndexes1795820003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX webhook_deliveries_finished_idx ON webhook_deliveries (created_at) WHERE status <> 'pending'`);
    await q.query(`CREATE INDEX mail_outbox_finished_idx ON mail_outbox (created_at) WHERE status <> 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX mail_outbox_finished_idx`);
    await q.query(`DROP INDEX webhook_deliveries_finished_idx`);
  }
}
