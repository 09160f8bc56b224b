import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ClientEntity } from './client.entity';

export const ROLES = ['admin', 'billing', 'client'] as const;
export type Role = (typeof ROLES)[number];
/** Extra rights a key may carry beyond its role. */
export const SCOPES = ['samples:write'] as const;
export type Scope = (typeof SCOPES)[number];

@Entity('api_keys')
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text') role: Role;
  @Column('uuid', { name: 'client_id', nullable: true }) clientId: string | null;
  @ManyToOne(() => ClientEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'client_id', foreignKeyConstraintName: 'api_keys_client_id_fkey' })
  client?: ClientEntity;
  @Column('text', { array: true, default: () => "'{}'" }) scopes: Scope[];
  /** First characters of the key, so people can tell keys apart; not secret. */
  @Column('text') prefix: string;
  /** SHA-256 of the whole key (keys are 256-bit random, so a slow hash adds nothing). */
  @Index('api_keys_key_hash_key', { unique: true })
  @Column('text', { name: 'key_hash' }) keyHash: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  /** Set at most once a minute per key: a hint for operators, not an audit trail. */
  @Column('timestamptz', { name: 'last_used_at', nullable: true }) lastUsedAt: Date | null;
  /** The client address of that use, as Express resolves it behind the trusted proxies. */
  @Column('inet', { name: 'last_used_from', nullable: true }) lastUsedFrom: string | null;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt: Date | null;
  /** After this instant the key (either secret) is refused; null: it does not expire. */
  @Column('timestamptz', { name: 'expires_at', nullable: true }) expiresAt: Date | null;
  /** Hash of the secret the last rotation replaced; it keeps working until previousKeyExpiresAt. */
  @Index('api_keys_previous_key_hash_key', { unique: true })
  @Column('text', { name: 'previous_key_hash', nullable: true }) previousKeyHash: string | null;
  @Column('timestamptz', { name: 'previous_key_expires_at', nullable: true }) previousKeyExpiresAt: Date | null;
}
