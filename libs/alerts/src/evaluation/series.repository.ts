import type { EntityManager } from 'typeorm';
import type { Level } from '../engine/levels';
import type { SeriesState } from '../engine/series-step';

/** The SQL of alert_series (owned by libs/alerts). Only series that are not steadily ok have a row. */

export interface SeriesRow extends SeriesState {
  subjectId: string;
  lastTs: Date | null;
  lastValue: number | null;
}

const WHOLE_RULES_UP_TO = 5_000;

interface SeriesDbRow {
  rule_id: string; subject_id: string; state: Level; candidate: SeriesState['candidate']; candidate_count: number; missing_count: number;
  history: string; flapping: boolean; last_ts: Date | null; last_value: number | null;
}

/** The rows of some rules over some subjects, by rule, then subject. The table holds only series that are not plainly ok, so this is small. */
export async function loadSeries(db: EntityManager, ruleIds: readonly string[], subjectIds: readonly string[]): Promise<Map<string, Map<string, SeriesRow>>> {
  const out = new Map<string, Map<string, SeriesRow>>(ruleIds.map((id) => [id, new Map()]));
  if (!ruleIds.length || !subjectIds.length) return out;
  // Usually a few rows per rule: read them all rather than send thousands of ids, unless there are many.
  let rows: SeriesDbRow[] = await db.query(`SELECT * FROM alert_series WHERE rule_id = ANY($1::uuid[]) LIMIT ${WHOLE_RULES_UP_TO + 1}`, [ruleIds]);
  if (rows.length > WHOLE_RULES_UP_TO || subjectIds.length < 50) {
    rows = await db.query(`SELECT * FROM alert_series WHERE rule_id = ANY($1::uuid[]) AND subject_id = ANY($2::uuid[])`, [ruleIds, subjectIds]);
  }
  const wanted = new Set(subjectIds);
  for (const r of rows) {
    if (!wanted.has(r.subject_id)) continue;
    out.get(r.rule_id)?.set(r.subject_id, {
      subjectId: r.subject_id, state: r.state, candidate: r.candidate, candidateCount: r.candidate_count, missingCount: r.missing_count,
      history: r.history, flapping: r.flapping, lastTs: r.last_ts, lastValue: r.last_value,
    });
  }
  return out;
}

export async function saveSeries(tx: EntityManager, ruleId: string, rows: readonly SeriesRow[]): Promise<void> {
  if (!rows.length) return;
  const col = <T>(f: (r: SeriesRow) => T) => rows.map(f);
  await tx.query(
    `INSERT INTO alert_series (rule_id, subject_id, state, candidate, candidate_count, missing_count, history, flapping, last_ts, last_value)
     SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::int[], $6::int[], $7::text[], $8::bool[], $9::timestamptz[], $10::float8[])
     ON CONFLICT (rule_id, subject_id) DO UPDATE SET state = EXCLUDED.state, candidate = EXCLUDED.candidate, candidate_count = EXCLUDED.candidate_count,
       missing_count = EXCLUDED.missing_count, history = EXCLUDED.history, flapping = EXCLUDED.flapping, last_ts = EXCLUDED.last_ts, last_value = EXCLUDED.last_value`,
    [ruleId, col((r) => r.subjectId), col((r) => r.state), col((r) => r.candidate), col((r) => r.candidateCount), col((r) => r.missingCount),
      col((r) => r.history), col((r) => r.flapping), col((r) => r.lastTs), col((r) => r.lastValue)],
  );
}

export async function dropSeries(tx: EntityManager, ruleId: string, subjectIds: readonly string[]): Promise<void> {
  if (subjectIds.length) await tx.query(`DELETE FROM alert_series WHERE rule_id = $1 AND subject_id = ANY($2::uuid[])`, [ruleId, subjectIds]);
}
