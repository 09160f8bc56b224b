import { convert, Decimal, decimal, decimalText, parseAmount, sumOf, ZERO } from '@tally/money';
import { priceLine, UsageSegment } from '@tally/pricing';
import { usageSegments } from './report-pricing';
import type { ReportHeader, ReportLine } from './report.types';

/** Places of a charge's consumed quantity when it is converted back from the price unit. */
const CONSUMED_PLACES = 12;

/**
 * What one line used and cost over one charge period (a day in the report's zone) at one rate:
 * FOCUS's unit of a row. `cost` is exactly `quantity × unitPrice` (the rule FOCUS holds a row
 * to), so it is not rounded; the line's rounding is a charge of its own (`LineRounding`).
 */
export interface Charge {
  start: number;
  end: number;
  /** In `unit`: the price unit, or the usage unit where no price was in effect. */
  quantity: string;
  unit: string;
  /** "0" where no price was in effect (that usage is not billed). */
  unitPrice: string;
  cost: string;
  /** The same usage in the line's usage unit. */
  consumed: string;
  priced: boolean;
}

export interface LineCharges {
  charges: Charge[];
  /** The line's amount minus the sum of its charges: its one rounding (half-even, to the minor unit) plus the charges' own. Null without an amount. */
  rounding: string | null;
}

/**
 * Splits a line into charges per period at `periodStarts` (which header.bounds must contain) and
 * rate. Each period is priced from the position the line's usage reached before it (tiers carry
 * on) by the engine that priced the line; the charges and the rounding add up to the line's
 * amount exactly.
 */
export function lineCharges(header: ReportHeader, line: ReportLine, periodStarts: readonly number[]): LineCharges {
  const edges = [header.from.getTime(), ...periodStarts, header.to.getTime()];
  const prices = line.amount !== null && header.pricing ? header.pricing.prices.get(line.measurementKey) ?? [] : [];
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
    const period = { start: edges[d], end: edges[d + 1] };
    if (!prices.length || !usages.length) {
      const q = decimalText(usage);
      charges.push({ ...period, quantity: q, unit: line.usageUnit, unitPrice: '0', cost: '0', consumed: q, priced: false });
    } else {
      // The usage before this day rides along unpriced, so the day's parts start where the line stood.
      const prefix: UsageSegment[] = d > 0 ? [{ from: edges[0], to: edges[d], price: null, usage: before }] : [];
      const priced = priceLine(line.currency!, line.usageUnit, [...prefix, ...usageSegments(prices, bounds, usages)]);
      for (const part of priced.parts.filter((p) => p.from >= edges[d])) {
        const unitPrice = part.unitPrice ?? '0';
        const consumed = part.unit === line.usageUnit ? part.quantity : decimalText(convert(decimal(part.quantity), part.unit, line.usageUnit, CONSUMED_PLACES));
        const cost = decimalText(decimal(part.quantity).times(unitPrice));
        charges.push({ ...period, quantity: part.quantity, unit: part.unit, unitPrice, cost, consumed, priced: part.unitPrice !== null });
      }
    }
    before = before.plus(usage);
  }
  const rounding = line.amount !== null && line.currency
    ? decimalText(parseAmount(line.amount, line.currency).minus(sumOf(charges.map((c) => decimal(c.cost)))))
    : null;
  return { charges, rounding };
}
