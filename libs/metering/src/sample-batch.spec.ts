import fc from 'fast-check';
import { checkSampleItem, checkSampleItems, inSampleRange, ItemProblem, SAMPLE_VALUE_LIMIT, SAMPLE_VALUE_SMALLEST, sortItemErrors } from './sample-batch';
import { parseIsoInstant } from './timestamps';

const NOW = Date.UTC(2026, 10, 23, 12);
const R = '3f2b1c9e-8d7a-4b6c-9e5f-1a2b3c4d5e6f';
const ok = { resourceId: R, measurement: 'disk.used', ts: '2026-11-23T10:00:00Z', value: 1 };

describe('parseIsoInstant', () => {
  it.each([
    ['2026-11-23T10:00:00Z', Date.UTC(2026, 10, 23, 10)],
    ['2026-11-23T10:00Z', Date.UTC(2026, 10, 23, 10)],
    ['2026-11-23T11:30:00+01:30', Date.UTC(2026, 10, 23, 10)],
    ['2026-11-23T05:00:00-0500', Date.UTC(2026, 10, 23, 10)],
    ['2026-11-23T10:00:00.123456Z', Date.UTC(2026, 10, 23, 10, 0, 0, 123)],
    ['2026-11-23T10:00:00.5Z', Date.UTC(2026, 10, 23, 10, 0, 0, 500)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['0050-01-01T00:00:00Z', -60589296000000],
  ])('reads %s', (text, ms) => expect(parseIsoInstant(text)).toBe(ms));

  it.each([
    '2026-11-23T10:00:00', // no offset: the instant depends on the sender's zone
    '2026-11-23 10:00:00Z',
    '2026-11-23',
    '2026-02-30T00:00:00Z', // Date.parse would roll this into March
    '2025-02-29T00:00:00Z',
    '2026-11-23T24:00:00Z',
    '2026-11-23T10:60:00Z',
    '2026-13-01T00:00:00Z',
    '2026-11-23T10:00:00+25:00',
    '1700000000',
    '',
  ])('refuses %s', (text) => expect(parseIsoInstant(text)).toBeUndefined());
});

describe('checkSampleItems', () => {
  it('passes good items through, with lower-cased ids and ms timestamps', () => {
    const { samples, errors } = checkSampleItems([{ ...ok, resourceId: R.toUpperCase() }], NOW);
    expect(errors).toEqual([]);
    expect(samples).toEqual([{ index: 0, resourceId: R, measurement: 'disk.used', ts: Date.UTC(2026, 10, 23, 10), value: 1 }]);
  });

  it('reports every problem of an item, by field', () => {
    const { samples, errors } = checkSampleItems([{ resourceId: 7, ts: 'now', value: Infinity, extra: true }], NOW);
    expect(samples).toEqual([]);
    expect(sortItemErrors(errors).map((e) => e.field)).toEqual(['extra', 'resourceId', 'measurement', 'ts', 'value']);
  });

  it.each([
    [{ ...ok, value: '1' }, 'value', 'samples[0].value must be a finite number (got string)'],
    [{ ...ok, value: null }, 'value', 'samples[0].value must be a finite number (got null)'],
    [{ ...ok, value: NaN }, 'value', 'samples[0].value must be a finite number (got NaN)'],
    [{ ...ok, ts: '1999-12-31T23:59:59.999Z' }, 'ts', 'samples[0].ts must not be before 2000-01-01T00:00:00Z'],
    [{ ...ok, ts: '2026-11-24T12:00:01Z' }, 'ts', 'samples[0].ts must not be more than 24 hours in the future'],
    [{ ...ok, ts: 1795428000000 }, 'ts', expect.stringMatching(/^samples\[0\]\.ts must be an ISO 8601 timestamp/)],
    [{ ...ok, resourceId: 'db-1' }, 'resourceId', 'samples[0].resourceId must be a UUID'],
    [{ ...ok, measurement: '' }, 'measurement', expect.stringMatching(/^samples\[0\]\.measurement must be a measurement key/)],
    [null, 'item', expect.stringMatching(/^samples\[0\] must be an object .*\(got null\)$/)],
    [[ok], 'item', expect.stringMatching(/\(got array\)$/)],
  ])('refuses %j', (item, field, message) => {
    expect(checkSampleItems([item], NOW).errors).toEqual([{ index: 0, field, message }]);
  });

  it.each([
    [9e307, '9e+307'],
    [-1.5e21, '-1.5e+21'],
    [Number.MAX_VALUE, '1.7976931348623157e+308'],
    [1e-310, '1e-310'],
    [-5e-324, '-5e-324'],
  ])('refuses the value %d, out of range', (value, shown) => {
    const message = `samples[0].value must be from -1e21 to 1e21, and 0 or at least 1e-300 in magnitude (got ${shown})`;
    expect(checkSampleItems([{ ...ok, value }], NOW).errors).toEqual([{ index: 0, field: 'value', message }]);
  });

  it.each([
    ['a wrapped 64-bit byte counter', 18446744073709551615],
    ['a temperature below zero', -40.5],
    ['the upper limit', 1e21],
    ['the lower limit', -1e21],
    ['zero', 0],
    ['negative zero', -0],
    ['the smallest magnitude', -1e-300],
  ])('accepts %s', (_, value) => {
    expect(checkSampleItems([{ ...ok, value }], NOW)).toEqual({ samples: [expect.objectContaining({ value })], errors: [] });
  });

  it('accepts every finite value in the range and refuses every one outside it', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const problems: ItemProblem[] = [];
        const checked = checkSampleItem({ ...ok, value }, 'samples[0]', NOW, problems);
        const magnitude = Math.abs(value);
        expect(checked !== undefined).toBe(magnitude <= SAMPLE_VALUE_LIMIT && (value === 0 || magnitude >= SAMPLE_VALUE_SMALLEST));
        expect(inSampleRange(value)).toBe(checked !== undefined);
      }),
      { numRuns: 5000 },
    );
  });

  it('checks a delete like a sample, without a value', () => {
    const problems: ItemProblem[] = [];
    const { value: _, ...del } = ok;
    expect(checkSampleItem(del, 'deletes[0]', NOW, problems, false)).toEqual({ resourceId: R, measurement: 'disk.used', ts: Date.UTC(2026, 10, 23, 10), value: null });
    expect(checkSampleItem({ ...del, value: 3 }, 'deletes[1]', NOW, problems, false)).toBeUndefined();
    expect(problems).toEqual([{ field: 'value', message: 'deletes[1].value is not allowed; a delete has resourceId, measurement and ts' }]);
  });

  it('accepts exactly 24 hours ahead', () => {
    expect(checkSampleItems([{ ...ok, ts: '2026-11-24T12:00:00Z' }], NOW).errors).toEqual([]);
  });

  it('refuses a second item with the same natural key, however its ts is written', () => {
    const { samples, errors } = checkSampleItems(
      [ok, { ...ok, value: 2, ts: '2026-11-23T11:00:00+01:00' }, { ...ok, measurement: 'disk.total' }],
      NOW,
    );
    expect(samples.map((s) => s.index)).toEqual([0, 2]);
    expect(errors).toEqual([{ index: 1, field: 'ts', message: expect.stringMatching(/^samples\[1\] repeats samples\[0\]/) }]);
  });
});
