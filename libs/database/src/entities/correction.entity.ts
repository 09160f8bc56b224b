import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One applied correction (design §7): who, when, why, and what it did. Append-only: nothing
 * updates or deletes a correction. Its series and changes carry no foreign key to it (like run
 * outcomes): they are written in the correction's own transaction, up to a million at once,
 * where a per-row key check would cost as much as the rows.
 */
@Entity('corrections')
@Index('corrections_created_at_idx', ['createdAt'])
export class CorrectionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') reason: string;
  /** The key that applied it; no foreign key, so the record outlives a deleted client's keys. */
  @Column('uuid', { name: 'api_key_id' }) apiKeyId: string;
  @Column('text', { name: 'api_key_name' }) apiKeyName: string;
  @Column('text', { name: 'api_key_role' }) apiKeyRole: string;
  @Column('text', { name: 'request_id' }) requestId: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  /** Items sent: samples to write and samples to delete. */
  @Column('integer', { name: 'sample_items' }) sampleItems: number;
  @Column('integer', { name: 'delete_items' }) deleteItems: number;
  /** What they did; items that changed nothing (the same value again, a delete of nothing) are unchanged. */
  @Column('integer') inserted: number;
  @Column('integer') updated: number;
  @Column('integer') deleted: number;
  @Column('integer') unchanged: number;
  /** Earliest and latest sample ts changed; null when nothing changed. */
  @Column('timestamptz', { name: 'first_ts', nullable: true }) firstTs: Date | null;
  @Column('timestamptz', { name: 'last_ts', nullable: true }) lastTs: Date | null;
}

/**
 * The series a correction changed, one row per series and UTC day with the first and last ts
 * changed that day: a report line joins on (resource, measurement) with an overlap test, and a
 * correction on 3 January does not mark a report of 10 to 17 January.
 */
@Entity('correction_series')
@Index('correction_series_series_idx', ['resourceId', 'measurementId', 'firstTs'])
@Index('correction_series_client_idx', ['clientId'])
export class CorrectionSeriesEntity {
  @PrimaryColumn('uuid', { name: 'correction_id' }) correctionId: string;
  @PrimaryColumn('uuid', { name: 'resource_id' }) resourceId: string;
  @PrimaryColumn('smallint', { name: 'measurement_id' }) measurementId: number;
  @PrimaryColumn('timestamptz', { name: 'first_ts' }) firstTs: Date;
  @Column('timestamptz', { name: 'last_ts' }) lastTs: Date;
  /** The resource's client when the correction was applied. */
  @Column('uuid', { name: 'client_id' }) clientId: string;
  @Column('integer') changes: number;
}

/** Each sample a correction changed: before → after; null before = inserted, null after = deleted. */
@Entity('correction_changes')
export class CorrectionChangeEntity {
  @PrimaryColumn('uuid', { name: 'correction_id' }) correctionId: string;
  @PrimaryColumn('uuid', { name: 'resource_id' }) resourceId: string;
  @PrimaryColumn('smallint', { name: 'measurement_id' }) measurementId: number;
  @PrimaryColumn('timestamptz') ts: Date;
  @Column('double precision', { name: 'before_value', nullable: true }) beforeValue: number | null;
  @Column('double precision', { name: 'after_value', nullable: true }) afterValue: number | null;
}
