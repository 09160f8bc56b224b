import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RunState } from '@tally/database';
import { EventsService } from '@tally/events';
import { RunEvents } from '../run-events';
import { DataSource } from 'typeorm';

export interface LedgerRow {
  id: string;
  slot: Date;
  state: RunState;
  trigger: string;
  startedAt: Date | null;
}

/**
 * The slot ledger's SQL. The ledger is collection_runs (kind `collect`), owned by this lib: a
 * missed slot is a run row in state `missed` with its reason, written with its
 * `collection.slot_missed` event in one transaction. Idempotent across workers: the row is
 * inserted on the unique (kind, slot) key, or a still-queued row moved to missed, and only
 * the worker whose statement changed the row records the event.
 */
@Injectable()
export class SlotLedgerRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: EventsService,
    private readonly runEvents: RunEvents,
  ) {}

  /**
   * Where the ledger begins: the first slot the schedule (or the reconciler) accounted for.
   * Runs triggered by hand alone do not start it: a database that never had a scheduled run
   * owes no boundaries yet.
   */
  async firstScheduledSlot(): Promise<Date | null> {
    // Along the (kind, slot) key, stopping at the first: health asks this on every probe.
    const [row]: { slot: Date }[] = await this.db.query(
      `SELECT slot FROM collection_runs WHERE kind = 'collect' AND trigger IN ('schedule', 'reconcile') ORDER BY slot LIMIT 1`,
    );
    return row?.slot ?? null;
  }

  async rows(from: Date, to: Date): Promise<Map<number, LedgerRow>> {
    const rows: LedgerRow[] = await this.db.query(
      `SELECT id, slot, state, trigger, started_at AS "startedAt" FROM collection_runs WHERE kind = 'collect' AND slot >= $1 AND slot <= $2`,
      [from.toISOString(), to.toISOString()],
    );
    return new Map(rows.map((r) => [r.slot.getTime(), r]));
  }

  /** The latest time a collection before `slot` was recorded: when a worker was last seen at work. */
  async lastActivityBefore(slot: Date): Promise<Date | null> {
    const [row]: { at: Date | null }[] = await this.db.query(
      `SELECT max(greatest(created_at, coalesce(started_at, created_at), coalesce(finished_at, created_at))) AS at
         FROM collection_runs WHERE kind = 'collect' AND slot < $1 AND state <> 'missed'`,
      [slot.toISOString()],
    );
    return row?.at ?? null;
  }

  /** The latest slot whose collection started (any state but missed and queued), for health. */
  async lastCollectedSlot(): Promise<Date | null> {
    const [row]: { slot: Date | null }[] = await this.db.query(
      `SELECT max(slot) AS slot FROM collection_runs WHERE kind = 'collect' AND state NOT IN ('missed', 'queued')`,
    );
    return row?.slot ?? null;
  }

  /**
   * Records the slot as missed: a new row, or the slot's row while it is still `queued` (its
   * job never ran). Returns the run id when this call made it missed, null when the slot was
   * already accounted for (another worker, or a fan-out that started meanwhile).
   */
  async markMissed(slot: Date, reason: string): Promise<string | null> {
    return this.db.transaction(async (tx) => {
      const rows: { id: string; trigger: string; created_at: Date }[] = await tx.query(
        `WITH ins AS (
           INSERT INTO collection_runs (kind, slot, state, trigger, reason, finished_at)
           VALUES ('collect', $1, 'missed', 'reconcile', $2, now())
           ON CONFLICT (kind, slot) DO NOTHING RETURNING id, trigger, created_at),
         upd AS (
           UPDATE collection_runs SET state = 'missed', reason = $2, finished_at = now()
            WHERE kind = 'collect' AND slot = $1 AND state = 'queued' AND started_at IS NULL AND NOT EXISTS (SELECT 1 FROM ins)
           RETURNING id, trigger, created_at)
         SELECT * FROM ins UNION ALL SELECT * FROM upd`,
        [slot.toISOString(), reason],
      );
      const [row] = rows;
      if (!row) return null;
      await this.events.record(tx, {
        type: 'collection.slot_missed',
        subject: { type: 'collection_run', id: row.id },
        data: { run: { id: row.id, kind: 'collect', slot: slot.toISOString(), state: 'missed', trigger: row.trigger, reason } },
      });
      return row.id;
    });
  }

  /**
   * Finishes a stuck run of a closed slot: `partial`, or `failed` when nothing succeeded, with
   * the reason made from how many targets have no outcome. Only while it is still `running`
   * (another worker, or its last outcome, may have finished it first): returns the state it
   * got, or null when this call did not finish it. Records collection.finished as any finish does.
   */
  async finishStuck(id: string, reason: (missing: number, total: number) => string): Promise<RunState | null> {
    return this.db.transaction(async (tx) => {
      const [run]: { kind: 'collect'; slot: Date; total: number; ok_count: number; error_count: number; sample_count: number }[] = await tx.query(
        `SELECT kind, slot, total, ok_count, error_count, sample_count FROM collection_runs WHERE id = $1 AND state = 'running' FOR UPDATE`,
        [id],
      );
      if (!run) return null;
      const missing = Math.max(0, run.total - run.ok_count - run.error_count);
      const state: RunState = run.ok_count > 0 ? 'partial' : 'failed';
      await tx.query(`UPDATE collection_runs SET state = $2, reason = $3, finished_at = now() WHERE id = $1`, [id, state, reason(missing, run.total)]);
      await this.runEvents.finished(tx, {
        id, kind: run.kind, slot: run.slot, state, total: run.total, okCount: run.ok_count, errorCount: run.error_count, sampleCount: run.sample_count,
      });
      return state;
    });
  }
}
