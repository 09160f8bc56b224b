import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ClientRateCardEntity } from './client-rate-card.entity';
import { MeasurementEntity } from './measurement.entity';
import { RateCardEntity } from './rate-card.entity';

/** Graduated band as stored: decimal text, never a JSON number. */
export interface StoredTier {
  upTo: string | null;
  unitPrice: string;
}

/**
 * One price of a rate card for one measurement, effective on [effective_from, effective_to).
 * With client_id set it is that client's override, tied to the client's assignment to this
 * card: reassigning the client deletes its overrides with the old assignment. Flat prices
 * have unit_price, graduated ones tiers; never both.
 */
@Entity('rate_card_prices')
@Index('rate_card_prices_lookup_idx', ['rateCardId', 'measurementId', 'effectiveFrom'])
@Index('rate_card_prices_client_id_idx', ['clientId', 'rateCardId'])
@Check('rate_card_prices_period_check', 'effective_to IS NULL OR effective_to > effective_from')
@Check('rate_card_prices_shape_check', '(unit_price IS NULL) <> (tiers IS NULL)')
@Check('rate_card_prices_unit_price_check', 'unit_price >= 0')
export class RateCardPriceEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'rate_card_id' }) rateCardId: string;
  @ManyToOne(() => RateCardEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'rate_card_id', foreignKeyConstraintName: 'rate_card_prices_rate_card_id_fkey' })
  rateCard?: RateCardEntity;
  @Column('uuid', { name: 'client_id', nullable: true }) clientId: string | null;
  @ManyToOne(() => ClientRateCardEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'client_id', referencedColumnName: 'clientId', foreignKeyConstraintName: 'rate_card_prices_assignment_fkey' },
    { name: 'rate_card_id', referencedColumnName: 'rateCardId' },
  ])
  assignment?: ClientRateCardEntity;
  @Column('smallint', { name: 'measurement_id' }) measurementId: number;
  @ManyToOne(() => MeasurementEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'measurement_id', foreignKeyConstraintName: 'rate_card_prices_measurement_id_fkey' })
  measurement?: MeasurementEntity;
  /** The unit the price is quoted per, e.g. GiB·h; it converts exactly from the measurement's usage unit. */
  @Column('text', { name: 'price_unit' }) priceUnit: string;
  /** numeric arrives from pg as text: exact. */
  @Column('numeric', { name: 'unit_price', nullable: true }) unitPrice: string | null;
  @Column('jsonb', { nullable: true }) tiers: StoredTier[] | null;
  @Column('timestamptz', { name: 'effective_from' }) effectiveFrom: Date;
  @Column('timestamptz', { name: 'effective_to', nullable: true }) effectiveTo: Date | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}
