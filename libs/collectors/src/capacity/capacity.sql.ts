/** Recent finished runs of a kind, newest slot first ($1 kind, $2 how many). */
const RECENT = `SELECT id, started_at, finished_at FROM collection_runs
  WHERE kind = $1 AND finished_at IS NOT NULL AND started_at IS NOT NULL ORDER BY slot DESC LIMIT $2`;

/** Poll (or fetch) durations over the outcomes of recent runs that contacted something. */
export const OUTCOME_DURATIONS_SQL = `WITH recent AS (${RECENT})
  SELECT count(*)::int AS count,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY o.duration_ms) AS p50,
         percentile_cont(0.95) WITHIN GROUP (ORDER BY o.duration_ms) AS p95,
         avg(o.duration_ms)::float8 AS mean
    FROM collection_run_outcomes o JOIN recent r ON r.id = o.run_id
   WHERE o.duration_ms IS NOT NULL`;

/** Start-to-finish durations of recent runs, in ms. */
export const RUN_DURATIONS_SQL = `WITH recent AS (${RECENT}), d AS (
    SELECT extract(epoch FROM finished_at - started_at) * 1000 AS ms FROM recent)
  SELECT count(*)::int AS count,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
         percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95,
         avg(ms)::float8 AS mean, max(ms)::float8 AS max
    FROM d`;
