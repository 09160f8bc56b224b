import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CredentialEntity } from './credential.entity';
import { ProjectEntity } from './project.entity';

/** Kinds the collector knows; any other lower-case kind is a push-only resource. */
export const COLLECTED_RESOURCE_TYPES = ['ganeti-vm', 'node'] as const;

@Entity('resources')
@Index('resources_project_id_name_key', ['projectId', 'name'], { unique: true })
@Index('resources_cluster_fqdn_idx', ['clusterFqdn'])
export class ResourceEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'project_id' }) projectId: string;
  @ManyToOne(() => ProjectEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'resources_project_id_fkey' })
  project?: ProjectEntity;
  /** For `ganeti-vm`, the instance name as the cluster knows it. */
  @Column('text') name: string;
  @Column('text') type: string;
  @Column('text', { name: 'cluster_fqdn', nullable: true }) clusterFqdn: string | null;
  @Column('text', { name: 'ssh_host', nullable: true }) sshHost: string | null;
  @Column('integer', { name: 'ssh_port', nullable: true }) sshPort: number | null;
  @Column('text', { name: 'ssh_user', nullable: true }) sshUser: string | null;
  @Column('uuid', { name: 'credential_id', nullable: true }) credentialId: string | null;
  @ManyToOne(() => CredentialEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'credential_id', foreignKeyConstraintName: 'resources_credential_id_fkey' })
  credential?: CredentialEntity;
  /** "SHA256:<base64>" as OpenSSH prints it; recorded on first contact, then enforced. */
  @Column('text', { name: 'host_key_sha256', nullable: true }) hostKeySha256: string | null;
  @Column('jsonb', { default: () => "'{}'" }) labels: Record<string, string>;
  @Column('boolean', { default: true }) active: boolean;
  /** resource_measurements as one array, kept by triggers for the fan-out; never written here. */
  @Column({ type: 'smallint', name: 'measurement_ids', array: true, default: () => "'{}'", select: false, insert: false, update: false })
  measurementIds?: number[];
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}
