/**
 * The report query: one row per (project, resource, measurement) of a client, with design §4
 * computed in SQL so only ~8 rows per resource leave Postgres. Mirrors report-math.ts.
 *
 * Shape, and why:
 * - `steps` is the ONE pass over the client's samples in [from, to). The ts range is in the
 *   WHERE on samples itself so monthly partitions outside the window are pruned. LEAD gives a
 *   gauge sample its hold time; LAG gives a counter its step (boot id change = reset).
 * - A counter's first step needs the last sample before `from`. Rather than a second scan, the
 *   aggregate keeps each series' first value and boot id, and a LATERAL probe on the primary key
 *   (ORDER BY ts DESC LIMIT 1; partitions are read newest first and it stops at the first hit)
 *   fetches the baseline only for counter series that have samples.
 * - Series come from the samples (so deactivated resources with samples are billed) plus the
 *   measurements assigned to ACTIVE resources created before `to`, so a silent machine shows up
 *   with samples = 0 instead of disappearing from the invoice.
 *
 * Parameters: $1 client id, $2 from, $3 to, $4 interval in seconds.
 */
export const REPORT_SQL = `
WITH res AS (
  SELECT r.id, r.name, r.type, r.active, r.created_at, p.id AS project_id, p.name AS project_name
    FROM resources r
    JOIN projects p ON p.id = r.project_id
   WHERE p.client_id = $1::uuid
),
steps AS (
  SELECT s.resource_id, s.measurement_id, s.value, s.boot_id,
         LAG(s.ts) OVER w IS NULL AS is_first,
         LEAD(s.ts) OVER w IS NULL AS is_last,
         CASE
           WHEN m.kind = 'gauge' THEN
             s.value * (LEAST(EXTRACT(EPOCH FROM COALESCE(LEAD(s.ts) OVER w, $3::timestamptz) - s.ts)::float8, $4::float8) / 3600)
           WHEN LAG(s.ts) OVER w IS NULL THEN 0
           WHEN s.value >= LAG(s.value) OVER w AND NOT COALESCE(s.boot_id <> LAG(s.boot_id) OVER w, false)
             THEN s.value - LAG(s.value) OVER w
           ELSE s.value
         END AS inc
    FROM samples s
    JOIN res ON res.id = s.resource_id
    JOIN measurements m ON m.id = s.measurement_id
   WHERE s.ts >= $2::timestamptz AND s.ts < $3::timestamptz
  WINDOW w AS (PARTITION BY s.resource_id, s.measurement_id ORDER BY s.ts)
),
agg AS (
  SELECT resource_id, measurement_id,
         count(*)::int AS samples,
         min(value) AS min, max(value) AS max, avg(value) AS avg,
         max(value) FILTER (WHERE is_last) AS last,
         sum(inc) AS inner_usage,
         max(value) FILTER (WHERE is_first) AS first_value,
         (array_agg(boot_id) FILTER (WHERE is_first))[1] AS first_boot
    FROM steps
   GROUP BY resource_id, measurement_id
),
series AS (
  SELECT resource_id, measurement_id FROM agg
  UNION
  SELECT rm.resource_id, rm.measurement_id
    FROM resource_measurements rm
    JOIN res ON res.id = rm.resource_id
   WHERE res.active AND res.created_at < $3::timestamptz
)
SELECT r.project_id, r.project_name,
       r.id AS resource_id, r.name AS resource_name, r.type AS resource_type, r.active AS resource_active,
       m.id AS measurement_id, m.key AS measurement_key, m.kind, m.unit,
       COALESCE(a.samples, 0) AS samples, a.min, a.max, a.avg, a.last,
       CASE
         WHEN a.samples IS NULL THEN 0
         WHEN m.kind = 'gauge' OR b.value IS NULL THEN a.inner_usage
         WHEN a.first_value >= b.value AND NOT COALESCE(a.first_boot <> b.boot_id, false)
           THEN a.inner_usage + (a.first_value - b.value)
         ELSE a.inner_usage + a.first_value
       END AS usage
  FROM series k
  JOIN res r ON r.id = k.resource_id
  JOIN measurements m ON m.id = k.measurement_id
  LEFT JOIN agg a ON a.resource_id = k.resource_id AND a.measurement_id = k.measurement_id
  LEFT JOIN LATERAL (
    SELECT s.value, s.boot_id
      FROM samples s
     WHERE m.kind = 'counter' AND a.samples IS NOT NULL
       AND s.resource_id = k.resource_id AND s.measurement_id = k.measurement_id
       AND s.ts < $2::timestamptz
     ORDER BY s.ts DESC
     LIMIT 1
  ) b ON true
 ORDER BY r.project_name, r.name, m.key, r.project_id, r.id
`;

/** A row as Postgres returns it (float8 arrive as numbers, ints cast to int4 above). */
export interface ReportSqlRow {
  project_id: string;
  project_name: string;
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
}

export function reportSqlParams(clientId: string, from: Date, to: Date, intervalMs: number): unknown[] {
  return [clientId, from.toISOString(), to.toISOString(), intervalMs / 1000];
}
