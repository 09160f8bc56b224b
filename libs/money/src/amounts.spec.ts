import fc from 'fast-check';
import { amountText, roundAmount, sumAmounts } from './amounts';
import { CURRENCY_CODES, currencyProblem, minorUnits } from './currencies';
import { decimal, decimalText, placesOf } from './decimal';

const round = (text: string, currency: string) => amountText(roundAmount(decimal(text), 1n, currency), currency);

describe('currencies', () => {
  it.each([['EUR', 2], ['USD', 2], ['CHF', 2], ['GBP', 2], ['JPY', 0], ['KRW', 0], ['KWD', 3], ['BHD', 3], ['TND', 3]])('%s has %i minor digits', (code, minor) => {
    expect(minorUnits(code)).toBe(minor);
  });

  it('refuses codes that are not ISO 4217 currencies in use, saying why', () => {
    expect(currencyProblem('EUR')).toBeUndefined();
    expect(currencyProblem('eur')).toBe('must be an ISO 4217 code of three upper-case letters, e.g. EUR');
    expect(currencyProblem('EURO')).toMatch(/three upper-case letters/);
    expect(currencyProblem(978)).toMatch(/three upper-case letters/);
    expect(currencyProblem('XYZ')).toBe('must be an ISO 4217 currency in use; XYZ is not one');
    expect(currencyProblem('XAU')).toMatch(/not one/); // gold is not invoiced
    expect(currencyProblem('HRK')).toMatch(/not one/); // withdrawn in 2023
    expect(CURRENCY_CODES.length).toBeGreaterThan(150);
  });
});

describe('rounding an amount (per line, to the minor unit, half-even)', () => {
  it.each([
    ['0.125', 'EUR', '0.12'], // a tie goes to the even cent: down here…
    ['0.135', 'EUR', '0.14'], // …and up here
    ['0.1250000000001', 'EUR', '0.13'], // a hair above the tie is not a tie
    ['0.1249999999999', 'EUR', '0.12'],
    ['-0.125', 'EUR', '-0.12'],
    ['-0.004', 'EUR', '0.00'], // never "-0.00"
    ['2.5', 'JPY', '2'],
    ['3.5', 'JPY', '4'],
    ['1.0005', 'KWD', '1.000'],
    ['1.0015', 'KWD', '1.002'],
    ['12.3', 'EUR', '12.30'],
    ['0', 'CHF', '0.00'],
    ['1230', 'JPY', '1230'],
  ])('%s %s → %s', (exact, currency, amount) => expect(round(exact, currency)).toBe(amount));

  it('divides exactly before rounding: 1/3 and 2/3 of a cent-free euro, 1/8 at the tie', () => {
    expect(amountText(roundAmount(decimal('1'), 3n, 'EUR'), 'EUR')).toBe('0.33');
    expect(amountText(roundAmount(decimal('2'), 3n, 'EUR'), 'EUR')).toBe('0.67');
    expect(amountText(roundAmount(decimal('1'), 8n, 'EUR'), 'EUR')).toBe('0.12');
    expect(amountText(roundAmount(decimal('3'), 8n, 'EUR'), 'EUR')).toBe('0.38');
  });

  it('refuses to print an amount with more decimals than the currency has', () => {
    expect(() => amountText(decimal('0.001'), 'EUR')).toThrow(/more decimals than EUR allows/);
    expect(() => amountText(decimal('1'), 'XYZ')).toThrow(/unknown currency/);
  });

  it('sums rounded amounts exactly into a total', () => {
    expect(sumAmounts(['0.10', '0.20', '0.01'], 'EUR')).toBe('0.31');
    expect(sumAmounts([], 'KWD')).toBe('0.000');
    expect(() => sumAmounts(['0.105'], 'EUR')).toThrow(/more decimals/);
  });
});

const currency = fc.constantFrom('EUR', 'JPY', 'KWD', 'CHF');
/** A decimal with up to 12 integer and 12 fractional digits, either sign. */
const exact = fc.tuple(fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }), fc.integer({ min: 0, max: 12 }))
  .map(([digits, places]) => decimal(digits).div(decimal(10n ** BigInt(places))));

describe('rounding, for any amount', () => {
  it('never leaves more decimals than the currency allows, and moves the value by at most half a minor unit', () => {
    fc.assert(fc.property(exact, currency, (x, c) => {
      const minor = minorUnits(c)!;
      const rounded = roundAmount(x, 1n, c);
      expect(placesOf(rounded)).toBeLessThanOrEqual(minor);
      expect(rounded.minus(x).abs().lte(decimal('0.5').div(decimal(10n ** BigInt(minor))))).toBe(true);
    }));
  });

  it('sends an exact tie to the even neighbour', () => {
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), currency, (k, c) => {
      const unit = decimal(10n ** BigInt(minorUnits(c)!));
      const tie = decimal(k).plus(decimal('0.5')).div(unit);
      const units = roundAmount(tie, 1n, c).times(unit);
      const even = k % 2n === 0n ? decimal(k) : decimal(k + 1n);
      expect(decimalText(units)).toBe(decimalText(even));
    }));
  });

  it('is the same whether a fraction is divided first or rounded from the quotient', () => {
    fc.assert(fc.property(exact, fc.bigInt({ min: 1n, max: 10n ** 9n }), currency, (x, d, c) => {
      const minor = minorUnits(c)!;
      const viaLongDivision = roundAmount(x, d, c);
      // Reference: scale to integers and round by the remainder, in bigint.
      const scale = 10n ** BigInt(placesOf(x));
      const n = BigInt(x.times(decimal(scale)).toFixed()) * 10n ** BigInt(minor);
      const den = d * scale;
      const q = n / den; // truncates toward zero
      const twice = 2n * (n - q * den) * (n < 0n ? -1n : 1n);
      const away = twice > den || (twice === den && q % 2n !== 0n);
      const ref = q + (away ? (n < 0n ? -1n : 1n) : 0n);
      expect(decimalText(viaLongDivision.times(decimal(10n ** BigInt(minor))))).toBe(ref.toString());
    }));
  });
});
