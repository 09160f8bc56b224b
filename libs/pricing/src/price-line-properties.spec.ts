import fc from 'fast-check';
import { conversion, Decimal, decimal, decimalText, minorUnits, placesOf, sumAmounts } from '@tally/money';
import { priceLine, UsageSegment } from './price-line';
import type { PriceSpec, PriceTier } from './price-spec';

const HOUR = 3600_000;
const START = Date.UTC(2026, 10, 1);

/** A decimal with at most `places` fractional digits, in [min, max] units. */
const dec = (min: bigint, max: bigint, places: number) =>
  fc.tuple(fc.bigInt({ min: min * 10n ** BigInt(places), max: max * 10n ** BigInt(places) }), fc.constant(places))
    .map(([n, p]) => decimal(n).div(decimal(10n ** BigInt(p))));

const rate = dec(0n, 5n, 6);
const tiers: fc.Arbitrary<PriceTier[]> = fc.tuple(fc.array(dec(1n, 2000n, 3), { maxLength: 3 }), fc.array(rate, { minLength: 4, maxLength: 4 }))
  .map(([bounds, rates]) => {
    const ups = [...new Set(bounds.map(decimalText))].map((t) => decimal(t)).sort((a, b) => a.cmp(b));
    return [...ups.map((upTo, i) => ({ upTo, unitPrice: rates[i] })), { upTo: null, unitPrice: rates[ups.length] }];
  });
const units = fc.constantFrom<[string, string]>(['MiB·h', 'GiB·h'], ['byte·h', 'GiB·month'], ['vCPU·h', 'vCPU·h'], ['s', 'CPU·h'], ['byte', 'GiB']);
const currency = fc.constantFrom('EUR', 'JPY', 'KWD');
const price = (t: PriceTier[], priceUnit: string, id = 'p'): PriceSpec => ({ id, clientId: null, effectiveFrom: 0, effectiveTo: null, priceUnit, tiers: t });
const usages = fc.array(dec(-50n, 100_000n, 4), { minLength: 1, maxLength: 6 });

/** Consecutive hour-long segments, all under one price. */
function segments(values: Decimal[], p: PriceSpec | null): UsageSegment[] {
  return values.map((usage, i) => ({ from: START + i * HOUR, to: START + (i + 1) * HOUR, usage, price: p }));
}

describe('priceLine, for any usage and prices', () => {
  it('gives the same amount when a segment is split in two under the same price', () => {
    fc.assert(fc.property(usages, fc.nat(), dec(0n, 1n, 4), tiers, units, currency, (values, which, share, t, [u, pu], c) => {
      const p = price(t, pu);
      const i = which % values.length;
      const first = values[i].times(share).round(8);
      const split = [...values.slice(0, i), first, values[i].minus(first), ...values.slice(i + 1)];
      expect(priceLine(c, u, segments(split, p)).amount).toBe(priceLine(c, u, segments(values, p)).amount);
    }));
  });

  it('gives the same amount for the whole window as one segment', () => {
    fc.assert(fc.property(usages, tiers, units, currency, (values, t, [u, pu], c) => {
      const p = price(t, pu);
      const whole = [{ from: START, to: START + values.length * HOUR, usage: values.reduce((a, b) => a.plus(b)), price: p }];
      expect(priceLine(c, u, segments(values, p)).amount).toBe(priceLine(c, u, whole).amount);
    }));
  });

  it('never gives an amount more decimals than the currency has', () => {
    fc.assert(fc.property(usages, tiers, units, currency, (values, t, [u, pu], c) => {
      const amount = priceLine(c, u, segments(values, price(t, pu))).amount!;
      expect(amount).toMatch(/^-?\d+(\.\d+)?$/);
      expect((amount.split('.')[1] ?? '').length).toBe(minorUnits(c));
    }));
  });

  it('equals an independent bigint computation for a flat price', () => {
    fc.assert(fc.property(dec(0n, 10n ** 12n, 6), rate, units, currency, (usage, unitPrice, [u, pu], c) => {
      const amount = priceLine(c, u, segments([usage], price([{ upTo: null, unitPrice }], pu))).amount!;
      const r = conversion(u, pu)!;
      const minor = BigInt(minorUnits(c)!);
      // usage × price × num / den in minor units, rounded half-even by the remainder.
      const n = BigInt(usage.times(decimal(10n ** 6n)).toFixed()) * BigInt(unitPrice.times(decimal(10n ** 6n)).toFixed()) * r.num * 10n ** minor;
      const d = r.den * 10n ** 12n;
      const q = n / d;
      const twice = 2n * (n % d);
      const minorAmount = q + (twice > d || (twice === d && q % 2n === 1n) ? 1n : 0n);
      expect(decimalText(decimal(amount).times(decimal(10n ** minor)))).toBe(minorAmount.toString());
    }));
  });

  it('never charges less for more usage when no rate is negative', () => {
    fc.assert(fc.property(dec(0n, 5000n, 3), dec(0n, 500n, 3), tiers, currency, (base, extra, t, c) => {
      const p = price(t, 'GiB·h');
      const less = decimal(priceLine(c, 'GiB·h', segments([base], p)).amount!);
      const more = decimal(priceLine(c, 'GiB·h', segments([base, extra], p)).amount!);
      expect(more.gte(less)).toBe(true);
    }));
  });

  it('does not depend on the unit a price is quoted in', () => {
    // A price per GiB·h equals 1/1024 of it per MiB·h, with tier bounds 1024 times larger.
    fc.assert(fc.property(usages, tiers, currency, (values, t, c) => {
      const perMiB = t.map((x) => ({ upTo: x.upTo && x.upTo.times(decimal('1024')), unitPrice: x.unitPrice.div(decimal('1024')) }));
      expect(perMiB.every((x) => placesOf(x.unitPrice) <= 16)).toBe(true); // 1/1024 terminates: nothing was rounded
      expect(priceLine(c, 'MiB·h', segments(values, price(perMiB, 'MiB·h'))).amount).toBe(priceLine(c, 'MiB·h', segments(values, price(t, 'GiB·h'))).amount);
    }));
  });

  it('makes totals the sums of rounded lines, within half a minor unit per line of the rounded exact sum', () => {
    fc.assert(fc.property(fc.array(usages, { minLength: 1, maxLength: 8 }), rate, currency, (lines, unitPrice, c) => {
      const p = price([{ upTo: null, unitPrice }], 'vCPU·h');
      const amounts = lines.map((values) => priceLine(c, 'vCPU·h', segments(values, p)).amount!);
      const total = decimal(sumAmounts(amounts, c));
      expect(decimalText(total)).toBe(decimalText(amounts.reduce((s, a) => s.plus(decimal(a)), decimal('0'))));
      const exact = lines.flat().reduce((s, v) => s.plus(v.times(unitPrice)), decimal('0'));
      const halfUnit = decimal('0.5').div(decimal(10n ** BigInt(minorUnits(c)!)));
      expect(total.minus(exact).abs().lte(halfUnit.times(decimal(BigInt(lines.length))))).toBe(true);
    }));
  });
});
