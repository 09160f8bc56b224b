import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The accepted sample range (libs/metering sample-batch.ts, SAMPLE_VALUE_LIMIT and
 * SAMPLE_VALUE_SMALLEST) as a constraint, for any writer that does not go through the
 * application. NOT VALID: it holds for every row written from now on without scanning every
 * partition under an exclusive lock, and without failing an upgrade over values stored before
 * the range existed. Those stay as stored (reports clamp them in their sums; a correction can
 * replace them); new partitions get the constraint, valid, when they are made.
 */
export class SampleValueRange1795520000000 implements MigrationInterface {
  name = 'SampleValueRange1795520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE samples ADD CONSTRAINT samples_value_range
      CHECK (value BETWEEN -1e21 AND 1e21 AND (value = 0 OR abs(value) >= 1e-300)) NOT VALID`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE samples DROP CONSTRAINT samples_value_range`);
  }
}
