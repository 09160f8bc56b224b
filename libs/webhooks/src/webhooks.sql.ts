/** The SQL of libs/webhooks, which owns webhook_subscriptions and webhook_deliveries. */

export const SUBSCRIPTION_COLUMNS = `id, client_id, url, events, description, active, disabled_at, disabled_reason, failing_since,
  previous_valid_until, created_at, updated_at`;

export const SEALED_COLUMNS = `secret_ciphertext, secret_iv, secret_tag, key_version,
  previous_secret_ciphertext, previous_secret_iv, previous_secret_tag, previous_key_version, previous_valid_until`;

export const INSERT_SUBSCRIPTION = `
  INSERT INTO webhook_subscriptions (id, client_id, url, events, description, secret_ciphertext, secret_iv, secret_tag, key_version)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
  RETURNING ${SUBSCRIPTION_COLUMNS}`;

/** $1 id, $2 tenant (null: any). */
export const GET_SUBSCRIPTION = `
  SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions WHERE id = $1 AND ($2::uuid IS NULL OR client_id = $2)`;

export const UPDATE_SUBSCRIPTION = `
  UPDATE webhook_subscriptions
     SET url = $2, events = $3, description = $4, active = $5,
         disabled_at = CASE WHEN $5 THEN NULL ELSE disabled_at END,
         disabled_reason = CASE WHEN $5 THEN NULL ELSE disabled_reason END,
         failing_since = CASE WHEN $5 AND NOT active THEN NULL ELSE failing_since END,
         updated_at = now()
   WHERE id = $1
  RETURNING ${SUBSCRIPTION_COLUMNS}`;

/** The new secret becomes current; the current one signs too until $6. */
export const ROTATE_SECRET = `
  UPDATE webhook_subscriptions
     SET previous_secret_ciphertext = secret_ciphertext, previous_secret_iv = secret_iv, previous_secret_tag = secret_tag,
         previous_key_version = key_version, previous_valid_until = $6,
         secret_ciphertext = $2, secret_iv = $3, secret_tag = $4, key_version = $5, updated_at = now()
   WHERE id = $1
  RETURNING ${SUBSCRIPTION_COLUMNS}`;

/** Subscriptions that may receive events: the after-hook matches them against each batch. */
export const ACTIVE_SUBSCRIPTIONS = `SELECT id, client_id, events FROM webhook_subscriptions WHERE active`;

/** Wakes every worker's dispatcher when the relay's transaction commits new deliveries. */
export const DELIVERIES_CHANNEL = 'tally_webhook_deliveries';
export const NOTIFY_DELIVERIES = `SELECT pg_notify('${DELIVERIES_CHANNEL}', '')`;

/** One delivery per (subscription, event); a replayed batch adds nothing. */
export const INSERT_DELIVERIES = `
  INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, message_id, body)
  SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[], $5::text[])
  ON CONFLICT (subscription_id, event_id) DO NOTHING`;

export const DELIVERY_COLUMNS = `id, subscription_id, event_id::text, event_type, message_id, status, attempts, next_attempt_at, last_attempt_at,
  last_status_code, last_latency_ms, last_error, delivered_at, created_at`;

/**
 * Claims up to $1 subscriptions whose oldest pending delivery is due, for $2 ms, as owner $3.
 * SKIP LOCKED: workers claiming at once take different subscriptions. Only the oldest pending
 * delivery counts, so a subscription's deliveries go out in relay order, one after another.
 */
export const CLAIM_SUBSCRIPTIONS = `
  UPDATE webhook_subscriptions s
     SET lease_until = clock_timestamp() + make_interval(secs => $2::double precision / 1000), lease_owner = $3
   WHERE s.id IN (
     SELECT c.id FROM webhook_subscriptions c
      WHERE c.active AND (c.lease_until IS NULL OR c.lease_until < clock_timestamp())
        AND (SELECT d.next_attempt_at FROM webhook_deliveries d
              WHERE d.subscription_id = c.id AND d.status = 'pending' ORDER BY d.seq LIMIT 1) <= clock_timestamp()
      LIMIT $1
      FOR UPDATE SKIP LOCKED)
  RETURNING s.id, s.client_id, s.url, s.failing_since, ${SEALED_COLUMNS}`;

