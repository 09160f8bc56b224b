import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const CREDENTIAL_KINDS = ['ssh-private-key', 'password'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** A secret (SSH private key, RAPI password) stored AES-256-GCM encrypted; never returned. */
@Entity('credentials')
export class CredentialEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text', { unique: true }) name: string;
  @Column('text') kind: CredentialKind;
  /** RAPI user for `password`; informational for SSH keys (the SSH user lives on the resource). */
  @Column('text', { nullable: true }) username: string | null;
  @Column('bytea', { name: 'secret_ciphertext' }) secretCiphertext: Buffer;
  @Column('bytea', { name: 'secret_iv' }) secretIv: Buffer;
  @Column('bytea', { name: 'secret_tag' }) secretTag: Buffer;
  @Column('integer', { name: 'key_version' }) keyVersion: number;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}
