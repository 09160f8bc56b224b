import type { EntityManager } from 'typeorm';
import type { Level } from '../engine/levels';
import type { SeriesState } from '../engine/series-step';
import type { AlertRule } from '../rules/rule';
import { enabledRules } from '../rules/rules.repository';

/** The SQL of alert_series (owned by libs/alerts). Only series that are not steadily ok have a row. */

export interface SeriesRow extends SeriesState {
  subjectId: string;
  lastTs: Date | null;
  lastValue: number | null;
  /** See migration AlertSeriesNotifyCheck: null, a time, or Infinity. */
  checkAfter: number | null;
}

interface SeriesDbRow {
  rule_id: string; subject_id: string; state: Level; candidate: SeriesState['candidate']; candidate_count: number; missing_count: number;
  history: string; flapping: boolean; last_ts: Date | null; last_value: number | null; check_after: Date | number | string | null;
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
      history: r.history, flapping: r.flapping, lastTs: r.last_ts, lastValue: r.last_value, checkAfter: millis(r.check_after),
    });
  }
  return out;
}

export async function saveSeries(tx: EntityManager, ruleId: string, rows: readonly SeriesRow[]): Promise<void> {
  if (!rows.length) return;
  const col = <T>(f: (r: SeriesRow) => T) => rows.map(f);
  const written: { inserted: boolean }[] = await tx.query(
    `INSERT INTO alert_series (rule_id, subject_id, state, candidate, candidate_count, missing_count, history, flapping, last_ts, last_value, check_after)
     SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::int[], $6::int[], $7::text[], $8::bool[], $9::timestamptz[], $10::float8[], $11::timestamptz[])
     ON CONFLICT (rule_id, subject_id) DO UPDATE SET state = EXCLUDED.state, candidate = EXCLUDED.candidate, candidate_count = EXCLUDED.candidate_count,
       missing_count = EXCLUDED.missing_count, history = EXCLUDED.history, flapping = EXCLUDED.flapping, last_ts = EXCLUDED.last_ts, last_value = EXCLUDED.last_value,
       check_after = EXCLUDED.check_after
     RETURNING (xmax = 0) AS inserted`,
    [ruleId, col((r) => r.subjectId), col((r) => r.state), col((r) => r.candidate), col((r) => r.candidateCount), col((r) => r.missingCount),
      col((r) => r.history), col((r) => r.flapping), col((r) => r.lastTs), col((r) => r.lastValue),
      col((r) => (r.checkAfter === null ? null : r.checkAfter === Infinity ? 'infinity' : new Date(r.checkAfter).toISOString()))],
  );
  if (written.some((w) => w.inserted)) await bumpVersion(tx);
}

/** A rule's notification settings changed: every series looks at its incident again at its next evaluation. */
export async function recheckRule(tx: EntityManager, ruleId: string): Promise<void> {
  await tx.query(`UPDATE alert_series SET check_after = NULL WHERE rule_id = $1`, [ruleId]);
}

export async function dropSeries(tx: EntityManager, ruleId: string, subjectIds: readonly string[]): Promise<void> {
  if (!subjectIds.length) return;
  await tx.query(`DELETE FROM alert_series WHERE rule_id = $1 AND subject_id = ANY($2::uuid[])`, [ruleId, subjectIds]);
  await bumpVersion(tx);
}

/** node-pg reads 'infinity' as Infinity, other instants as Dates. */
function millis(v: Date | number | string | null): number | null {
  if (v === null) return null;
  if (typeof v === 'number') return v;
  if (v instanceof Date) return v.getTime();
  return v === 'infinity' ? Infinity : Date.parse(v);
}

/** Marks a change to the rules or to which series have a row, in the changing transaction. */
export async function bumpVersion(tx: EntityManager): Promise<void> {
  await tx.query(`UPDATE alert_versions SET version = version + 1 WHERE id = 1`);
}

export async function currentVersion(db: EntityManager): Promise<string> {
  const [row]: { version: string }[] = await db.query(`SELECT version FROM alert_versions WHERE id = 1`);
  return String(row?.version ?? 0);
}

/**
 * What an evaluation keeps between batches: the enabled rules, and which (rule, subject)
 * series have a row. Most batches of a slot have no row at all, and asking with their 4,000
 * ids costs more than the rest of their evaluation. Both are reread whenever alert_versions
 * moved (every rule change and every insert or delete of a series row bumps it, from any
 * process, in its own transaction), so neither is ever stale.
 */
export class AlertState {
  private version = '';
  private rules: AlertRule[] = [];
  private keys = new Map<string, Set<string>>();

  async get(db: EntityManager): Promise<{ rules: AlertRule[]; keys: Map<string, Set<string>> }> {
    const version = await currentVersion(db);
    if (version !== this.version) {
      const rows: { rule_id: string; subject_id: string }[] = await db.query(`SELECT rule_id, subject_id FROM alert_series`);
      const keys = new Map<string, Set<string>>();
      for (const r of rows) (keys.get(r.rule_id) ?? keys.set(r.rule_id, new Set()).get(r.rule_id)!).add(r.subject_id);
      [this.rules, this.keys, this.version] = [await enabledRules(db), keys, version];
    }
    return { rules: this.rules, keys: this.keys };
  }
}
