import { SAMPLE_VALUE_LIMIT, SAMPLE_VALUE_SMALLEST } from '@tally/metering';

/**
 * The report query: one row per (project, resource, measurement) of a client, with design §4
 * computed in SQL so only ~8 rows per resource leave Postgres. Mirrors report-math.ts; the
 * integration tests hold the two against each other.
 *
 * Shape, and why:
 * - One pass over the client's samples in [from, to), resource by resource (LATERAL): each
 *   resource's rows are windowed and aggregated on their own, so Postgres sorts ~12k rows at a
 *   time in memory instead of the whole client's month on disk, and nothing is joined back.
 *   The ts range sits on samples itself so monthly partitions outside the window are pruned.
 * - LEAD gives a gauge sample its hold; LAG gives a counter its step (boot id change = reset).
 *   Both sums are computed and the measurement's kind picks one (no join inside the hot loop).
 * - A counter's first step needs the last sample before `from`: the aggregate keeps each
 *   series' first value and boot id, and a LATERAL probe on the primary key (ORDER BY ts DESC
 *   LIMIT 1; partitions are read newest first and it stops at the first hit) fetches the
 *   baseline only for counter series that have samples.
 * - Series come from the samples (so deactivated resources with samples are billed) plus the
 *   measurements assigned to ACTIVE resources created before `to` (FULL JOIN), so a silent
 *   machine shows up with samples = 0 instead of disappearing from the invoice.
 * - Sums (usage, avg) use each value brought into the accepted range (report-math forSums), so a
 *   value stored before that range was enforced cannot overflow or underflow float8 and fail the
 *   report; min, max and last show the stored values. Within the range this changes nothing.
 * - A line counts the corrections that changed its series where the line's numbers come from:
 *   the window, and for a counter with samples also the baseline before it (a corrected or
 *   deleted baseline changes the first step). correction_series holds one row per series and
 *   UTC day a correction touched, so this is an index probe per line (metering's table, read
 *   here as samples are, since the report is one query).
 * - Measured: 200 resources × 8 measurements × 1 month (2.4M samples) in ~1.4 s.
 *
 * - Segments (only when asked: a price changes inside the window, or FOCUS wants days): $5 holds
 *   the bounds [from, cut…, to]. Each series with samples is probed once more on its primary key
 *   and its usage split per segment: a gauge hold counts in each segment for the time it held
 *   there, a counter step in the segment of the sample that made it. The line's usage above is
 *   computed exactly as without segments, so no existing number changes; report-pricing.ts
 *   makes the parts add up to it exactly.
 *
 * Parameters: $1 client id, $2 from, $3 to, $4 interval in seconds, [$5 segment bounds].
 */
const LIMIT = `${SAMPLE_VALUE_LIMIT}::float8`;
const clamped = (column: string) =>
  `CASE WHEN abs(${column}) < ${SAMPLE_VALUE_SMALLEST}::float8 THEN 0::float8 ELSE LEAST(GREATEST(${column}, -${LIMIT}), ${LIMIT}) END`;

