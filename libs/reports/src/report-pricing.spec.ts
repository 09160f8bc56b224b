import fc from 'fast-check';
import Big from 'big.js';
import { decimal, decimalText } from '@tally/money';
import type { PriceSpec } from '@tally/pricing';
import { lineDisplay, lineMoney, priceCuts, ReportPricing, segmentBounds, segmentUsages } from './report-pricing';

const NOV = Date.parse('2026-11-01T00:00:00Z');
const DEC = Date.parse('2026-12-01T00:00:00Z');
const MID = Date.parse('2026-11-16T00:00:00Z');

const flat = (id: string, unitPrice: string, from = 0, to: number | null = null, priceUnit = 'vCPU·h', clientId: string | null = null): PriceSpec => ({
  id, clientId, effectiveFrom: from, effectiveTo: to, priceUnit, tiers: [{ upTo: null, unitPrice: decimal(unitPrice) }],
});

const card = (prices: Record<string, PriceSpec[]>, currency = 'EUR'): ReportPricing => ({
  currency, rateCardId: 'card', rateCardName: 'Standard', prices: new Map(Object.entries(prices)),
});

function money(pricing: ReportPricing, key: string, usageUnit: string, usage: number, parts?: { index: number[]; usage: number[] }) {
  const bounds = segmentBounds(NOV, DEC, priceCuts(pricing, NOV, DEC));
  return lineMoney(pricing, key, usageUnit, bounds, segmentUsages(usage, bounds, parts?.index ?? null, parts?.usage ?? null));
}

describe('report line amounts (hand-computed, docs/pricing.md)', () => {
  it('splits a line at a price change mid-window: 720 × 0.04 + 720 × 0.05 = 64.80', () => {
    const pricing = card({ 'ganeti.vcpus': [flat('a', '0.04', 0, MID), flat('b', '0.05', MID)] });
    expect(segmentBounds(NOV, DEC, priceCuts(pricing, NOV, DEC))).toEqual([NOV, MID, DEC]);
    const m = money(pricing, 'ganeti.vcpus', 'vCPU·h', 1440, { index: [1, 2], usage: [720, 720] });
    expect(m).toMatchObject({ amount: '64.80', currency: 'EUR', unitPrice: null, priceUnit: 'vCPU·h' });
    expect(m.pricing).toBe('2026-11-01T00:00:00Z–2026-11-16T00:00:00Z: 720 vCPU·h × 0.04; 2026-11-16T00:00:00Z–2026-12-01T00:00:00Z: 720 vCPU·h × 0.05');
  });

  it('lets a client override win while it is in effect: 720 × 0.04 + 720 × 0.03 = 50.40', () => {
    const pricing = card({ 'ganeti.vcpus': [flat('a', '0.04'), flat('o', '0.03', MID, null, 'vCPU·h', 'client')] });
    expect(money(pricing, 'ganeti.vcpus', 'vCPU·h', 1440, { index: [1, 2], usage: [720, 720] }).amount).toBe('50.40');
  });

  it('prices tiers on the line: 1500 GiB·h → 1000 × 0.01 + 500 × 0.008 = 14.00', () => {
    const tiered: PriceSpec = { ...flat('t', '0'), priceUnit: 'GiB·h', tiers: [{ upTo: decimal('1000'), unitPrice: decimal('0.01') }, { upTo: null, unitPrice: decimal('0.008') }] };
    const m = money(card({ 'ganeti.memory': [tiered] }), 'ganeti.memory', 'MiB·h', 1_536_000);
    expect(m).toMatchObject({ amount: '14.00', unitPrice: null, pricing: '1000 GiB·h × 0.01 + 500 GiB·h × 0.008' });
  });

  it('rounds once per line, half-even: 2.5 vCPU·h × 0.05 = 0.125 → 0.12', () => {
    const m = money(card({ 'ganeti.vcpus': [flat('a', '0.05')] }), 'ganeti.vcpus', 'vCPU·h', 2.5);
    expect(m).toMatchObject({ amount: '0.12', unitPrice: '0.05', priceUnit: 'vCPU·h' });
  });

  it('gives a zero-usage line a zero amount, and an unpriced line none', () => {
    const pricing = card({ 'ganeti.vcpus': [flat('a', '0.05')] });
    expect(money(pricing, 'ganeti.vcpus', 'vCPU·h', 0).amount).toBe('0.00');
    expect(money(pricing, 'load.1m', 'h', 3)).toMatchObject({ amount: null, currency: 'EUR', pricing: 'not priced: rate card "Standard" has no price for load.1m' });
    expect(lineMoney(null, 'ganeti.vcpus', 'vCPU·h', [NOV, DEC], [decimal('1')])).toMatchObject({ amount: null, currency: null, pricing: 'not priced: the client has no rate card' });
  });

  it('says so when no price is in effect anywhere in the window', () => {
    const m = money(card({ 'ganeti.vcpus': [flat('a', '0.05', DEC)] }), 'ganeti.vcpus', 'vCPU·h', 10);
    expect(m.amount).toBeNull();
    expect(m.pricing).toMatch(/^not priced: no price for ganeti.vcpus is in effect in the window \(10 vCPU·h not priced\)$/);
  });

  it('bills only the priced stretch of a line whose price starts mid-window', () => {
    const m = money(card({ 'ganeti.vcpus': [flat('a', '0.05', MID)] }), 'ganeti.vcpus', 'vCPU·h', 20, { index: [1, 2], usage: [10, 10] });
    expect(m.amount).toBe('0.50');
    expect(m.pricing).toContain('10 vCPU·h not priced');
  });

  it('converts to the display unit exactly, half-even at its places', () => {
    expect(lineDisplay(776416685007.557, 'byte·h', { unit: 'GiB·h', places: 3 })).toEqual({ value: '723.094', unit: 'GiB·h' });
    expect(lineDisplay(7200 * 1024, 'MiB·h', { unit: 'GiB·month', places: 3 })).toEqual({ value: '9.863', unit: 'GiB·month' });
    expect(lineDisplay(1.5, 'vCPU·h', { unit: 'GiB·h', places: 2 })).toEqual({ value: '1.5', unit: 'vCPU·h' });
  });
});

