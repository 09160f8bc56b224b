import type { EntityManager } from 'typeorm';
import { Subject, subjectsOf } from './evaluation.sql';

/** How often the inventory's fingerprint is checked; a change empties the cache. */
const CHECK_EVERY_MS = 60_000;
/** Emptied this often whatever the fingerprint says (a safety net, should statistics be off or reset). */
const MAX_AGE_MS = 15 * 60_000;

/**
 * Resource → (type, project, client, measurements), kept in the worker between evaluations:
 * a slot's 25 batches of 4,000 VMs would otherwise read the same rows every slot. The cache
 * is dropped whenever the inventory's fingerprint moves (PostgreSQL's counts of rows inserted,
 * updated and deleted in resources, projects and resource_measurements: a catalog read, not a
 * scan of 100,000 rows), checked at most once a minute, and every 15 minutes regardless, so a
 * scope change reaches alerting within a minute.
 */
export class SubjectCache {
  private readonly subjects = new Map<string, Subject>();
  private fingerprint = '';
  private checkedAt = 0;
  private filledAt = 0;

  async get(db: EntityManager, ids: readonly string[], now = Date.now()): Promise<Subject[]> {
    if (now - this.checkedAt >= CHECK_EVERY_MS) {
      this.checkedAt = now;
      const [row]: { f: string | null }[] = await db.query(
        `SELECT string_agg(relname || ':' || (n_tup_ins + n_tup_upd + n_tup_del), ',' ORDER BY relname) AS f
           FROM pg_stat_user_tables WHERE relname IN ('resources', 'projects', 'resource_measurements') AND schemaname = current_schema()`,
      );
      const fingerprint = row?.f ?? '';
      if (fingerprint !== this.fingerprint || now - this.filledAt >= MAX_AGE_MS) {
        this.subjects.clear();
        this.filledAt = now;
      }
      this.fingerprint = fingerprint;
    }
    const missing = ids.filter((id) => !this.subjects.has(id));
    if (missing.length) for (const s of await subjectsOf(db, missing)) this.subjects.set(s.id, s);
    return ids.map((id) => this.subjects.get(id)).filter((s): s is Subject => s !== undefined);
  }

  /** Tests change the inventory between evaluations. */
  clear(): void {
    this.subjects.clear();
    this.checkedAt = 0;
  }
}
