/** The SQL of libs/mail, which owns mail_outbox. */

export const ENQUEUE = `
  INSERT INTO mail_outbox (source, dedupe_key, recipients, subject, text_body, html_body)
  SELECT source, dedupe_key, recipients::text[], subject, text_body, html_body
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS m (source, dedupe_key, recipients, subject, text_body, html_body)
  ON CONFLICT (dedupe_key) DO NOTHING`;

/** Claims up to $1 due mails for $2 ms; SKIP LOCKED, so two senders never take one mail. */
export const CLAIM_MAIL = `
  UPDATE mail_outbox m SET lease_until = clock_timestamp() + make_interval(secs => $2::double precision / 1000)
   WHERE m.id IN (
     SELECT id FROM mail_outbox
      WHERE status = 'pending' AND next_attempt_at <= clock_timestamp() AND (lease_until IS NULL OR lease_until < clock_timestamp())
      ORDER BY next_attempt_at
      LIMIT $1
      FOR UPDATE SKIP LOCKED)
  RETURNING id, recipients, subject, text_body, html_body, attempts`;

export const MARK_SENT = `UPDATE mail_outbox SET status = 'sent', sent_at = now(), attempts = attempts + 1, lease_until = NULL, last_error = NULL WHERE id = $1`;

/** $2 the status ('pending' to retry at $3, 'failed' for good), $4 why. */
export const MARK_FAILED = `
  UPDATE mail_outbox SET status = $2, attempts = attempts + 1, next_attempt_at = coalesce($3, next_attempt_at), last_error = $4, lease_until = NULL
   WHERE id = $1`;

/** Sent or failed mail older than $1 days, at most $2 at a time. */
export const SWEEP_MAIL = `
  DELETE FROM mail_outbox WHERE id IN (
    SELECT id FROM mail_outbox WHERE status <> 'pending' AND created_at < now() - make_interval(days => $1) LIMIT $2)`;
