import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CredentialEntity } from './credential.entity';

/**
 * How the RAPI's TLS certificate is checked: `system` (public CAs), `ca` (the cluster's own CA
 * certificate), `fingerprint` (pinned SHA-256 of the leaf), `insecure` (explicit, logged opt-out).
 */
export const TLS_MODES = ['system', 'ca', 'fingerprint', 'insecure'] as const;
export type TlsMode = (typeof TLS_MODES)[number];

@Entity('clusters')
export class ClusterEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text', { unique: true }) fqdn: string;
  @Column('text', { name: 'rapi_url' }) rapiUrl: string;
  @Column('uuid', { name: 'credential_id', nullable: true }) credentialId: string | null;
  @ManyToOne(() => CredentialEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'credential_id', foreignKeyConstraintName: 'clusters_credential_id_fkey' })
  credential?: CredentialEntity;
  @Column('text', { name: 'tls_mode', default: 'system' }) tlsMode: TlsMode;
  @Column('text', { name: 'ca_certificate', nullable: true }) caCertificate: string | null;
  @Column('text', { name: 'tls_fingerprint_sha256', nullable: true }) tlsFingerprintSha256: string | null;
  @Column('boolean', { default: true }) active: boolean;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}
