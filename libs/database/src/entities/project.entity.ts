import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ClientEntity } from './client.entity';

@Entity('projects')
@Index('projects_client_id_name_key', ['clientId', 'name'], { unique: true })
export class ProjectEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'client_id' }) clientId: string;
  @ManyToOne(() => ClientEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id', foreignKeyConstraintName: 'projects_client_id_fkey' })
  client?: ClientEntity;
  @Column('text') name: string;
  @Column('text', { nullable: true }) description: string | null;
  /** The project's reference in the invoicing system; null when billed under the client's. */
  @Column('text', { name: 'billing_ref', nullable: true }) billingRef: string | null;
  @Column('boolean', { default: true }) active: boolean;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}