const reportSqlHead = `
WITH res AS (
  SELECT r.id, r.name, r.type, r.active, r.created_at, r.labels, p.id AS project_id, p.name AS project_name, p.billing_ref AS project_billing_ref
    FROM resources r
    JOIN projects p ON p.id = r.project_id
   WHERE p.client_id = $1::uuid
),
series AS (
  SELECT res.*, x.*
    FROM res
    CROSS JOIN LATERAL (
      SELECT COALESCE(a.measurement_id, rm.measurement_id) AS measurement_id,
             COALESCE(a.samples, 0) AS samples, a.min, a.max, a.avg, a.last,
             a.gauge_usage, a.counter_inner, a.first_value, a.first_boot
        FROM (
          SELECT measurement_id,
                 count(*)::int AS samples,
                 min(value) AS min, max(value) AS max, avg(v) AS avg,
                 max(value) FILTER (WHERE next_ts IS NULL) AS last,
                 sum(v * (LEAST(date_part('epoch', COALESCE(next_ts, $3::timestamptz) - ts), $4::float8) / 3600)) AS gauge_usage,
                 sum(CASE
                       WHEN prev_v IS NULL THEN 0
                       WHEN v >= prev_v AND NOT COALESCE(boot_id <> prev_boot, false) THEN v - prev_v
                       ELSE v
                     END) AS counter_inner,
                 max(v) FILTER (WHERE prev_v IS NULL) AS first_value,
                 (array_agg(boot_id) FILTER (WHERE prev_v IS NULL))[1] AS first_boot
            FROM (
              SELECT s.measurement_id, s.ts, s.value, ${clamped('s.value')} AS v, s.boot_id,
                     LEAD(s.ts) OVER w AS next_ts, LAG(${clamped('s.value')}) OVER w AS prev_v, LAG(s.boot_id) OVER w AS prev_boot
                FROM samples s
               WHERE s.resource_id = res.id AND s.ts >= $2::timestamptz AND s.ts < $3::timestamptz
              WINDOW w AS (PARTITION BY s.measurement_id ORDER BY s.ts)
            ) steps
           GROUP BY measurement_id
        ) a
        FULL JOIN (
          SELECT rm.measurement_id
            FROM resource_measurements rm
           WHERE rm.resource_id = res.id AND res.active AND res.created_at < $3::timestamptz
        ) rm ON rm.measurement_id = a.measurement_id
    ) x
)
SELECT k.project_id, k.project_name, k.project_billing_ref,
       k.id AS resource_id, k.name AS resource_name, k.type AS resource_type, k.active AS resource_active,
       m.id AS measurement_id, m.key AS measurement_key, m.kind, m.unit, m.display_unit, m.display_places, k.labels AS resource_labels,
       k.samples, k.min, k.max, k.avg, k.last, cor.corrections, cor.corrected_at,
       CASE
         WHEN k.samples = 0 THEN 0
         WHEN m.kind = 'gauge' THEN k.gauge_usage
         WHEN b.value IS NULL THEN k.counter_inner
         WHEN k.first_value >= b.value AND NOT COALESCE(k.first_boot <> b.boot_id, false)
           THEN k.counter_inner + (k.first_value - b.value)
         ELSE k.counter_inner + k.first_value
       END AS usage,
       SEGMENT_COLUMNS
  FROM series k
  JOIN measurements m ON m.id = k.measurement_id
  LEFT JOIN LATERAL (
    SELECT ${clamped('s.value')} AS value, s.boot_id, s.ts
      FROM samples s
     WHERE m.kind = 'counter' AND k.samples > 0
       AND s.resource_id = k.id AND s.measurement_id = k.measurement_id
       AND s.ts < $2::timestamptz
     ORDER BY s.ts DESC
     LIMIT 1
  ) b ON true
  LEFT JOIN LATERAL (
    SELECT count(DISTINCT cs.correction_id)::int AS corrections, max(c.created_at) AS corrected_at
      FROM correction_series cs
      JOIN corrections c ON c.id = cs.correction_id
     WHERE cs.resource_id = k.id AND cs.measurement_id = k.measurement_id
       AND cs.first_ts < $3::timestamptz
       AND cs.last_ts >= CASE WHEN m.kind = 'counter' AND k.samples > 0 THEN COALESCE(b.ts, '-infinity') ELSE $2::timestamptz END
  ) cor ON true
  SEGMENT_JOIN
 ORDER BY k.project_name, k.name, m.key, k.project_id, k.id
`;

/** The same counter step as counter_inner above, for one sample row. */
const COUNTER_STEP = `CASE WHEN st.prev_v IS NULL THEN 0
            WHEN st.v >= st.prev_v AND NOT COALESCE(st.boot_id <> st.prev_boot, false) THEN st.v - st.prev_v
            ELSE st.v END`;

/**
 * Usage per segment of one series, as two arrays (segment numbers from 1, usage), listing only
 * segments the series has usage in. Segment j is [$5[j], $5[j+1]).
 */
