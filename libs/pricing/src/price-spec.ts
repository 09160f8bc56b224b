import type { Decimal } from '@tally/money';

/** One band of a graduated price: usage up to `upTo` (in the price unit, counted from 0) costs `unitPrice`. */
export interface PriceTier {
  /** Exclusive of the next band; null for the last band, which has no end. */
  upTo: Decimal | null;
  unitPrice: Decimal;
}

/**
 * A price as the engine uses it: a rate card's price for one measurement, or a client's
 * override of it, effective on [effectiveFrom, effectiveTo). A flat price is one tier with
 * no end. Amounts are in the card's currency.
 */
export interface PriceSpec {
  id: string;
  /** Set when this is one client's override of the card's price. */
  clientId: string | null;
  /** Epoch milliseconds. */
  effectiveFrom: number;
  effectiveTo: number | null;
  /** The unit the price is quoted per (GiB·h); usage is converted to it exactly. */
  priceUnit: string;
  tiers: readonly PriceTier[];
}

export function isEffectiveAt(price: PriceSpec, at: number): boolean {
  return price.effectiveFrom <= at && (price.effectiveTo === null || at < price.effectiveTo);
}
