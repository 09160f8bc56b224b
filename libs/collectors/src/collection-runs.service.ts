import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { CollectionRunEntity, copyRows, RunKind, RunOutcome, RunState } from '@tally/database';
import { notFound, PageRequest } from '@tally/tenancy';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { SKIPPED_PREFIX } from './backoff';
import { HostStates, RunEvents } from './run-events';

/** States nothing more is collected in; `missed` is the ledger's: the slot closed with no collection. */
export const FINISHED_STATES: readonly RunState[] = ['succeeded', 'partial', 'failed', 'missed'];
/** Outcome rows deleted per statement when old runs are pruned, and statements per prune. */
const PRUNE_ROWS = 20_000;
const PRUNE_STATEMENTS = 50;

/** The state a run with these counts is in once every target has an outcome. */
export function finishedState(ok: number, errors: number): RunState {
  return errors === 0 ? 'succeeded' : ok === 0 ? 'failed' : 'partial';
}

/**
 * collection_runs: one row per (kind, slot); collection_run_outcomes: one row per target, so
 * recording the same outcome twice (a replayed persist job) changes nothing, and counts are
 * recomputed from the outcomes rather than incremented.
 */
@Injectable()
export class CollectionRunsService {
  constructor(
    @InjectRepository(CollectionRunEntity) private readonly runs: Repository<CollectionRunEntity>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: RunEvents,
  ) {}

  /**
   * The run of a slot, created if missing; `created` tells the API whether to answer 201 or 200.
   * `requested` (an operator's trigger through the API) records collection.requested with it.
   */
  async ensure(kind: RunKind, slot: Date, trigger: string, requested?: { resourceIds?: readonly string[] }): Promise<{ run: CollectionRunEntity; created: boolean }> {
    return this.db.transaction(async (tx) => {
      const inserted: { id: string }[] = await tx.query(
        `INSERT INTO collection_runs (kind, slot, trigger) VALUES ($1, $2, $3) ON CONFLICT (kind, slot) DO NOTHING RETURNING id`,
        [kind, slot.toISOString(), trigger],
      );
      const run = await tx.getRepository(CollectionRunEntity).findOneOrFail({ where: { kind, slot } });
      const created = inserted.length > 0;
      if (requested) await this.events.requested(tx, run, created, requested.resourceIds ?? []);
      return { run, created };
    });
  }

  /** A finished pre-cache run asked to refresh again shows as queued until the worker picks it up. */
  async requeue(id: string): Promise<CollectionRunEntity> {
    await this.db.query(
      `UPDATE collection_runs SET state = 'queued', finished_at = NULL, trigger = 'api' WHERE id = $1 AND state = ANY($2::text[])`,
      [id, FINISHED_STATES],
    );
    return this.get(id);
  }

  /**
   * Marks a run as running with `total` targets. A pre-cache refresh starts its slot over;
   * a collection keeps the outcomes it has (a restarted fan-out only adds what is missing).
   */
  async start(id: string, total: number, opts: { reset?: boolean } = {}): Promise<CollectionRunEntity> {
    return this.db.transaction(async (tx) => {
      const run = await tx.getRepository(CollectionRunEntity).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (opts.reset) await tx.query(`DELETE FROM collection_run_outcomes WHERE run_id = $1`, [id]);
      run.total = total;
      run.state = 'running';
      run.startedAt = opts.reset || !run.startedAt ? new Date() : run.startedAt;
      run.finishedAt = null;
      await this.recount(tx, run);
      const saved = await tx.getRepository(CollectionRunEntity).save(run);
      await this.events.started(tx, saved);
      if (FINISHED_STATES.includes(saved.state)) await this.events.finished(tx, saved);
      return saved;
    });
  }