const SEGMENT_JOIN = `LEFT JOIN LATERAL (
    SELECT array_agg(g.j ORDER BY g.j) AS segment_index, array_agg(g.u ORDER BY g.j) AS segment_usage
      FROM (
        SELECT j, sum(CASE
                   WHEN m.kind = 'gauge' THEN st.v * (GREATEST(0, date_part('epoch', LEAST(st.hold_end, ($5::timestamptz[])[j + 1]) - GREATEST(st.ts, ($5::timestamptz[])[j]))) / 3600)
                   WHEN j = st.b THEN ${COUNTER_STEP}
                   ELSE 0
                 END) AS u
          FROM (
            SELECT x.*, x.ts + LEAST(date_part('epoch', COALESCE(x.next_ts, $3::timestamptz) - x.ts), $4::float8) * interval '1 second' AS hold_end
              FROM (
                SELECT s.ts, ${clamped('s.value')} AS v, s.boot_id, width_bucket(s.ts, $5::timestamptz[]) AS b,
                       LEAD(s.ts) OVER w AS next_ts, LAG(${clamped('s.value')}) OVER w AS prev_v, LAG(s.boot_id) OVER w AS prev_boot
                  FROM samples s
                 WHERE s.resource_id = k.id AND s.measurement_id = k.measurement_id AND s.ts >= $2::timestamptz AND s.ts < $3::timestamptz
                WINDOW w AS (ORDER BY s.ts)
              ) x
          ) st
          CROSS JOIN LATERAL generate_series(st.b, CASE WHEN m.kind = 'gauge' THEN LEAST(width_bucket(st.hold_end, $5::timestamptz[]), cardinality($5::timestamptz[]) - 1) ELSE st.b END) j
         GROUP BY j
      ) g
     WHERE k.samples > 0
  ) seg ON true`;

/** The report query; with segments it also splits each line's usage at the bounds in $5. */
export function reportSql(segmented: boolean): string {
  return reportSqlHead
    .replace('SEGMENT_COLUMNS', segmented ? 'seg.segment_index, seg.segment_usage' : 'NULL::int[] AS segment_index, NULL::float8[] AS segment_usage')
    .replace('SEGMENT_JOIN', segmented ? SEGMENT_JOIN : '');
}

/** A row as Postgres returns it (float8 arrive as numbers, ints cast to int4 above). */
export interface ReportSqlRow {
  project_id: string;
  project_name: string;
  project_billing_ref: string | null;
  resource_id: string;
  resource_name: string;
  resource_type: string;
  resource_active: boolean;
  measurement_id: number;
  measurement_key: string;
  kind: 'gauge' | 'counter';
  unit: string;
  samples: number;
  min: number | null;
  max: number | null;
  avg: number | null;
  last: number | null;
  usage: number;
  corrections: number;
  corrected_at: Date | null;
  display_unit: string | null;
  display_places: number;
  resource_labels: Record<string, string> | null;
  /** Set only with segments, and only for series with samples. */
  segment_index: number[] | null;
  segment_usage: number[] | null;
}

/** bounds: [from, cut…, to] in epoch ms when the lines are to be split; none or two bounds: no split. */
export function reportSqlParams(clientId: string, from: Date, to: Date, intervalMs: number, bounds?: readonly number[]): unknown[] {
  const base = [clientId, from.toISOString(), to.toISOString(), intervalMs / 1000];
  return bounds && bounds.length > 2 ? [...base, bounds.map((b) => new Date(b).toISOString())] : base;
}

/**
 * A streaming replica's lag: 0 when it has replayed all it received, else the age of the last
 * transaction it replayed (an upper bound while the primary is idle). A server that is not in
 * recovery (DATABASE_READ_URL naming a primary) is 0 behind itself.
 */
export const REPLICA_LAG_SQL = `
SELECT CASE
         WHEN NOT pg_is_in_recovery() THEN 0
         WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
         ELSE greatest(0, EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()))
       END AS lag`;

/** The query without segments: what a report runs when no price changes inside its window (bench/report runs it). */
export const REPORT_SQL = reportSql(false);
