import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export const RUN_KINDS = ['collect', 'precache'] as const;
export type RunKind = (typeof RUN_KINDS)[number];
/** `missed`: a boundary the schedule owed that nobody collected while that was honest (the slot ledger). */
export const RUN_STATES = ['queued', 'running', 'succeeded', 'partial', 'failed', 'missed'] as const;
export type RunState = (typeof RUN_STATES)[number];

export interface RunOutcome {
  /** resource id, or cluster FQDN for pre-cache runs */
  target: string;
  ok: boolean;
  reason?: string;
  samples?: number;
  at: string;
  /** How long the poll (or the cluster's fetch) took; absent when nothing was contacted. */
  durationMs?: number;
}


/** One slot's collection (or pre-cache): state, counts and each target's outcome. */
@Entity('collection_runs')
@Index('collection_runs_kind_slot_key', ['kind', 'slot'], { unique: true })
export class CollectionRunEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') kind: RunKind;
  @Column('timestamptz') slot: Date;
  @Column('text', { default: 'queued' }) state: RunState;
  @Column('text', { default: 'schedule' }) trigger: string;
  @Column('integer', { default: 0 }) total: number;
  @Column('integer', { name: 'ok_count', default: 0 }) okCount: number;
  @Column('integer', { name: 'error_count', default: 0 }) errorCount: number;
  @Column('integer', { name: 'sample_count', default: 0 }) sampleCount: number;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt: Date | null;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt: Date | null;
  /** Why a slot was missed ("Redis unavailable from … to …"); null for every other state. */
  @Column('text', { nullable: true }) reason: string | null;
}

/**
 * One target's outcome in a run; keyed by (run, target) so a replayed persist changes nothing.
 * No foreign key to the run: at 100,000 outcomes a slot its per-row check cost as much as the
 * rows (migration OutcomesWithoutRunKey). Deleting a run must delete its outcomes.
 */
@Entity('collection_run_outcomes')
export class CollectionRunOutcomeEntity {
  @PrimaryColumn('uuid', { name: 'run_id' }) runId: string;
  @PrimaryColumn('text') target: string;
  @Column('boolean') ok: boolean;
  @Column('text', { nullable: true }) reason: string | null;
  @Column('integer', { default: 0 }) samples: number;
  @Column('timestamptz') at: Date;
  /** Poll or fetch time; null where nothing was contacted (migration OutcomeDurations). */
  @Column('integer', { name: 'duration_ms', nullable: true }) durationMs: number | null;
}
