import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A field's value before and after a change; a secret only says that it changed. */
export type FieldChange = { before: unknown; after: unknown } | { changed: true };
export type EventChanges = Record<string, FieldChange>;

/**
 * One row of the append-only event log (migration EventLog). Written only through
 * libs/events' EventsService, inside the transaction of the change it reports.
 */
@Entity('events')
@Index('events_tx_id_idx', ['tx', 'id'])
@Index('events_client_id_idx', ['clientId', 'id'])
@Index('events_subject_idx', ['subjectType', 'subjectId', 'id'])
@Index('events_type_idx', ['type', 'id'])
@Index('events_occurred_at_idx', ['occurredAt'])
@Index('events_actor_key_id_idx', ['actorKeyId', 'id'], { where: 'actor_key_id IS NOT NULL' })
export class EventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  /** The writing transaction's id, set by a trigger; event_commits gives it its place in the log. */
  @Column({ type: 'bigint', insert: false, update: false }) tx: string;
  @Column('text') type: string;
  @Column('smallint') version: number;
  @Column('timestamptz', { name: 'occurred_at', default: () => 'clock_timestamp()' }) occurredAt: Date;
  @Column('uuid', { name: 'client_id', nullable: true }) clientId: string | null;
  @Column('text', { name: 'subject_type' }) subjectType: string;
  @Column('text', { name: 'subject_id' }) subjectId: string;
  @Column('uuid', { name: 'actor_key_id', nullable: true }) actorKeyId: string | null;
  @Column('text', { name: 'actor_key_name', nullable: true }) actorKeyName: string | null;
  @Column('text', { name: 'actor_role', nullable: true }) actorRole: string | null;
  @Column('text', { name: 'request_id', nullable: true }) requestId: string | null;
  @Column('text', { name: 'actor_address', nullable: true }) actorAddress: string | null;
  @Column('jsonb', { default: {} }) data: Record<string, unknown>;
  @Column('jsonb', { nullable: true }) changes: EventChanges | null;
}

/** The commit order of event-writing transactions (migration EventLog), numbered at commit. */
@Entity('event_commits')
@Unique('event_commits_tx_key', ['tx'])
export class EventCommitEntity {
  @PrimaryColumn('bigint') seq: string;
  @Column('bigint') tx: string;
  @Column('timestamptz', { name: 'committed_at', default: () => 'clock_timestamp()' }) committedAt: Date;
}

@Entity('event_cursors')
export class EventCursorEntity {
  @PrimaryColumn('text') consumer: string;
  @Column('bigint') seq: string;
  @Column('bigint', { name: 'event_id' }) eventId: string;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}
