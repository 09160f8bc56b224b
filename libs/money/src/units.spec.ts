import fc from 'fast-check';
import { decimal, decimalText } from './decimal';
import { conversion, conversionProblem, convert, displayValue, normalizeUnit, parseUnit, usageUnitOf } from './units';

const conv = (value: string, from: string, to: string, places = 30) => decimalText(convert(decimal(value), from, to, places));

describe('unit conversions', () => {
  it.each([
    ['1073741824', 'byte', 'GiB', '1'],
    ['1536', 'MiB', 'GiB', '1.5'],
    ['1', 'MiB', 'MB', '1.048576'],
    ['2048', 'MiB·h', 'GiB·h', '2'],
    ['5400', 's', 'CPU·h', '1.5'], // busy CPU seconds as CPU hours
    ['7.5', 'bool·h', 'h', '7.5'], // hours running
    ['1460', 'vCPU·h', 'vCPU·month', '2'], // a month is 730 h
    ['783831531520', 'byte·h', 'GiB·month', '1'], // 730 × 2^30
    ['1', 'GiB·month', 'MiB·h', '747520'],
    ['-0.5', 'h', 'min', '-30'],
  ])('%s %s = %s %s', (value, from, to, expected) => expect(conv(value, from, to)).toBe(expected));

  it('rounds half-even to the places asked for, from the exact quotient', () => {
    // The memory figure, 776,416,685,007.557 byte·h.
    expect(conv('776416685007.557', 'byte·h', 'GiB·h', 3)).toBe('723.094');
    expect(conv('776416685007.557', 'byte·h', 'GiB·h', 40)).toBe('723.094386055652983486652374267578125'); // exact: 2^30 divides a power of 10
    expect(conv('776416685007.557', 'byte·h', 'GiB·month', 3)).toBe('0.991');
    expect(conv('1', 's', 'CPU·h', 6)).toBe('0.000278');
    expect(conv('0.0125', 'h', 'h', 2)).toBe('0.01');
    expect(conv('0.015', 'h', 'h', 2)).toBe('0.02');
    expect(conv('0.025', 'h', 'h', 2)).toBe('0.02');
  });

  it('refuses units of different kinds, naming the ones that fit', () => {
    expect(conversion('byte·h', 'GiB')).toBeUndefined();
    expect(conversion('vCPU·h', 'h')).toBeUndefined();
    expect(conversion('byte', 'vCPU')).toBeUndefined();
    expect(conversionProblem('byte·h', 'GiB')).toMatch(/^"GiB" is not a unit "byte·h" converts to; use one of byte·s, byte·min, byte·h/);
    expect(conversionProblem('vCPU·h', 'CPU·h')).toBe('"CPU·h" is not a unit "vCPU·h" converts to; use one of vCPU·s, vCPU·min, vCPU·h, vCPU·day, vCPU·month');
    expect(conversionProblem('MiB·h', 'GiB·h')).toBeUndefined();
  });

  it('treats custom quantities as kinds of their own and odd texts as units of their own', () => {
    expect(conv('2', 'request·h', 'request·month', 4)).toBe('0.0027');
    expect(conversion('request', 'byte')).toBeUndefined();
    expect(parseUnit('a·b·c').kind).toBe('unit a·b·c');
    expect(conv('3', 'a·b·c', 'a·b·c')).toBe('3');
  });

  it('reads GiB*h as GiB·h and derives usage units from the measurement', () => {
    expect(normalizeUnit(' GiB * h ')).toBe('GiB·h');
    expect(usageUnitOf('gauge', 'MiB')).toBe('MiB·h');
    expect(usageUnitOf('gauge', '')).toBe('h');
    expect(usageUnitOf('counter', 'byte')).toBe('byte');
  });

  it('shows usage in the display unit at its stated precision', () => {
    expect(decimalText(displayValue(decimal('776416685007.557'), 'byte·h', { unit: 'GiB·h', places: 3 }))).toBe('723.094');
    expect(decimalText(displayValue(decimal('0'), 'bool·h', { unit: 'h', places: 2 }))).toBe('0');
  });
});

const families = [
  ['byte', 'KiB', 'MiB', 'GiB', 'TiB', 'kB', 'MB', 'GB'],
  ['byte·h', 'MiB·h', 'GiB·h', 'GiB·month', 'TB·day', 'byte·s'],
  ['s', 'min', 'h', 'CPU·h', 'bool·h', 'month'],
  ['vCPU·h', 'vCPU·s', 'vCPU·month'],
];
const pair = fc.constantFrom(...families).chain((f) => fc.tuple(fc.constantFrom(...f), fc.constantFrom(...f)));
const value = fc.tuple(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.integer({ min: 0, max: 6 }))
  .map(([digits, places]) => ({ x: decimal(digits).div(decimal(10n ** BigInt(places))), places }));

describe('conversions, for any value', () => {
  it('convert then convert back gives the input exactly, at enough places', () => {
    fc.assert(fc.property(value, pair, ({ x, places }, [a, b]) => {
      const r = conversion(a, b)!;
      // The round trip loses nothing when the way there keeps the digits the way back magnifies.
      const there = places + r.den.toString().length + 1;
      expect(decimalText(convert(convert(x, a, b, there), b, a, places))).toBe(decimalText(x));
    }));
  });

  it('composes: a→b then b→c is a→c', () => {
    fc.assert(fc.property(fc.constantFrom(...families).chain((f) => fc.tuple(fc.constantFrom(...f), fc.constantFrom(...f), fc.constantFrom(...f))), ([a, b, c]) => {
      const ab = conversion(a, b)!;
      const bc = conversion(b, c)!;
      const ac = conversion(a, c)!;
      expect(ab.num * bc.num * ac.den).toBe(ac.num * ab.den * bc.den);
    }));
  });
});
