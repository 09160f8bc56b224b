import { Decimal, decimalOfDouble, decimalText, DisplaySpec, displayValue, sumOf, ZERO } from '@tally/money';
import { ClientPrices, priceLine, pricePeriods, PriceSpec, UsageSegment } from '@tally/pricing';

/** What prices a report: the client's rate card and, per measurement key, its prices and the client's overrides. */
export interface ReportPricing {
  currency: string;
  rateCardId: string;
  rateCardName: string;
  prices: ReadonlyMap<string, readonly PriceSpec[]>;
}

export function reportPricing(prices: ClientPrices | null): ReportPricing | null {
  return prices && { currency: prices.card.currency, rateCardId: prices.card.id, rateCardName: prices.card.name, prices: prices.prices };
}

/** The money on one report line (design §11). */
export interface LineMoney {
  /** The one rate behind the amount; null when tiers, a price change or no price mean there is none. */
  unitPrice: string | null;
  priceUnit: string | null;
  /** Rounded once, half-even, to the currency's minor unit; null when no price covers the line (never "0" for that). */
  amount: string | null;
  /** The rate card's currency; null when the client has none. */
  currency: string | null;
  /** How the amount came about, or why there is none. */
  pricing: string;
}

/** Instants inside (from, to) where a price of the client starts or ends: where lines must be split. */
export function priceCuts(pricing: ReportPricing | null, from: number, to: number): number[] {
  const cuts = new Set<number>();
  for (const prices of pricing?.prices.values() ?? []) for (const p of pricePeriods(prices, from, to).slice(1)) cuts.add(p.from);
  return [...cuts];
}

/** [from, cut…, to], sorted, without duplicates; cuts outside (from, to) are dropped. */
export function segmentBounds(from: number, to: number, cuts: Iterable<number>): number[] {
  const inside = [...new Set(cuts)].filter((c) => c > from && c < to).sort((a, b) => a - b);
  return [from, ...inside, to];
}

/**
 * A line's usage per segment, exact. The SQL sums each segment in floating point; whatever it
 * left over against the line's usage (last-bit noise, and for a counter the first step from its
 * baseline before the window, which happens at the first sample) is given to the segment of the
 * first sample, so the parts add up to the usage the line shows exactly, and a split never
 * changes an amount beyond the split itself.
 */
export function segmentUsages(usage: number, bounds: readonly number[], index: readonly number[] | null, parts: readonly number[] | null): Decimal[] {
  const n = Math.max(1, bounds.length - 1);
  const out: Decimal[] = new Array(n).fill(ZERO);
  const total = decimalOfDouble(usage);
  if (n === 1 || !index?.length || !parts) {
    out[0] = total;
    return out;
  }
  index.forEach((j, i) => (out[j - 1] = decimalOfDouble(parts[i] ?? 0)));
  const first = index[0] - 1;
  out[first] = out[first].plus(total.minus(sumOf(out)));
  return out;
}

/** The line's segments merged where the same price (or none) is in effect, ready for priceLine. */
export function usageSegments(prices: readonly PriceSpec[], bounds: readonly number[], usages: readonly Decimal[]): UsageSegment[] {
  const segments: UsageSegment[] = [];
  // Bounds hold every instant a price of this client changes, so one period covers each segment.
  const periods = pricePeriods(prices, bounds[0], bounds[bounds.length - 1]);
  let p = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    while (p + 1 < periods.length && periods[p].to <= bounds[i]) p++;
    const price = periods[p]?.price ?? null;
    const last = segments[segments.length - 1];
    if (last && (last.price?.id ?? null) === (price?.id ?? null)) {
      last.to = bounds[i + 1];
      last.usage = last.usage.plus(usages[i]);
    } else segments.push({ from: bounds[i], to: bounds[i + 1], price, usage: usages[i] });
  }
  return segments;
}

const unpriced = (currency: string | null, pricing: string): LineMoney => ({ unitPrice: null, priceUnit: null, amount: null, currency, pricing });

/** Prices one line from its per-segment usage; a line no price covers has no amount and says why. */
export function lineMoney(pricing: ReportPricing | null, key: string, usageUnit: string, bounds: readonly number[], usages: readonly Decimal[]): LineMoney {
  if (!pricing) return unpriced(null, 'not priced: the client has no rate card');
  const prices = pricing.prices.get(key) ?? [];
  if (!prices.length) return unpriced(pricing.currency, `not priced: rate card "${pricing.rateCardName}" has no price for ${key}`);
  let p;
  try {
    p = priceLine(pricing.currency, usageUnit, usageSegments(prices, bounds, usages));
  } catch (e) {
    // A measurement whose unit changed after it was priced: say so on the line rather than fail the report.
    return unpriced(pricing.currency, `not priced: ${(e as Error).message}`);
  }
  if (p.amount === null) return unpriced(pricing.currency, `not priced: no price for ${key} is in effect in the window (${p.pricing})`);
  return { unitPrice: p.unitPrice, priceUnit: p.priceUnit, amount: p.amount, currency: pricing.currency, pricing: p.pricing };
}

/** Usage as shown (CSV, XLSX, PDF): converted to the display unit, rounded half-even; the usage unit when the display unit does not fit. */
export function lineDisplay(usage: number, usageUnit: string, display: DisplaySpec): { value: string; unit: string } {
  try {
    return { value: displayValue(decimalOfDouble(usage), usageUnit, display).toFixed(display.places), unit: display.unit };
  } catch {
    return { value: decimalText(decimalOfDouble(usage)), unit: usageUnit };
  }
}
