import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys may expire, may be rotated (the replaced secret keeps working for an overlap, so
 * integrators can switch without downtime) and say where they were last used from.
 */
export class ApiKeyExpiryAndRotation1795530000000 implements MigrationInterface {
  name = 'ApiKeyExpiryAndRotation1795530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE api_keys
        ADD COLUMN expires_at timestamptz,
        ADD COLUMN last_used_from inet,
        ADD COLUMN previous_key_hash text,
        ADD COLUMN previous_key_expires_at timestamptz`);
    await q.query(`CREATE UNIQUE INDEX api_keys_previous_key_hash_key ON api_keys (previous_key_hash)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX api_keys_previous_key_hash_key`);
    await q.query(`
      ALTER TABLE api_keys
        DROP COLUMN previous_key_expires_at,
        DROP COLUMN previous_key_hash,
        DROP COLUMN last_used_from,
        DROP COLUMN expires_at`);
  }
}
