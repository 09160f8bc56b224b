import { amountText, Decimal, decimalText, divideRounded, gcd, requireConversion, roundAmount, ZERO } from '@tally/money';
import type { PricePeriod } from './price-periods';
import type { PriceTier } from './price-spec';

/** A price period of one report line with the line's usage in it (in the line's usage unit, exact). */
export interface UsageSegment extends PricePeriod {
  usage: Decimal;
}

/** Decimal places of the quantities in a line's explanation; the amount uses the exact quantity. */
export const PART_PLACES = 6;

/** What one tier (or one unpriced period) contributed to a line, for its explanation. */
export interface PricePart {
  from: number;
  to: number;
  priceId: string | null;
  /** In `unit`: the price unit, or the usage unit where no price was in effect. */
  quantity: string;
  unit: string;
  /** null where no price was in effect: that usage is not billed. */
  unitPrice: string | null;
}

export interface LinePrice {
  currency: string;
  /** Rounded once, half-even, to the currency's minor unit; null when no price covers any of the line. */
  amount: string | null;
  /** The one rate behind the whole amount, or null when tiers, a price change or an unpriced stretch mean several. */
  unitPrice: string | null;
  /** The unit of unitPrice (null when it is null and the parts disagree). */
  priceUnit: string | null;
  /** "1000 GiB·h × 0.01 + 500 GiB·h × 0.008", with periods when the price changed in the window. */
  pricing: string;
  parts: PricePart[];
}

/** An exact amount not yet rounded: num / den. */
interface Exact {
  num: Decimal;
  den: bigint;
}

function addExact(a: Exact, b: Exact): Exact {
  const den = (a.den / gcd(a.den, b.den)) * b.den;
  return { num: a.num.times((den / a.den).toString()).plus(b.num.times((den / b.den).toString())), den };
}

/**
 * The cost of reaching position s (in the price unit × den) from 0 under graduated tiers,
 * also × den. Below 0 the first tier's rate goes on, so a negative step (a gauge below
 * zero) gives back exactly what a positive one would have cost.
 */
function cost(s: Decimal, tiers: readonly PriceTier[], den: string): Decimal {
  if (s.lte(ZERO)) return s.times(tiers[0].unitPrice);
  let sum = ZERO;
  let lower = ZERO;
  for (const tier of tiers) {
    if (s.lte(lower)) break;
    const upper = tier.upTo === null ? null : tier.upTo.times(den);
    const top = upper === null || s.lt(upper) ? s : upper;
    sum = sum.plus(top.minus(lower).times(tier.unitPrice));
    if (upper === null) break;
    lower = upper;
  }
  return sum;
}

/** The tiers a step from a to b (both × den) passes through, with the part of the step in each. */
function tierSteps(a: Decimal, b: Decimal, tiers: readonly PriceTier[], den: string): { tier: PriceTier; portion: Decimal }[] {
  const [lo, hi] = a.lte(b) ? [a, b] : [b, a];
  const steps: { tier: PriceTier; portion: Decimal }[] = [];
  let lower: Decimal | null = null; // the first tier reaches down without end
  for (const tier of tiers) {
    const upper = tier.upTo === null ? null : tier.upTo.times(den);
    const start = lower === null || lo.gt(lower) ? lo : lower;
    const end = upper === null || hi.lt(upper) ? hi : upper;
    const inside = lo.eq(hi) ? (lower === null || lo.gte(lower)) && (upper === null || lo.lt(upper)) : end.gt(start);
    if (inside) steps.push({ tier, portion: lo.eq(hi) ? ZERO : end.minus(start) });
    if (upper === null) break;
    lower = upper;
  }
  return steps;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/**
 * Prices one report line (design §11). Tiers count the line's own usage from the start of the
 * window, in time order: each segment is priced by the tiers of the price in effect, from the
 * position the line's running usage has reached. The amount is the exact sum over segments,
 * rounded once to the currency's minor unit, half-even. Segments without a price are not
 * billed (and said so); a line without any price has no amount.
 */
export function priceLine(currency: string, usageUnit: string, segments: readonly UsageSegment[]): LinePrice {
  let exact: Exact = { num: ZERO, den: 1n };
  let priced = false;
  let position = ZERO; // running usage, in the usage unit
  const parts: PricePart[] = [];
  const groups: string[] = [];
  let previousFrom = -Infinity;
  for (const seg of segments) {
    if (!(seg.to > seg.from) || seg.from < previousFrom) throw new RangeError('segments must be non-empty periods in time order');
    previousFrom = seg.from;
    const start = position;
    position = position.plus(seg.usage);
    const texts: string[] = [];
    if (!seg.price) {
      parts.push({ from: seg.from, to: seg.to, priceId: null, quantity: decimalText(seg.usage), unit: usageUnit, unitPrice: null });
      texts.push(`${decimalText(seg.usage)} ${usageUnit} not priced`);
    } else {
      priced = true;
      const r = requireConversion(usageUnit, seg.price.priceUnit);
      const den = r.den.toString();
      const [a, b] = [start.times(r.num.toString()), position.times(r.num.toString())];
      const tiers = seg.price.tiers;
      exact = addExact(exact, { num: cost(b, tiers, den).minus(cost(a, tiers, den)), den: r.den });
      const sign = b.lt(a) ? '-' : '';
      for (const step of tierSteps(a, b, tiers, den)) {
        const quantity = decimalText(divideRounded(step.portion, r.den, PART_PLACES));
        const signed = quantity === '0' ? quantity : `${sign}${quantity}`;
        const unitPrice = decimalText(step.tier.unitPrice);
        parts.push({ from: seg.from, to: seg.to, priceId: seg.price.id, quantity: signed, unit: seg.price.priceUnit, unitPrice });
        texts.push(`${signed} ${seg.price.priceUnit} × ${unitPrice}`);
      }
    }
    groups.push(segments.length > 1 ? `${iso(seg.from)}–${iso(seg.to)}: ${texts.join(' + ')}` : texts.join(' + '));
  }
  const amount = priced ? amountText(roundAmount(exact.num, exact.den, currency), currency) : null;
  return { currency, amount, ...singleRate(parts), pricing: groups.join('; ') || 'no usage', parts };
}

/** The rate behind the whole line, when there is exactly one (parts with usage decide; else all parts). */
function singleRate(parts: PricePart[]): { unitPrice: string | null; priceUnit: string | null } {
  const used = parts.filter((p) => p.quantity !== '0');
  const deciding = used.length ? used : parts;
  if (!deciding.length) return { unitPrice: null, priceUnit: null };
  const rates = new Set(deciding.map((p) => `${p.unit}\u0000${p.unitPrice}`));
  const units = new Set(deciding.filter((p) => p.unitPrice !== null).map((p) => p.unit));
  const priceUnit = units.size === 1 ? [...units][0] : null;
  if (rates.size !== 1 || deciding[0].unitPrice === null) return { unitPrice: null, priceUnit };
  return { unitPrice: deciding[0].unitPrice, priceUnit };
}
