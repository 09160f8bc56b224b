import { decimal, sumAmounts } from '@tally/money';
import type { PriceSpec, PriceTier } from './price-spec';
import { pricePeriods } from './price-periods';
import { priceLine, UsageSegment } from './price-line';

const T = (day: number, hour = 0) => Date.UTC(2026, 10, day, hour); // November 2026
const DEC1 = Date.UTC(2026, 11, 1);
const flat = (id: string, unitPrice: string, priceUnit: string, from = T(1), to: number | null = null, clientId: string | null = null): PriceSpec =>
  ({ id, clientId, effectiveFrom: from, effectiveTo: to, priceUnit, tiers: [{ upTo: null, unitPrice: decimal(unitPrice) }] });
const tiered = (id: string, priceUnit: string, tiers: [string | null, string][], from = T(1), to: number | null = null): PriceSpec =>
  ({ id, clientId: null, effectiveFrom: from, effectiveTo: to, priceUnit, tiers: tiers.map(([upTo, p]): PriceTier => ({ upTo: upTo === null ? null : decimal(upTo), unitPrice: decimal(p) })) });
const seg = (from: number, to: number, usage: string, price: PriceSpec | null): UsageSegment => ({ from, to, usage: decimal(usage), price });

describe('priceLine: hand-computed amounts', () => {
  it('splits a line at a price change mid-window', () => {
    // 2 vCPU all November: 15 days × 24 h × 2 = 720 vCPU·h before the 16th at 0.04, 720 after at 0.05.
    const before = flat('p1', '0.04', 'vCPU·h', T(1), T(16));
    const after = flat('p2', '0.05', 'vCPU·h', T(16));
    const periods = pricePeriods([after, before], T(1), DEC1);
    expect(periods.map((p) => [p.from, p.to, p.price?.id])).toEqual([[T(1), T(16), 'p1'], [T(16), DEC1, 'p2']]);
    const line = priceLine('EUR', 'vCPU·h', [seg(T(1), T(16), '720', before), seg(T(16), DEC1, '720', after)]);
    expect(line).toMatchObject({ currency: 'EUR', amount: '64.80', unitPrice: null, priceUnit: 'vCPU·h' }); // 28.80 + 36.00
    expect(line.pricing).toBe('2026-11-01T00:00:00Z–2026-11-16T00:00:00Z: 720 vCPU·h × 0.04; 2026-11-16T00:00:00Z–2026-12-01T00:00:00Z: 720 vCPU·h × 0.05');
  });

  it('prices graduated tiers on the usage converted to the price unit', () => {
    // 1,536,000 MiB·h = 1500 GiB·h: 1000 × 0.01 + 500 × 0.008 = 10 + 4.
    const price = tiered('t', 'GiB·h', [['1000', '0.01'], [null, '0.008']]);
    const line = priceLine('CHF', 'MiB·h', [seg(T(1), DEC1, '1536000', price)]);
    expect(line).toMatchObject({ amount: '14.00', unitPrice: null, priceUnit: 'GiB·h', pricing: '1000 GiB·h × 0.01 + 500 GiB·h × 0.008' });
    // Within the first tier there is one rate for all of it.
    expect(priceLine('CHF', 'MiB·h', [seg(T(1), DEC1, '512000', price)])).toMatchObject({ amount: '5.00', unitPrice: '0.01', pricing: '500 GiB·h × 0.01' });
  });

  it('carries the tier position across a price change', () => {
    // 800 GiB·h at the old tiers (all in the first, 0.01), then 400 more under new tiers
    // starting at 800: 200 × 0.009 up to 1000, 200 × 0.007 beyond. 8 + 1.8 + 1.4 = 11.20.
    const old = tiered('a', 'GiB·h', [['1000', '0.01'], [null, '0.008']], T(1), T(16));
    const cheaper = tiered('b', 'GiB·h', [['1000', '0.009'], [null, '0.007']], T(16));
    const line = priceLine('EUR', 'GiB·h', [seg(T(1), T(16), '800', old), seg(T(16), DEC1, '400', cheaper)]);
    expect(line.amount).toBe('11.20');
    expect(line.parts.map((p) => [p.priceId, p.quantity, p.unitPrice])).toEqual([['a', '800', '0.01'], ['b', '200', '0.009'], ['b', '200', '0.007']]);
  });

  it('rounds at half a cent to the even cent, both ways', () => {
    const p = flat('p', '0.05', 'vCPU·h');
    expect(priceLine('EUR', 'vCPU·h', [seg(T(1), DEC1, '2.5', p)]).amount).toBe('0.12'); // 0.125 → down to the even 0.12
    expect(priceLine('EUR', 'vCPU·h', [seg(T(1), DEC1, '3.5', p)]).amount).toBe('0.18'); // 0.175 → up to the even 0.18
    expect(priceLine('EUR', 'vCPU·h', [seg(T(1), DEC1, '2.5000001', p)]).amount).toBe('0.13'); // not a tie
    expect(priceLine('JPY', 'vCPU·h', [seg(T(1), DEC1, '2.5', flat('y', '1', 'vCPU·h'))]).amount).toBe('2');
    expect(priceLine('KWD', 'vCPU·h', [seg(T(1), DEC1, '1', flat('k', '0.0125', 'vCPU·h'))]).amount).toBe('0.012');
  });

  it('rounds the line once, not each segment', () => {
    // Two halves of 0.125 each would round to 0.12 + 0.12; the line's 0.25 stays 0.25.
    const a = flat('a', '0.05', 'vCPU·h', T(1), T(16));
    const b = flat('b', '0.05', 'vCPU·h', T(16));
    expect(priceLine('EUR', 'vCPU·h', [seg(T(1), T(16), '2.5', a), seg(T(16), DEC1, '2.5', b)])).toMatchObject({ amount: '0.25', unitPrice: '0.05' });
  });

  it('gives a zero-usage line a zero amount and its rate', () => {
    expect(priceLine('EUR', 'vCPU·h', [seg(T(1), DEC1, '0', flat('p', '0.04', 'vCPU·h'))])).toMatchObject({ amount: '0.00', unitPrice: '0.04', pricing: '0 vCPU·h × 0.04' });
    expect(priceLine('EUR', 'GiB·h', [seg(T(1), DEC1, '0', tiered('t', 'GiB·h', [['1000', '0.01'], [null, '0.008']]))])).toMatchObject({ amount: '0.00', unitPrice: '0.01' });
  });

  it('converts between display units exactly, month = 730 h', () => {
    // 10 GiB held for a 730 h month is 10 GiB·month; in byte·h that is 10 × 2^30 × 730.
    const usage = (10n * 2n ** 30n * 730n).toString();
    expect(priceLine('EUR', 'byte·h', [seg(T(1), DEC1, usage, flat('m', '0.10', 'GiB·month'))])).toMatchObject({ amount: '1.00', pricing: '10 GiB·month × 0.1' });
    // The same usage priced per GiB·h at 0.10 / 730 ≈ 0.000137: the exact quantity, 7300 GiB·h, sets the amount.
    expect(priceLine('EUR', 'byte·h', [seg(T(1), DEC1, usage, flat('h', '0.000137', 'GiB·h'))]).amount).toBe('1.00'); // 1.0001 → 1.00
    // Busy CPU seconds priced per CPU·h: 5400 s = 1.5 CPU·h.
    expect(priceLine('USD', 's', [seg(T(1), DEC1, '5400', flat('c', '0.04', 'CPU·h'))])).toMatchObject({ amount: '0.06', pricing: '1.5 CPU·h × 0.04' });
    // Hours running: bool·h priced per h.
    expect(priceLine('EUR', 'bool·h', [seg(T(1), DEC1, '719.5', flat('r', '0.002', 'h'))])).toMatchObject({ amount: '1.44', unitPrice: '0.002', priceUnit: 'h' }); // 1.439
  });

  it('bills nothing where no price is in effect, and says so', () => {
    const p = flat('p', '0.04', 'vCPU·h', T(11));
    const periods = pricePeriods([p], T(1), DEC1);
    expect(periods.map((x) => x.price?.id ?? null)).toEqual([null, 'p']);
    const line = priceLine('EUR', 'vCPU·h', [seg(T(1), T(11), '480', null), seg(T(11), DEC1, '960', p)]);
    expect(line).toMatchObject({ amount: '38.40', unitPrice: null, priceUnit: 'vCPU·h' });
    expect(line.pricing).toMatch(/^2026-11-01T00:00:00Z–2026-11-11T00:00:00Z: 480 vCPU·h not priced; /);
    expect(priceLine('EUR', 'h', [seg(T(1), DEC1, '-0.25', null)])).toMatchObject({ amount: null, unitPrice: null, priceUnit: null });
  });

  it('prices a gauge below zero by giving back at the first rate', () => {
    expect(priceLine('EUR', 'h', [seg(T(1), DEC1, '-10.25', flat('l', '1', 'h'))])).toMatchObject({ amount: '-10.25', pricing: '-10.25 h × 1' });
  });
});

