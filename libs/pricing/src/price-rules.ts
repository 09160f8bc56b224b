import type { StoredTier } from '@tally/database';
import { EARLIEST_SAMPLE, parseIsoInstant, TIMESTAMP_FORMAT_HINT } from '@tally/metering';
import { conversionProblem, decimalText, integerDigitsOf, normalizeUnit, parseDecimal, placesOf, ZERO } from '@tally/money';

/**
 * Rules for one price as a caller writes it, shared by the HTTP DTOs (one value at a time) and
 * RateCardsService (the rules between fields). Pure, so they are unit-tested; every problem
 * starts with the field it is about.
 */
export const MAX_PRICE_PLACES = 20;
export const MAX_PRICE_DIGITS = 15;
export const MAX_TIERS = 20;
/** Where a price starts when the caller names no date: before anything Tally can bill. */
export const DEFAULT_EFFECTIVE_FROM = EARLIEST_SAMPLE;

export interface TierInput {
  upTo: string | null;
  unitPrice: string;
}

/** A price as written to the API; the measurement is given by key. */
export interface PriceInput {
  measurement: string;
  /** Default: the measurement's display unit. */
  priceUnit?: string;
  unitPrice?: string;
  tiers?: TierInput[];
  /** ISO 8601 instants; default from 2000-01-01T00:00:00Z, open-ended. */
  effectiveFrom?: string;
  effectiveTo?: string | null;
}

/** A price as stored, checked. */
export interface PriceFields {
  priceUnit: string;
  unitPrice: string | null;
  tiers: StoredTier[] | null;
  effectiveFrom: number;
  effectiveTo: number | null;
}

/** Why a decimal text is refused (the message follows the field name), or undefined. */
export function decimalProblem(value: unknown, { positive = false } = {}): string | undefined {
  const x = parseDecimal(value);
  if (!x) return `must be a decimal string such as "0.0125" (${typeof value === 'number' ? 'a JSON number would be read as floating point' : 'digits, one optional point, no exponent'})`;
  if (x.lt(ZERO)) return 'must not be negative';
  if (positive && x.eq(ZERO)) return 'must be greater than 0';
  if (placesOf(x) > MAX_PRICE_PLACES) return `must have at most ${MAX_PRICE_PLACES} decimal places`;
  if (integerDigitsOf(x) > MAX_PRICE_DIGITS) return `must have at most ${MAX_PRICE_DIGITS} digits before the point`;
  return undefined;
}

/** Graduated bands: bounds increasing, only the last one open. */
export function tiersProblems(tiers: readonly TierInput[], at: string): string[] {
  const problems: string[] = [];
  if (tiers.length === 0 || tiers.length > MAX_TIERS) return [`${at} must have 1 to ${MAX_TIERS} tiers`];
  tiers.forEach((tier, i) => {
    const last = i === tiers.length - 1;
    const pp = decimalProblem(tier.unitPrice);
    if (pp) problems.push(`${at}[${i}].unitPrice ${pp}`);
    if (last) {
      if (tier.upTo !== null) problems.push(`${at}[${i}].upTo must be null: the last tier has no upper bound`);
      return;
    }
    if (tier.upTo === null) return void problems.push(`${at}[${i}].upTo must be a bound: only the last tier is open`);
    const up = decimalProblem(tier.upTo, { positive: true });
    if (up) return void problems.push(`${at}[${i}].upTo ${up}`);
    const prev = i > 0 ? parseDecimal(tiers[i - 1].upTo) : undefined;
    if (prev && !parseDecimal(tier.upTo)!.gt(prev)) problems.push(`${at}[${i}].upTo must be greater than ${at}[${i - 1}].upTo (${tiers[i - 1].upTo})`);
  });
  return problems;
}

/**
 * Checks a price for a measurement whose usage is in `usageUnit`; `at` prefixes field names
 * ("overrides[2]." inside an assignment). Returns the fields to store, or every problem.
 */
export function checkPrice(input: Omit<PriceInput, 'measurement'>, usageUnit: string, defaultUnit: string, at = ''): { fields?: PriceFields; problems: string[] } {
  const problems: string[] = [];
  const priceUnit = input.priceUnit === undefined ? defaultUnit : normalizeUnit(input.priceUnit);
  const unitProblem = conversionProblem(usageUnit, priceUnit);
  if (unitProblem) problems.push(`${at}priceUnit: ${unitProblem}`);

  const hasFlat = input.unitPrice !== undefined && input.unitPrice !== null;
  const hasTiers = input.tiers !== undefined && input.tiers !== null;
  if (!hasFlat && !hasTiers) problems.push(`${at}unitPrice or ${at}tiers is required: a flat price or graduated tiers`);
  else if (hasFlat && hasTiers) problems.push(`${at}unitPrice and ${at}tiers exclude each other: give a flat price or graduated tiers`);
  else if (hasFlat) {
    const p = decimalProblem(input.unitPrice);
    if (p) problems.push(`${at}unitPrice ${p}`);
  } else problems.push(...tiersProblems(input.tiers!, `${at}tiers`));

  const from = input.effectiveFrom === undefined ? DEFAULT_EFFECTIVE_FROM : parseIsoInstant(input.effectiveFrom);
  if (from === undefined) problems.push(`${at}effectiveFrom must be ${TIMESTAMP_FORMAT_HINT}`);
  const to = input.effectiveTo === undefined || input.effectiveTo === null ? null : parseIsoInstant(input.effectiveTo);
  if (to === undefined) problems.push(`${at}effectiveTo must be ${TIMESTAMP_FORMAT_HINT}, or null for no end`);
  else if (to !== null && from !== undefined && to <= from) problems.push(`${at}effectiveTo must be later than ${at}effectiveFrom`);

  if (problems.length) return { problems };
  const canonical = (text: string) => decimalText(parseDecimal(text)!);
  return {
    problems,
    fields: {
      priceUnit,
      unitPrice: hasFlat ? canonical(input.unitPrice!) : null,
      tiers: hasTiers ? input.tiers!.map((t) => ({ upTo: t.upTo === null ? null : canonical(t.upTo), unitPrice: canonical(t.unitPrice) })) : null,
      effectiveFrom: from!,
      effectiveTo: to as number | null,
    },
  };
}

/** Half-open periods [from, to) meet when each starts before the other ends. */
export function periodsOverlap(a: { effectiveFrom: number; effectiveTo: number | null }, b: { effectiveFrom: number; effectiveTo: number | null }): boolean {
  return (b.effectiveTo === null || a.effectiveFrom < b.effectiveTo) && (a.effectiveTo === null || b.effectiveFrom < a.effectiveTo);
}