  /**
   * Makes these resources targets of a finished run (a late addition to its slot): those
   * without an outcome in it count towards its total, and it is running again until they have
   * one. Returns them, or null while the run is unfinished, so additions never race its
   * fan-out, whose snapshot may or may not hold them. Under the run's row lock, so two
   * additions of one resource count it once. A resource skipped in it while backing off is
   * added again (an explicit request always polls): it already counts towards the total, so
   * only the run reopens, and its new outcome replaces the skipped one.
   */
  async addTargets(id: string, ids: readonly string[]): Promise<string[] | null> {
    return this.db.transaction(async (tx) => {
      const repo = tx.getRepository(CollectionRunEntity);
      const run = await repo.findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!FINISHED_STATES.includes(run.state)) return null;
      // A missed slot had closed: nothing may be added to it (the API refuses closed slots too).
      if (run.state === 'missed') return [];
      const rows: { target: string; skipped: boolean }[] = await tx.query(
        `SELECT target, NOT ok AND starts_with(coalesce(reason, ''), $3) AS skipped
           FROM collection_run_outcomes WHERE run_id = $1 AND target = ANY($2::text[])`,
        [id, ids, SKIPPED_PREFIX],
      );
      const outcome = new Map(rows.map((r) => [r.target, r.skipped]));
      const pending = [...new Set(ids)].filter((t) => outcome.get(t) !== false);
      if (pending.length) {
        run.total += pending.filter((t) => !outcome.has(t)).length;
        run.state = 'running';
        run.finishedAt = null;
        await repo.save(run);
      }
      return pending;
    });
  }

  /**
   * Upserts outcomes by target under the run's row lock; finishes the run when every target
   * has one. Concurrent calls for one run share a transaction (group commit), so the run row
   * and its counts are rewritten once per batch, not once per resource. Resolves only once the
   * caller's outcomes are committed.
   */
  record(id: string, outcomes: RunOutcome[], hosts: HostStates = new Map()): Promise<CollectionRunEntity> {
    return new Promise((resolve, reject) => {
      const batch = this.pending.get(id) ?? { outcomes: [], hosts: new Map<string, boolean>(), waiters: [] };
      batch.outcomes.push(...outcomes);
      for (const [resourceId, up] of hosts) batch.hosts.set(resourceId, up);
      batch.waiters.push({ resolve, reject });
      this.pending.set(id, batch);
      if (!this.flushing.has(id)) void this.flush(id);
    });
  }

  private readonly pending = new Map<string, { outcomes: RunOutcome[]; hosts: Map<string, boolean>; waiters: { resolve(r: CollectionRunEntity): void; reject(e: unknown): void }[] }>();
  private readonly flushing = new Set<string>();

  private async flush(id: string): Promise<void> {
    this.flushing.add(id);
    try {
      for (let batch = this.pending.get(id); batch; batch = this.pending.get(id)) {
        this.pending.delete(id);
        try {
          const run = await this.recordNow(id, batch.outcomes, batch.hosts);
          batch.waiters.forEach((w) => w.resolve(run));
        } catch (e) {
          batch.waiters.forEach((w) => w.reject(e));
        }
      }
    } finally {
      this.flushing.delete(id);
    }
  }

  private recordNow(id: string, outcomes: RunOutcome[], hosts: HostStates): Promise<CollectionRunEntity> {
    return this.db.transaction(async (tx) => {
      const repo = tx.getRepository(CollectionRunEntity);
      const run = await repo.findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
      const wasFinished = FINISHED_STATES.includes(run.state);
      // One statement may not touch a row twice: the last outcome of a target in the batch wins.
      const latest = [...new Map(outcomes.map((o) => [o.target, o])).values()];
      await tx.query(
        `INSERT INTO collection_run_outcomes (run_id, target, ok, reason, samples, at, duration_ms)
         SELECT $1, * FROM unnest($2::text[], $3::boolean[], $4::text[], $5::int[], $6::timestamptz[], $7::int[])
         ON CONFLICT (run_id, target) DO UPDATE
           SET ok = EXCLUDED.ok, reason = EXCLUDED.reason, samples = EXCLUDED.samples, at = EXCLUDED.at, duration_ms = EXCLUDED.duration_ms`,
        [
          id,
          latest.map((o) => o.target),
          latest.map((o) => o.ok),
          latest.map((o) => o.reason ?? null),
          latest.map((o) => o.samples ?? 0),
          latest.map((o) => o.at),
          latest.map((o) => o.durationMs ?? null),
        ],
      );
      await this.recount(tx, run);
      const saved = await repo.save(run);
      await this.events.outcomes(tx, saved, latest, hosts);
      if (!wasFinished && FINISHED_STATES.includes(saved.state)) await this.events.finished(tx, saved);
      return saved;
    });
  }

  /**
   * The fast path for outcomes that must be new: COPY them and add their counts to the run's,
   * inside the caller's transaction, which also writes their samples. Any target that already
   * has an outcome fails the COPY (a replayed job) and the transaction with it; the caller
   * then uses record(), which upserts and recounts. Adding is exact only because every row
   * here was new; the run row is locked last, so concurrent batches COPY in parallel and queue
   * only for the one UPDATE.
   */
  async recordNew(id: string, outcomes: readonly RunOutcome[], tx: EntityManager, hosts: HostStates = new Map()): Promise<void> {
    await copyRows(tx, 'collection_run_outcomes', ['run_id', 'target', 'ok', 'reason', 'samples', 'at', 'duration_ms'],
      outcomes.map((o) => [id, o.target, o.ok, o.reason ?? null, o.samples ?? 0, o.at, o.durationMs ?? null]));
    const ok = outcomes.filter((o) => o.ok).length;
    const samples = outcomes.reduce((n, o) => n + (o.samples ?? 0), 0);
    // The state changes are read and written before the run row is locked, so concurrent batches do that in parallel too.
    const [run]: { kind: RunKind; slot: Date }[] = await tx.query(`SELECT kind, slot FROM collection_runs WHERE id = $1`, [id]);
    await this.events.outcomes(tx, { id, ...run }, outcomes, hosts);
    const [[counts]]: [{ ok_count: number; error_count: number; sample_count: number; total: number; state: RunState }[], number] = await tx.query(
      `UPDATE collection_runs SET ok_count = ok_count + $2, error_count = error_count + $3, sample_count = sample_count + $4
        WHERE id = $1 RETURNING ok_count, error_count, sample_count, total, state`,
      [id, ok, outcomes.length - ok, samples],
    );
    if (counts.state === 'running' && counts.ok_count + counts.error_count >= counts.total) {
      const state = finishedState(counts.ok_count, counts.error_count);
      await tx.query(`UPDATE collection_runs SET state = $2, finished_at = now() WHERE id = $1`, [id, state]);
      await this.events.finished(tx, {
        id, ...run, state, total: counts.total, okCount: counts.ok_count, errorCount: counts.error_count, sampleCount: counts.sample_count,
      });
    }
  }

  private async recount(tx: EntityManager, run: CollectionRunEntity): Promise<void> {
    const [counts]: { done: number; ok: number; samples: number }[] = await tx.query(
      `SELECT count(*)::int AS done, count(*) FILTER (WHERE ok)::int AS ok, coalesce(sum(samples), 0)::int AS samples
         FROM collection_run_outcomes WHERE run_id = $1`,
      [run.id],
    );
    run.okCount = counts.ok;
    run.errorCount = counts.done - counts.ok;
    run.sampleCount = counts.samples;
    if (counts.done >= run.total && run.state === 'running') {
      run.state = finishedState(run.okCount, run.errorCount);
      run.finishedAt = new Date();
    }
  }

  async list(q: PageRequest & { kind?: RunKind; state?: RunState }) {
    const qb = this.runs.createQueryBuilder('r').orderBy('r.slot', 'DESC').addOrderBy('r.kind', 'ASC');
    if (q.kind) qb.andWhere('r.kind = :kind', { kind: q.kind });
    if (q.state) qb.andWhere('r.state = :state', { state: q.state });
    const [items, total] = await qb.take(q.limit).skip(q.offset).getManyAndCount();
    return { items, total };
  }

  async get(id: string): Promise<CollectionRunEntity> {
    const run = await this.runs.findOne({ where: { id } });
    if (!run) throw notFound('collection run', id);
    return run;
  }

  /** Every target's outcome (or only the failed ones, or only these targets'), errors first. */
  async outcomes(id: string, opts: { errorsOnly?: boolean; targets?: readonly string[] } = {}): Promise<RunOutcome[]> {
    const rows: { target: string; ok: boolean; reason: string | null; samples: number; at: Date; duration_ms: number | null }[] = await this.db.query(
      `SELECT target, ok, reason, samples, at, duration_ms FROM collection_run_outcomes WHERE run_id = $1 ${opts.errorsOnly ? 'AND NOT ok' : ''}
          ${opts.targets ? 'AND target = ANY($2::text[])' : ''} ORDER BY ok, target`,
      opts.targets ? [id, opts.targets] : [id],
    );
    return rows.map((r) => ({
      target: r.target, ok: r.ok, ...(r.reason ? { reason: r.reason } : {}), samples: r.samples, at: r.at.toISOString(),
      ...(r.duration_ms !== null ? { durationMs: r.duration_ms } : {}),
    }));
  }

  /** Whether the run still has its per-target outcomes (retention removes old runs' ones). */
  async hasOutcomes(id: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM collection_run_outcomes WHERE run_id = $1 LIMIT 1`, [id]);
    return rows.length > 0;
  }

  /**
   * Deletes the per-target outcomes of runs that finished before `before` (by when they
   * finished, not their slot: a past slot collected today keeps its detail), a bounded number
   * of rows per statement so no one transaction holds a large delete. Unfinished runs are
   * never touched. The runs and their counts stay. Returns how many outcomes went.
   */
  async pruneOutcomes(before: Date): Promise<number> {
    let pruned = 0;
    // At most PRUNE_STATEMENTS a call: a first prune of years of outcomes is spread over slots
    // instead of keeping one fan-out job busy for hours.
    for (let statement = 0; statement < PRUNE_STATEMENTS; statement++) {
      const [, deleted]: [unknown, number] = await this.db.query(
        `DELETE FROM collection_run_outcomes WHERE (run_id, target) IN (
           SELECT o.run_id, o.target FROM collection_runs r JOIN collection_run_outcomes o ON o.run_id = r.id
            WHERE r.finished_at < $1 LIMIT $2)`,
        [before.toISOString(), PRUNE_ROWS],
      );
      pruned += deleted;
      if (deleted < PRUNE_ROWS) break;
    }
    return pruned;
  }

  /** The latest slot of this kind whose run finished, and when it did (metrics: slot lag); undefined before any. */
  async latestFinished(kind: RunKind): Promise<{ slot: Date; finishedAt: Date } | undefined> {
    const [row]: { slot: Date; finished_at: Date }[] = await this.db.query(
      `SELECT slot, finished_at FROM collection_runs WHERE kind = $1 AND finished_at IS NOT NULL ORDER BY slot DESC LIMIT 1`,
      [kind],
    );
    return row && { slot: row.slot, finishedAt: row.finished_at };
  }

  /** Targets that already have an outcome, so a restarted fan-out polls only the rest. */
  async targetsDone(id: string): Promise<Set<string>> {
    const rows: { target: string }[] = await this.db.query(`SELECT target FROM collection_run_outcomes WHERE run_id = $1`, [id]);
    return new Set(rows.map((r) => r.target));
  }

  /** Names for the resource ids a run's outcomes are keyed by, so an operator can read them. */
  async resourceNames(ids: string[]): Promise<Map<string, { name: string; type: string }>> {
    if (!ids.length) return new Map();
    const rows: { id: string; name: string; type: string }[] = await this.db.query(
      `SELECT id, name, type FROM resources WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { name: r.name, type: r.type }]));
  }
}
