import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every attempt at a webhook delivery, not only the last (design §8: "each attempt visible"):
 * when, the receiver's status, latency and error. Written with the delivery's own update, in
 * one statement per batch of results (libs/webhooks owns it).
 */
export class WebhookDeliveryAttempts1795820002000 implements MigrationInterface {
  name = 'WebhookDeliveryAttempts1795820002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_delivery_attempts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
        attempted_at timestamptz NOT NULL,
        ok boolean NOT NULL,
        status_code integer,
        latency_ms integer NOT NULL,
        error text
      )`);
    await q.query(`CREATE INDEX webhook_delivery_attempts_delivery_idx ON webhook_delivery_attempts (delivery_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_delivery_attempts`);
  }
}
