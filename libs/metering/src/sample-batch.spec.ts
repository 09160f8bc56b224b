import { checkSampleItems, sortItemErrors } from './sample-batch';
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
