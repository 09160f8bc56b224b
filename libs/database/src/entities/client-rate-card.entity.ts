import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';
import { ClientEntity } from './client.entity';
import { RateCardEntity } from './rate-card.entity';

/** Which rate card prices a client's usage: at most one per client. */
@Entity('client_rate_cards')
@Unique('client_rate_cards_client_id_rate_card_id_key', ['clientId', 'rateCardId'])
@Index('client_rate_cards_rate_card_id_idx', ['rateCardId'])
export class ClientRateCardEntity {
  @PrimaryColumn('uuid', { name: 'client_id' }) clientId: string;
  @ManyToOne(() => ClientEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'client_id', foreignKeyConstraintName: 'client_rate_cards_client_id_fkey' })
  client?: ClientEntity;
  @Column('uuid', { name: 'rate_card_id' }) rateCardId: string;
  @ManyToOne(() => RateCardEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rate_card_id', foreignKeyConstraintName: 'client_rate_cards_rate_card_id_fkey' })
  rateCard?: RateCardEntity;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}
