import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A price list in one currency; clients are assigned one (client_rate_cards). */
@Entity('rate_cards')
export class RateCardEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text', { unique: true }) name: string;
  /** ISO 4217; every price on the card and every override of it is in this currency. */
  @Column('text') currency: string;
  @Column('text', { default: '' }) description: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}
