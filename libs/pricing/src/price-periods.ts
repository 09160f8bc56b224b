import { isEffectiveAt, PriceSpec } from './price-spec';

/** A stretch of a report window during which one price (or none) is in effect. */
export interface PricePeriod {
  from: number;
  to: number;
  price: PriceSpec | null;
}

/**
 * Splits [from, to) at every instant the price in effect changes, for one measurement of one
 * client. A client's override in effect wins over the card's price; where neither is in
 * effect the period has no price. The report computes usage per period (splitting gauge holds
 * at the change instant) and hands the periods, usage filled in, to priceLine.
 */
export function pricePeriods(prices: readonly PriceSpec[], from: number, to: number): PricePeriod[] {
  if (!(to > from)) return [];
  const cuts = new Set([from, to]);
  for (const p of prices) {
    for (const at of [p.effectiveFrom, p.effectiveTo]) if (at !== null && at > from && at < to) cuts.add(at);
  }
  const bounds = [...cuts].sort((a, b) => a - b);
  const periods: PricePeriod[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const at = bounds[i];
    const price = prices.find((p) => p.clientId !== null && isEffectiveAt(p, at)) ?? prices.find((p) => p.clientId === null && isEffectiveAt(p, at)) ?? null;
    const last = periods[periods.length - 1];
    if (last && last.price?.id === price?.id) last.to = bounds[i + 1];
    else periods.push({ from: at, to: bounds[i + 1], price });
  }
  return periods;
}
