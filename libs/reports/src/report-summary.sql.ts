/**
 * The billing page's client list: one row per client with what its report's totals would say
 * about coverage, in ONE statement for every client (the page used to run a report per client:
 * 373 s for 2,000 clients).
 *
 * Coverage uses the report's own definitions (report.sql.ts, design §4): a report has a line per
 * series that has samples in [from, to), plus one per measurement assigned to an active resource
 * created before `to`; every line expects the same slots. So the client's coverage (Σ samples ÷
 * Σ expected over its lines) is samples ÷ (lines × expected per line); the service multiplies.
 * test/reports/report-summary.int-spec.ts holds this against the per-client report.
 *
 * Status comes from the latest finished collection run (collection_runs is the collection lib's
 * table, read here like samples are, because the list must be one query): each active resource
 * of a collected type (ganeti-vm, node) either has an ok outcome in that run or not.
 *
 * Parameters: $1 client id or NULL for every client, $2 from, $3 to, $4 collected resource types.
 */
export const REPORT_SUMMARY_SQL = `
WITH cl AS (
  SELECT c.id, c.name, c.billing_ref, c.active FROM clients c WHERE $1::uuid IS NULL OR c.id = $1::uuid
),
res AS (
  SELECT r.id, p.client_id, r.active, r.created_at, r.type = ANY($4::text[]) AS collected
    FROM resources r JOIN projects p ON p.id = r.project_id JOIN cl ON cl.id = p.client_id
),
sampled AS (
  SELECT s.resource_id, s.measurement_id, count(*)::int AS samples
    FROM samples s JOIN res ON res.id = s.resource_id
   WHERE s.ts >= $2::timestamptz AND s.ts < $3::timestamptz
   GROUP BY s.resource_id, s.measurement_id
),
assigned AS (
  SELECT rm.resource_id, rm.measurement_id
    FROM resource_measurements rm JOIN res ON res.id = rm.resource_id
   WHERE res.active AND res.created_at < $3::timestamptz
),
lines AS (
  SELECT res.client_id, count(*)::int AS lines, COALESCE(sum(a.samples), 0)::bigint AS samples
    FROM sampled a
    FULL JOIN assigned m ON m.resource_id = a.resource_id AND m.measurement_id = a.measurement_id
    JOIN res ON res.id = COALESCE(a.resource_id, m.resource_id)
   GROUP BY res.client_id
),
last_run AS (
  SELECT id FROM collection_runs WHERE kind = 'collect' AND state IN ('succeeded', 'partial', 'failed') ORDER BY slot DESC LIMIT 1
),
counts AS (
  SELECT res.client_id,
         count(*) FILTER (WHERE res.active AND res.collected)::int AS collected,
         count(*) FILTER (WHERE res.active AND NOT res.collected)::int AS pushed,
         count(*) FILTER (WHERE NOT res.active)::int AS inactive,
         count(o.target) FILTER (WHERE res.active AND res.collected AND o.ok)::int AS collected_ok
    FROM res
    LEFT JOIN collection_run_outcomes o ON o.run_id = (SELECT id FROM last_run) AND o.target = res.id::text
   GROUP BY res.client_id
)
SELECT cl.id, cl.name, cl.billing_ref, cl.active,
       COALESCE(k.collected, 0) AS collected, COALESCE(k.pushed, 0) AS pushed, COALESCE(k.inactive, 0) AS inactive,
       COALESCE(k.collected_ok, 0) AS collected_ok, (SELECT id FROM last_run) IS NOT NULL AS has_run,
       COALESCE(l.lines, 0) AS lines, COALESCE(l.samples, 0)::float8 AS samples
  FROM cl
  LEFT JOIN counts k ON k.client_id = cl.id
  LEFT JOIN lines l ON l.client_id = cl.id
 ORDER BY cl.name, cl.id
`;

export interface ReportSummarySqlRow {
  id: string;
  name: string;
  billing_ref: string | null;
  active: boolean;
  collected: number;
  pushed: number;
  inactive: number;
  collected_ok: number;
  has_run: boolean;
  lines: number;
  samples: number;
}