describe("docs/pricing.md's statement", () => {
  it('adds up: 64.80 + 14.00 + 0.99 = 79.79 EUR', () => {
    const vcpus = priceLine('EUR', 'vCPU·h', [seg(T(1), T(16), '720', flat('a', '0.04', 'vCPU·h', T(1), T(16))), seg(T(16), DEC1, '720', flat('b', '0.05', 'vCPU·h', T(16)))]);
    const memory = priceLine('EUR', 'MiB·h', [seg(T(1), DEC1, String(2048 * 750), tiered('m', 'GiB·h', [['1000', '0.01'], [null, '0.008']]))]);
    const disk = priceLine('EUR', 'MiB·h', [seg(T(1), DEC1, String(10 * 1024 * 720), flat('d', '0.10', 'GiB·month'))]);
    expect([vcpus.amount, memory.amount, disk.amount]).toEqual(['64.80', '14.00', '0.99']);
    expect(disk.pricing).toBe('9.863014 GiB·month × 0.1');
    expect(sumAmounts([vcpus.amount!, memory.amount!, disk.amount!], 'EUR')).toBe('79.79');
  });

  it('shows three half-cent lines as 0.12 each and a total of 0.36, not 0.38', () => {
    const lines = [1, 2, 3].map(() => priceLine('EUR', 'vCPU·h', [seg(T(1), DEC1, '2.5', flat('p', '0.05', 'vCPU·h'))]).amount!);
    expect(lines).toEqual(['0.12', '0.12', '0.12']);
    expect(sumAmounts(lines, 'EUR')).toBe('0.36');
  });
});

describe('pricePeriods', () => {
  it("lets a client's override win while it is in effect, the card's price elsewhere", () => {
    const card = flat('card', '0.04', 'vCPU·h', T(1));
    const override = flat('mine', '0.03', 'vCPU·h', T(10), T(20), 'client-1');
    expect(pricePeriods([card, override], T(1), DEC1).map((p) => [p.from, p.to, p.price?.id])).toEqual([
      [T(1), T(10), 'card'], [T(10), T(20), 'mine'], [T(20), DEC1, 'card'],
    ]);
  });

  it('merges stretches of one price and ignores prices outside the window', () => {
    const early = flat('early', '1', 'h', Date.UTC(2026, 0, 1), T(1));
    const now = flat('now', '2', 'h', T(1));
    expect(pricePeriods([early, now], T(5), T(6))).toEqual([{ from: T(5), to: T(6), price: now }]);
    expect(pricePeriods([], T(5), T(6))).toEqual([{ from: T(5), to: T(6), price: null }]);
    expect(pricePeriods([now], T(6), T(6))).toEqual([]);
  });
});
