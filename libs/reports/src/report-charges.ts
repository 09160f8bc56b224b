import { Decimal, parseAmount, amountText, sumOf, ZERO } from '@tally/money';
import { priceLine, UsageSegment } from '@tally/pricing';
import { usageSegments } from './report-pricing';
import type { ReportHeader, ReportLine } from './report.types';

/** One line's usage and cost over one charge period (a day in the report's zone), for FOCUS. */
export interface Charge {
  start: number;
  end: number;
  /** Exact, in the line's usage unit. */
  usage: Decimal;
  /** In the line's currency; null when the line has no amount. The charges of a line add up to its amount. */
  amount: string | null;
}

/**
 * Splits a line into charge periods at `periodStarts` (which header.bounds must contain). Each
 * period is priced from the position the line's usage reached before it (tiers carry on), then
 * rounded; what rounding per period left over against the line's amount (a few minor units at
 * most) goes to the last period with usage, so the charges add up to the line exactly.
 */
export function lineCharges(header: ReportHeader, line: ReportLine, periodStarts: readonly number[]): Charge[] {
  const edges = [header.from.getTime(), ...periodStarts, header.to.getTime()];
  const prices = line.currency && header.pricing ? header.pricing.prices.get(line.measurementKey) ?? [] : [];
  const charges: Charge[] = [];
  let seg = 0;
  let before = ZERO;
  for (let d = 0; d + 1 < edges.length; d++) {
    const bounds = [edges[d]];
    const usages: Decimal[] = [];
    while (seg + 1 < header.bounds.length && header.bounds[seg + 1] <= edges[d + 1]) {
      usages.push(line.segmentUsage[seg] ?? ZERO);
      bounds.push(header.bounds[seg + 1]);
      seg++;
    }
    const usage = sumOf(usages);
    let amount: string | null = null;
    if (line.amount !== null && prices.length && usages.length) {
      const prefix: UsageSegment[] = d > 0 ? [{ from: edges[0], to: edges[d], price: null, usage: before }] : [];
      amount = priceLine(line.currency!, line.usageUnit, [...prefix, ...usageSegments(prices, bounds, usages)]).amount ?? amountText(ZERO, line.currency!);
    } else if (line.amount !== null) amount = amountText(ZERO, line.currency!);
    charges.push({ start: edges[d], end: edges[d + 1], usage, amount });
    before = before.plus(usage);
  }
  if (line.amount !== null && line.currency) {
    const currency = line.currency;
    const off = parseAmount(line.amount, currency).minus(sumOf(charges.map((c) => parseAmount(c.amount!, currency))));
    if (!off.eq(ZERO)) {
      const last = [...charges].reverse().find((c) => !c.usage.eq(ZERO)) ?? charges[charges.length - 1];
      last.amount = amountText(parseAmount(last.amount!, currency).plus(off), currency);
    }
  }
  return charges;
}
