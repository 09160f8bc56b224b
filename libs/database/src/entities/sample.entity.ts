import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One reading. Natural key (resource_id, measurement_id, ts): every write is an upsert on it.
 * The table is range-partitioned by month on ts (see the migration); partitions are created
 * on demand by tally_ensure_sample_partitions().
 */
// The accepted range, NOT VALID over rows older than it (migration 1795520000000).
@Check('samples_value_range', 'value BETWEEN -1e21 AND 1e21 AND (value = 0 OR abs(value) >= 1e-300)')
@Entity('samples')
export class SampleEntity {
  @PrimaryColumn('uuid', { name: 'resource_id' }) resourceId: string;
  @PrimaryColumn('smallint', { name: 'measurement_id' }) measurementId: number;
  @PrimaryColumn('timestamptz') ts: Date;
  @Column('double precision') value: number;
  /** Kernel boot id for SSH counters, so a reboot is seen as a reset. */
  @Column('uuid', { name: 'boot_id', nullable: true }) bootId: string | null;
}
