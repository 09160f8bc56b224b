/**
 * The log's order: the commit number of the writing transaction (event_commits.seq, given at
 * commit under a lock, so numbers become visible in order), then the event id. A position is
 * (seq, id); whatever is after a position that a reader has passed was not yet committed when
 * it passed, and cannot be numbered before it.
 */

/** Events after position ($1 seq, $2 id), in log order, at most $3; each row carries its seq. */
export const EVENTS_AFTER = `
  SELECT c.seq::text AS seq, e.*
    FROM event_commits c
    JOIN events e ON e.tx = c.tx
   WHERE c.seq >= $1::bigint AND (c.seq, e.id) > ($1::bigint, $2::bigint)
   ORDER BY c.seq, e.id
   LIMIT $3`;

/** The position after every committed event: where a new reader starts. */
export const LOG_HEAD = `
  SELECT coalesce(max(seq), 0) AS seq, 9223372036854775807::bigint AS event_id FROM event_commits`;

/**
 * Per subject ($2 type, $1 ids): its latest event among types $3, or nulls. One backward probe
 * of events_subject_idx per subject, so the cost does not grow with the log. What a worker
 * happening is compared with (was this host already down?).
 */
export const LATEST_OF = `
  SELECT u.id AS subject_id, last.type, last.occurred_at, last.data
    FROM unnest($1::text[]) AS u(id)
    LEFT JOIN LATERAL (
      SELECT e.type, e.occurred_at, e.data FROM events e
       WHERE e.subject_type = $2 AND e.subject_id = u.id AND e.type = ANY($3::text[])
       ORDER BY e.id DESC LIMIT 1) last ON true`;
