import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MeasurementEntity } from './measurement.entity';
import { ResourceEntity } from './resource.entity';

/** Which measurements a resource collects (defaults per resource type, editable). */
@Entity('resource_measurements')
@Index('resource_measurements_measurement_id_idx', ['measurementId'])
export class ResourceMeasurementEntity {
  @PrimaryColumn('uuid', { name: 'resource_id' }) resourceId: string;
  @PrimaryColumn('smallint', { name: 'measurement_id' }) measurementId: number;
  @ManyToOne(() => ResourceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'resource_id', foreignKeyConstraintName: 'resource_measurements_resource_id_fkey' })
  resource?: ResourceEntity;
  @ManyToOne(() => MeasurementEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'measurement_id', foreignKeyConstraintName: 'resource_measurements_measurement_id_fkey' })
  measurement?: MeasurementEntity;
}
