import { RateCardEntity, RateCardPriceEntity } from '@tally/database';
import { decimal } from '@tally/money';
import { EntityManager } from 'typeorm';
import type { PriceFields } from './price-rules';
import type { PriceSpec } from './price-spec';

/** The SQL of rate_card_prices; every write goes through a transaction holding the card's lock. */

/** Locks the card for the transaction, so two writers cannot each find no overlap and both insert. */
export async function lockCard(tx: EntityManager, cardId: string): Promise<RateCardEntity | null> {
  return tx.getRepository(RateCardEntity).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :cardId', { cardId }).getOne();
}

export interface PriceScope {
  cardId: string;
  measurementId: number;
  /** null: the card's own prices; set: that client's overrides. */
  clientId: string | null;
}

/** The first price of the scope whose period meets [from, to), other than `exceptId`. */
export async function findOverlap(tx: EntityManager, scope: PriceScope, period: Pick<PriceFields, 'effectiveFrom' | 'effectiveTo'>, exceptId?: string) {
  const rows: { id: string; effective_from: Date; effective_to: Date | null }[] = await tx.query(
    `SELECT id, effective_from, effective_to FROM rate_card_prices
      WHERE rate_card_id = $1 AND measurement_id = $2 AND client_id IS NOT DISTINCT FROM $3::uuid
        AND id <> coalesce($4::uuid, '00000000-0000-0000-0000-000000000000')
        AND (effective_to IS NULL OR effective_to > $5) AND ($6::timestamptz IS NULL OR effective_from < $6)
      ORDER BY effective_from LIMIT 1`,
    [scope.cardId, scope.measurementId, scope.clientId, exceptId ?? null, new Date(period.effectiveFrom), period.effectiveTo === null ? null : new Date(period.effectiveTo)],
  );
  return rows[0] ? { id: rows[0].id, from: rows[0].effective_from, to: rows[0].effective_to } : undefined;
}

/** Ends, at `at`, the price of the scope in effect then that began before it. */
export async function endPriceInEffect(tx: EntityManager, scope: PriceScope, at: number): Promise<void> {
  await tx.query(
    `UPDATE rate_card_prices SET effective_to = $4, updated_at = now()
      WHERE rate_card_id = $1 AND measurement_id = $2 AND client_id IS NOT DISTINCT FROM $3::uuid
        AND effective_from < $4 AND (effective_to IS NULL OR effective_to > $4)`,
    [scope.cardId, scope.measurementId, scope.clientId, new Date(at)],
  );
}

export function priceRow(scope: PriceScope, fields: PriceFields): Partial<RateCardPriceEntity> {
  return {
    rateCardId: scope.cardId, measurementId: scope.measurementId, clientId: scope.clientId, priceUnit: fields.priceUnit,
    unitPrice: fields.unitPrice, tiers: fields.tiers, effectiveFrom: new Date(fields.effectiveFrom), effectiveTo: fields.effectiveTo === null ? null : new Date(fields.effectiveTo),
  };
}

/** A stored price as the engine takes it: a flat price is one open tier. */
export function toPriceSpec(p: RateCardPriceEntity): PriceSpec {
  const tiers = p.unitPrice !== null
    ? [{ upTo: null, unitPrice: decimal(p.unitPrice) }]
    : (p.tiers ?? []).map((t) => ({ upTo: t.upTo === null ? null : decimal(t.upTo), unitPrice: decimal(t.unitPrice) }));
  return { id: p.id, clientId: p.clientId, effectiveFrom: p.effectiveFrom.getTime(), effectiveTo: p.effectiveTo?.getTime() ?? null, priceUnit: p.priceUnit, tiers };
}
