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

describe('lineCharges (FOCUS charges)', () => {
  it('gives each day its usage at its rate, cost = quantity × price exactly, and the line its one rounding', () => {
    // 1.5 × 0.05 = 0.075 on each day; the line is 3 × 0.05 = 0.15 (0.15 exactly: no rounding left).
    const { line, charges } = setup(price(tiers([null, '0.05'])), ['1.5', '1.5']);
    expect(line.amount).toBe('0.15');
    expect(charges.charges.map((c) => [c.start, c.end, c.quantity, c.unitPrice, c.cost, c.consumed])).toEqual([
      [D1, D2, '1.5', '0.05', '0.075', '1.5'], [D2, D3, '1.5', '0.05', '0.075', '1.5'],
    ]);
    expect(charges.rounding).toBe('0');
    // 1.25 + 1.25 at 0.05: 0.0625 each, the line 0.125 → 0.12 (half-even): the rounding is −0.005.
    expect(setup(price(tiers([null, '0.05'])), ['1.25', '1.25']).charges.rounding).toBe('-0.005');
  });

  it('carries the tier position from one day into the next, one charge per rate', () => {
    // 8 then 4 vCPU·h with 10 at 1.00 then 0.50: day 1 8 × 1; day 2 2 × 1 + 2 × 0.5; the line 11.00.
    const { line, charges } = setup(price(tiers(['10', '1'], [null, '0.5'])), ['8', '4']);
    expect(line.amount).toBe('11.00');
    expect(charges.charges.map((c) => [c.start, c.quantity, c.unitPrice, c.cost])).toEqual([[D1, '8', '1', '8'], [D2, '2', '1', '2'], [D2, '2', '0.5', '1']]);
    expect(charges.rounding).toBe('0');
  });

  it('has unpriced charges at 0 and no rounding for an unpriced line', () => {
    const { charges } = setup(null, ['2', '0']);
    expect(charges.charges.map((c) => [c.quantity, c.unitPrice, c.cost, c.priced])).toEqual([['2', '0', '0', false], ['0', '0', '0', false]]);
    expect(charges.rounding).toBeNull();
  });
});