describe('segmentUsages', () => {
  it('gives what the parts miss (a counter baseline step, float noise) to the first sample’s segment', () => {
    const u = segmentUsages(410, [0, 10, 20, 30], [2, 3], [200, 150]);
    expect(u.map(decimalText)).toEqual(['0', '260', '150']);
    expect(segmentUsages(0.30000000000000004, [0, 1, 2], [1, 2], [0.1, 0.2]).map(decimalText)).toEqual(['0.10000000000000004', '0.2']);
  });
});

describe('line amounts (property)', () => {
  const usageArb = fc.double({ min: -1e6, max: 1e9, noNaN: true, noDefaultInfinity: true });
  const priceArb = fc.bigInt({ min: 0n, max: 10n ** 8n }).map((n) => new Big(n.toString()).div(10 ** 6).toFixed());

  it('equal Σ usage × price over the price periods, computed independently in decimal and rounded once, half-even', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(usageArb, priceArb), { minLength: 1, maxLength: 5 }), fc.constantFrom('EUR', 'JPY', 'KWD'), (parts, currency) => {
        const step = Math.floor((DEC - NOV) / parts.length);
        const bounds = parts.map((_, i) => NOV + i * step).concat(DEC);
        const prices = parts.map(([, p], i) => flat(`p${i}`, p, bounds[i], i + 1 < parts.length ? bounds[i + 1] : null));
        const usage = parts.reduce((s, [u]) => s + u, 0);
        const pricing = card({ m: prices }, currency);
        const seg = segmentUsages(usage, bounds, parts.map((_, i) => i + 1), parts.map(([u]) => u));
        const m = lineMoney(pricing, 'm', 'vCPU·h', bounds, seg);
        // Independently: the parts as the SQL gave them, the first one taking what the float sum left over.
        const exact = parts.map(([u]) => new Big(String(u)));
        exact[0] = exact[0].plus(new Big(String(usage)).minus(exact.reduce((s, x) => s.plus(x), new Big(0))));
        const places = currency === 'JPY' ? 0 : currency === 'KWD' ? 3 : 2;
        const expected = exact.reduce((s, x, i) => s.plus(x.times(parts[i][1])), new Big(0)).round(places, Big.roundHalfEven);
        expect(m.amount).toBe(expected.toFixed(places));
        expect(seg.reduce((s, x) => s.plus(x), new Big(0)).eq(new Big(String(usage)))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
