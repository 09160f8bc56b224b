import Big from 'big.js';
import { decimal, decimalOfDouble, decimalText, integerDigitsOf, parseDecimal, placesOf } from './decimal';

describe('decimals', () => {
  it('reads only plain decimal notation from input', () => {
    for (const ok of ['0', '-0.5', '12.3400', '1000000000000000000000.000000000000000000001']) expect(parseDecimal(ok)).toBeDefined();
    for (const bad of ['', ' 1', '1e3', '+1', '.5', '5.', '01', '0x10', 'NaN', 'Infinity', '1,5', 1.5, null]) expect(parseDecimal(bad)).toBeUndefined();
  });

  it('refuses JavaScript numbers, so no float becomes a decimal by accident', () => {
    expect(() => decimal(0.1 as unknown as string)).toThrow(/Invalid value/);
    expect(decimalText(decimal(10n ** 30n))).toBe('1000000000000000000000000000000');
  });

  it('prints canonically: plain notation, no trailing zeros, never -0', () => {
    expect(decimalText(decimal('12.3400'))).toBe('12.34');
    expect(decimalText(decimal('1e-30'))).toBe('0.000000000000000000000000000001');
    expect(decimalText(decimal('-0'))).toBe('0');
    expect(JSON.stringify({ v: decimalText(decimal('1e25')) })).toBe('{"v":"10000000000000000000000000"}');
  });

  it('counts places and integer digits', () => {
    expect([placesOf(decimal('1.50')), placesOf(decimal('100')), placesOf(decimal('0.001')), placesOf(decimal('0'))]).toEqual([1, 0, 3, 0]);
    expect([integerDigitsOf(decimal('123.4')), integerDigitsOf(decimal('0.5')), integerDigitsOf(decimal('0'))]).toEqual([3, 0, 0]);
  });

  it('takes a double as the decimal it prints as, and refuses non-finite ones', () => {
    expect(decimalText(decimalOfDouble(0.1 + 0.2))).toBe('0.30000000000000004');
    expect(decimalText(decimalOfDouble(776416685007.557))).toBe('776416685007.557');
    expect(() => decimalOfDouble(Number.NaN)).toThrow(/not a finite number/);
  });

  it('leaves the shared big.js constructor alone', () => {
    expect(Big.strict).toBe(false);
    expect(Big.DP).toBe(20);
  });
});