/** A claimed subscription's next deliveries, in order. */
export const PENDING_DELIVERIES = `
  SELECT id, message_id, body, attempts, next_attempt_at FROM webhook_deliveries
   WHERE subscription_id = $1 AND status = 'pending' ORDER BY seq LIMIT $2`;

/** Records a batch's attempts at once: each delivery's state, and one attempts row per attempt made. */
export const RECORD_ATTEMPTS = `
  WITH a AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::int[], $5::int[], $6::text[], $7::timestamptz[])
      AS a (id, status, at, code, latency, error, next_at)
  ), updated AS (
    UPDATE webhook_deliveries d
       SET status = a.status, attempts = d.attempts + 1, last_attempt_at = a.at, last_status_code = a.code, last_latency_ms = a.latency,
           last_error = a.error, next_attempt_at = coalesce(a.next_at, d.next_attempt_at),
           delivered_at = CASE WHEN a.status = 'delivered' THEN a.at ELSE d.delivered_at END
      FROM a
     WHERE d.id = a.id
    RETURNING d.id
  )
  INSERT INTO webhook_delivery_attempts (delivery_id, attempted_at, ok, status_code, latency_ms, error)
  SELECT a.id, a.at, a.status = 'delivered', a.code, a.latency, a.error FROM a JOIN updated u ON u.id = a.id`;

/** One delivery's attempts, oldest first (at most $2). */
export const DELIVERY_ATTEMPTS = `
  SELECT attempted_at, ok, status_code, latency_ms, error FROM webhook_delivery_attempts WHERE delivery_id = $1 ORDER BY id LIMIT $2`;

/** Ends a claim and keeps the subscription's health: $3 true if the batch delivered, false if it failed, null if neither. */
export const RELEASE_SUBSCRIPTION = `
  UPDATE webhook_subscriptions
     SET lease_until = NULL, lease_owner = NULL,
         failing_since = CASE WHEN $3::boolean IS NULL THEN failing_since WHEN $3 THEN NULL ELSE coalesce(failing_since, $4::timestamptz) END
   WHERE id = $1 AND lease_owner = $2
  RETURNING failing_since`;

export const DISABLE_SUBSCRIPTION = `
  UPDATE webhook_subscriptions SET active = false, disabled_at = now(), disabled_reason = $2, updated_at = now()
   WHERE id = $1 AND active
  RETURNING ${SUBSCRIPTION_COLUMNS}`;

export const REDELIVER = `
  UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = now()
   WHERE id = $1 AND subscription_id = $2
  RETURNING ${DELIVERY_COLUMNS}`;

/** Finished deliveries older than $1 days, at most $2 at a time (their attempts go with them). */
export const SWEEP_DELIVERIES = `
  DELETE FROM webhook_deliveries WHERE id IN (
    SELECT id FROM webhook_deliveries WHERE status <> 'pending' AND created_at < now() - make_interval(days => $1) LIMIT $2)`;

/** Subscriptions with a secret (current or previous) not sealed with key version $1. */
export const TO_RESEAL = `
  SELECT id, url, ${SEALED_COLUMNS} FROM webhook_subscriptions
   WHERE key_version <> $1 OR (previous_key_version IS NOT NULL AND previous_key_version <> $1)
   ORDER BY created_at, id`;

/** Rewrites both sealed secrets, only if the current one is still the one read ($10, its iv). */
export const RESEAL = `
  UPDATE webhook_subscriptions
     SET secret_ciphertext = $2, secret_iv = $3, secret_tag = $4, key_version = $5,
         previous_secret_ciphertext = $6, previous_secret_iv = $7, previous_secret_tag = $8, previous_key_version = $9
   WHERE id = $1 AND secret_iv = $10`;

/** The backlog for the metrics: deliveries not yet delivered nor given up (a partial index covers it). */
export const COUNT_PENDING = `SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'pending'`;
