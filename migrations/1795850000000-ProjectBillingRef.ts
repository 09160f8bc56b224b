import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A project's own reference in the invoicing system (issue 13: invoices join on it, as on the
 * client's billing_ref). Nullable: most projects are billed under their client's reference.
 */
export class ProjectBillingRef1795850000000 implements MigrationInterface {
  name = 'ProjectBillingRef1795850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projects ADD COLUMN billing_ref text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE projects DROP COLUMN billing_ref`);
  }
}
