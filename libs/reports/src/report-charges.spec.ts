import { decimal, decimalText } from '@tally/money';
import type { PriceSpec } from '@tally/pricing';
import { lineCharges } from './report-charges';
import { lineMoney, ReportPricing } from './report-pricing';
import type { ReportHeader, ReportLine } from './report.types';

const D1 = Date.parse('2026-11-01T00:00:00Z');
const D2 = Date.parse('2026-11-02T00:00:00Z');
const D3 = Date.parse('2026-11-03T00:00:00Z');

function setup(price: PriceSpec | null, usages: string[]) {
  const pricing: ReportPricing | null = price && { currency: 'EUR', rateCardId: 'c', rateCardName: 'Card', prices: new Map([['m', [price]]]) };
  const bounds = [D1, D2, D3];
  const segmentUsage = usages.map((u) => decimal(u));
  const usage = Number(usages.reduce((s, u) => s.plus(u), decimal('0')).toString());
  const header = {
    clientId: 'c', clientName: 'C', clientBillingRef: null, from: new Date(D1), to: new Date(D3), tz: 'UTC', status: 'final', intervalMs: 1_800_000,
    expectedPerSeries: 96, generatedAt: new Date(D3), pricing, bounds,
  } as ReportHeader;
  const line = {
    projectId: 'p', projectName: 'P', projectBillingRef: null, resourceId: 'r', resourceName: 'r', resourceType: 'node', resourceActive: true,
    measurementId: 1, measurementKey: 'm', kind: 'gauge', unit: 'vCPU', usage, usageUnit: 'vCPU·h', samples: 96, expected: 96, coverage: 1,
    min: 1, max: 1, avg: 1, last: 1, corrections: 0, correctedAt: null, labels: {}, displayUsage: String(usage), displayUnit: 'vCPU·h', segmentUsage,
    ...lineMoney(pricing, 'm', 'vCPU·h', bounds, segmentUsage),
  } as ReportLine;
  return { header, line, charges: lineCharges(header, line, [D2]) };
}

const tiers = (...t: [string | null, string][]) => t.map(([upTo, unitPrice]) => ({ upTo: upTo === null ? null : decimal(upTo), unitPrice: decimal(unitPrice) }));
const price = (t: ReturnType<typeof tiers>): PriceSpec => ({ id: 'p1', clientId: null, effectiveFrom: 0, effectiveTo: null, priceUnit: 'vCPU·h', tiers: t });

describe('lineCharges (FOCUS charge periods)', () => {
  it('gives each day its usage, and the per-day rounding remainder to the last day so the days add up to the line', () => {
    // 1.5 × 0.05 = 0.075 → 0.08 on each day; the line is 3 × 0.05 = 0.15, so the last day gets 0.07.
    const { line, charges } = setup(price(tiers([null, '0.05'])), ['1.5', '1.5']);
    expect(line.amount).toBe('0.15');
    expect(charges.map((c) => [c.start, c.end, decimalText(c.usage), c.amount])).toEqual([[D1, D2, '1.5', '0.08'], [D2, D3, '1.5', '0.07']]);
  });

  it('carries the tier position from one day into the next', () => {
    // 8 then 4 vCPU·h with 10 at 1.00 then 0.50: day 1 8.00, day 2 2 × 1.00 + 2 × 0.50 = 3.00; the line 11.00.
    const { line, charges } = setup(price(tiers(['10', '1'], [null, '0.5'])), ['8', '4']);
    expect(line.amount).toBe('11.00');
    expect(charges.map((c) => c.amount)).toEqual(['8.00', '3.00']);
  });

  it('has no amounts for an unpriced line, and zero for a priced day without usage', () => {
    expect(setup(null, ['2', '0']).charges.map((c) => c.amount)).toEqual([null, null]);
    expect(setup(price(tiers([null, '0.05'])), ['2', '0']).charges.map((c) => c.amount)).toEqual(['0.10', '0.00']);
  });
});
