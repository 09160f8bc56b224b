import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const MEASUREMENT_KINDS = ['gauge', 'counter'] as const;
export type MeasurementKind = (typeof MEASUREMENT_KINDS)[number];
export const MEASUREMENT_SOURCES = ['ganeti', 'ssh', 'push'] as const;
export type MeasurementSource = (typeof MEASUREMENT_SOURCES)[number];

/**
 * Catalog entry. The id is a small integer because every sample row carries it; the API
 * names measurements by `key`.
 */
@Entity('measurements')
@Check('measurements_display_places_check', 'display_places BETWEEN 0 AND 12')
export class MeasurementEntity {
  @PrimaryGeneratedColumn('identity', { type: 'smallint', generatedIdentity: 'ALWAYS' }) id: number;
  @Column('text', { unique: true }) key: string;
  @Column('text') unit: string;
  @Column('text') kind: MeasurementKind;
  @Column('text') source: MeasurementSource;
  @Column('text') description: string;
  @Column('boolean', { default: false }) builtin: boolean;
  /** The unit usage is shown in (CSV, page), converting exactly from the usage unit; null: the usage unit itself. */
  @Column('text', { name: 'display_unit', nullable: true }) displayUnit: string | null;
  /** Decimal places shown, rounded half-even; JSON keeps the exact value beside it. */
  @Column('smallint', { name: 'display_places', default: 3 }) displayPlaces: number;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
