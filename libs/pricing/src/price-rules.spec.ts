import { checkPrice, decimalProblem, periodsOverlap, tiersProblems } from './price-rules';

const check = (input: Parameters<typeof checkPrice>[0], at = '') => checkPrice(input, 'MiB·h', 'GiB·h', at);

describe('price rules', () => {
  it('stores a flat price canonically, in the default unit, from 2000 on, open-ended', () => {
    expect(check({ unitPrice: '0.0100' })).toEqual({
      problems: [],
      fields: { priceUnit: 'GiB·h', unitPrice: '0.01', tiers: null, effectiveFrom: Date.UTC(2000, 0, 1), effectiveTo: null },
    });
    expect(check({ unitPrice: '0', priceUnit: 'MiB*h', effectiveFrom: '2026-12-01T00:00:00+01:00', effectiveTo: '2027-01-01T00:00:00Z' }).fields)
      .toEqual({ priceUnit: 'MiB·h', unitPrice: '0', tiers: null, effectiveFrom: Date.UTC(2026, 10, 30, 23), effectiveTo: Date.UTC(2027, 0, 1) });
  });

  it('names the field of every problem', () => {
    expect(check({}).problems).toEqual(['unitPrice or tiers is required: a flat price or graduated tiers']);
    expect(check({ unitPrice: '1', tiers: [{ upTo: null, unitPrice: '1' }] }).problems).toEqual(['unitPrice and tiers exclude each other: give a flat price or graduated tiers']);
    expect(check({ unitPrice: '-0.01', priceUnit: 'GiB', effectiveFrom: 'yesterday', effectiveTo: '2026-01-01' }, 'overrides[1].').problems).toEqual([
      expect.stringMatching(/^overrides\[1\]\.priceUnit: "GiB" is not a unit "MiB·h" converts to; use one of byte·s/),
      'overrides[1].unitPrice must not be negative',
      expect.stringMatching(/^overrides\[1\]\.effectiveFrom must be an ISO 8601 timestamp/),
      expect.stringMatching(/^overrides\[1\]\.effectiveTo must be an ISO 8601 timestamp .*, or null for no end$/),
    ]);
    expect(check({ unitPrice: '1', effectiveFrom: '2026-12-01T00:00:00Z', effectiveTo: '2026-12-01T00:00:00Z' }).problems).toEqual(['effectiveTo must be later than effectiveFrom']);
  });

  it.each([
    [0.01, /a JSON number would be read as floating point/],
    ['1e-3', /no exponent/],
    ['.5', /no exponent/],
    ['0.000000000000000000001', /at most 20 decimal places/],
    ['1234567890123456', /at most 15 digits before the point/],
  ])('refuses the price %j', (value, message) => expect(decimalProblem(value)).toMatch(message));

  it('wants tier bounds increasing and only the last tier open', () => {
    expect(tiersProblems([{ upTo: '1000', unitPrice: '0.01' }, { upTo: null, unitPrice: '0.008' }], 'tiers')).toEqual([]);
    expect(tiersProblems([{ upTo: '1000', unitPrice: '0.01' }, { upTo: '1000', unitPrice: '0.009' }, { upTo: null, unitPrice: '0.008' }], 'tiers'))
      .toEqual(['tiers[1].upTo must be greater than tiers[0].upTo (1000)']);
    expect(tiersProblems([{ upTo: '0', unitPrice: '0.01' }, { upTo: '5', unitPrice: 'x' }], 'tiers')).toEqual([
      'tiers[0].upTo must be greater than 0',
      expect.stringMatching(/^tiers\[1\]\.unitPrice must be a decimal string/),
      'tiers[1].upTo must be null: the last tier has no upper bound',
    ]);
    expect(tiersProblems([{ upTo: null, unitPrice: '1' }, { upTo: null, unitPrice: '2' }], 'tiers')).toEqual(['tiers[0].upTo must be a bound: only the last tier is open']);
    expect(tiersProblems([], 'tiers')).toEqual(['tiers must have 1 to 20 tiers']);
  });

  it('sees half-open periods overlap only when they share an instant', () => {
    const p = (from: number, to: number | null) => ({ effectiveFrom: from, effectiveTo: to });
    expect(periodsOverlap(p(0, 10), p(10, null))).toBe(false);
    expect(periodsOverlap(p(0, 11), p(10, 20))).toBe(true);
    expect(periodsOverlap(p(0, null), p(100, 200))).toBe(true);
    expect(periodsOverlap(p(5, null), p(0, 5))).toBe(false);
  });
});
