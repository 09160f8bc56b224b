import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The mail outbox (libs/mail owns it): every e-mail Tally sends is a row first, written in the
 * transaction that decided to send it (the e-mail after-hook's relay batch; later, alerts),
 * and sent by the worker, retried while SMTP is unreachable. `lease_until` is a sender's claim
 * (taken FOR UPDATE SKIP LOCKED), so two workers never send one mail, and a killed one's
 * claim runs out. `dedupe_key` lets a producer make a mail at most once per cause.
 */
export class MailOutbox1795820001000 implements MigrationInterface {
  name = 'MailOutbox1795820001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mail_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source text NOT NULL,
        dedupe_key text,
        recipients text[] NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        lease_until timestamptz,
        last_error text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT mail_outbox_dedupe_key_key UNIQUE (dedupe_key)
      )`);
    await q.query(`CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mail_outbox`);
  }
}
