import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook subscriptions and their deliveries (libs/webhooks owns both; design §8).
 *
 * - A subscription's secret is sealed like a credential's (AES-GCM, AAD = its id). After a
 *   rotation the previous secret stays, sealed, until `previous_valid_until`, and deliveries
 *   are signed with both meanwhile.
 * - One delivery per (subscription, event): the relay's after-hook writes them in its batch
 *   transaction, so a replayed batch cannot make a second one. `seq` keeps relay order, which
 *   the dispatcher follows per subscription. `message_id` (webhook-id) is derived from the
 *   pair, so every retry and redelivery repeats it.
 * - `lease_until` on a subscription is the dispatcher's claim (taken FOR UPDATE SKIP LOCKED):
 *   one worker sends a subscription's deliveries at a time, in order; a killed worker's lease
 *   runs out and another resumes, with the same ids.
 */
export class Webhooks1795820000000 implements MigrationInterface {
  name = 'Webhooks1795820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id uuid REFERENCES clients(id) ON DELETE CASCADE,
        url text NOT NULL,
        events text[] NOT NULL,
        description text,
        active boolean NOT NULL DEFAULT true,
        disabled_at timestamptz,
        disabled_reason text,
        secret_ciphertext bytea NOT NULL,
        secret_iv bytea NOT NULL,
        secret_tag bytea NOT NULL,
        key_version integer NOT NULL,
        previous_secret_ciphertext bytea,
        previous_secret_iv bytea,
        previous_secret_tag bytea,
        previous_key_version integer,
        previous_valid_until timestamptz,
        failing_since timestamptz,
        lease_until timestamptz,
        lease_owner uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_subscriptions_client_id_idx ON webhook_subscriptions (client_id)`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        subscription_id uuid NOT NULL REFERENCES webhook_subscriptions(id) ON DELETE CASCADE,
        event_id bigint NOT NULL,
        event_type text NOT NULL,
        message_id text NOT NULL,
        body text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_attempt_at timestamptz,
        last_status_code integer,
        last_latency_ms integer,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_deliveries_subscription_event_key UNIQUE (subscription_id, event_id)
      )`);
    await q.query(`CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (subscription_id, seq) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX webhook_deliveries_log_idx ON webhook_deliveries (subscription_id, seq DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE webhook_subscriptions`);
  }
}
