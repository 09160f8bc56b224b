import type { EntityManager } from 'typeorm';
import type { Level } from '../engine/levels';
import type { SeriesState } from '../engine/series-step';

/** The SQL of alert_series (owned by libs/alerts). Only series that are not steadily ok have a row. */

export interface SeriesRow extends SeriesState {
  subjectId: string;
  lastTs: Date | null;
  lastValue: number | null;
}

interface SeriesDbRow {
  rule_id: string; subject_id: string; state: Level; candidate: SeriesState['candidate']; candidate_count: number; missing_count: number;
  history: string; flapping: boolean; last_ts: Date | null; last_value: number | null;
}

/** The rows of some rules over some subjects, by rule, then subject. The table holds only series that are not plainly ok, so this is small. */
export async function loadSeries(db: EntityManager, ruleIds: readonly string[], subjectIds: readonly string[]): Promise<Map<string, Map<string, SeriesRow>>> {
  const out = new Map<string, Map<string, SeriesRow>>(ruleIds.map((id) => [id, new Map()]));
  if (!ruleIds.length || !subjectIds.length) return out;
  // A hash join against the (small) table, rather than an index probe per rule and subject.
  const rows: SeriesDbRow[] = await db.query(
    `SELECT s.* FROM unnest($2::uuid[]) u(id) JOIN alert_series s ON s.subject_id = u.id WHERE s.rule_id = ANY($1::uuid[])`,
    [ruleIds, subjectIds],
  );
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

/** Above this many rows, which series exist is asked per batch instead of kept in memory. */
const INDEX_UP_TO = 50_000;

/**
 * Which (rule, subject) series have a row, kept in the worker between evaluations: most
 * batches of a slot have no row at all, and asking with their 4,000 ids costs more than the
 * batch's whole evaluation otherwise. The index is reread whenever the table's fingerprint
 * (row count and newest row version, `xmin`) moves, which every insert, update and delete
 * does, from any worker, so it is never stale.
 */
export class SeriesIndex {
  private fingerprint = '';
  private keys = new Map<string, Set<string>>();

  /** By rule, the subjects with a row; undefined when the table is too large to keep (ask loadSeries). */
  async get(db: EntityManager): Promise<Map<string, Set<string>> | undefined> {
    const [{ n, x }]: { n: number; x: string }[] = await db.query(`SELECT count(*)::int AS n, coalesce(max(xmin::text::bigint), 0)::text AS x FROM alert_series`);
    if (n > INDEX_UP_TO) return undefined;
    const fingerprint = `${n}/${x}`;
    if (fingerprint !== this.fingerprint) {
      const rows: { rule_id: string; subject_id: string }[] = await db.query(`SELECT rule_id, subject_id FROM alert_series`);
      const keys = new Map<string, Set<string>>();
      for (const r of rows) (keys.get(r.rule_id) ?? keys.set(r.rule_id, new Set()).get(r.rule_id)!).add(r.subject_id);
      [this.keys, this.fingerprint] = [keys, fingerprint];
    }
    return this.keys;
  }
}
