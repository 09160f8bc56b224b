import type { EntityManager } from 'typeorm';
import type { Level } from '../engine/levels';
import type { SeriesState } from '../engine/series-step';

/** The SQL of alert_series (owned by libs/alerts). Only series that are not steadily ok have a row. */

export interface SeriesRow extends SeriesState {
  subjectId: string;
  lastTs: Date | null;
  lastValue: number | null;
}

export async function loadSeries(db: EntityManager, ruleId: string, subjectIds: readonly string[]): Promise<Map<string, SeriesRow>> {
  const rows: { subject_id: string; state: Level; candidate: SeriesState['candidate']; candidate_count: number; missing_count: number; history: string; flapping: boolean; last_ts: Date | null; last_value: number | null }[] =
    await db.query(`SELECT * FROM alert_series WHERE rule_id = $1 AND subject_id = ANY($2::uuid[])`, [ruleId, subjectIds]);
  return new Map(rows.map((r) => [r.subject_id, {
    subjectId: r.subject_id, state: r.state, candidate: r.candidate, candidateCount: r.candidate_count, missingCount: r.missing_count,
    history: r.history, flapping: r.flapping, lastTs: r.last_ts, lastValue: r.last_value,
  }]));
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
