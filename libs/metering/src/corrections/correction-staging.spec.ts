import type { CatalogEntry } from '../measurements.service';
import type { RawCorrectionItem } from './correction-input';
import { CorrectionStaging, listedErrors, MAX_LISTED_ERRORS } from './correction-staging';

const R = '3f2b1c9e-8d7a-4b6c-9e5f-1a2b3c4d5e6f';
const NOW = Date.UTC(2026, 11, 1);
const catalog = {
  resolve: async (keys: Iterable<string>) =>
    new Map([...keys].filter((k) => k === 'disk.used').map((k): [string, CatalogEntry] => [k, { id: 9, key: k, kind: 'gauge', source: 'push' }])),
};
const upsert = (ordinal: number, item: unknown): RawCorrectionItem => ({ ordinal, at: `samples[${ordinal}]`, op: 'upsert', item });
const remove = (ordinal: number, item: unknown): RawCorrectionItem => ({ ordinal, at: `deletes[${ordinal}]`, op: 'delete', item });
async function* batches(...bs: RawCorrectionItem[][]) {
  yield* bs;
}
async function stage(staging: CorrectionStaging, ...bs: RawCorrectionItem[][]): Promise<string> {
  let out = '';
  for await (const piece of staging.copyLines(batches(...bs))) out += piece;
  return out;
}

describe('CorrectionStaging', () => {
  it('turns good items into COPY lines and keeps counts, resources, months and the ts range', async () => {
    const staging = new CorrectionStaging(NOW, catalog);
    const copy = await stage(
      staging,
      [upsert(0, { resourceId: R.toUpperCase(), measurement: 'disk.used', ts: '2026-03-31T23:30:00Z', value: 1e21 })],
      [upsert(1, { resourceId: R, measurement: 'disk.used', ts: '2026-04-01T00:00:00+02:00', value: -5 }), remove(2, { resourceId: R, measurement: 'disk.used', ts: '2026-06-15T00:00:00Z' })],
    );
    expect(copy).toBe(
      `0\t${R}\t9\t2026-03-31T23:30:00.000Z\t1e+21\n` +
      `1\t${R}\t9\t2026-03-31T22:00:00.000Z\t-5\n` +
      `2\t${R}\t9\t2026-06-15T00:00:00.000Z\t\\N\n`,
    );
    expect(staging).toMatchObject({ staged: 3, sampleItems: 2, deleteItems: 1, errorCount: 0 });
    expect([...staging.resources]).toEqual([R]);
    expect(staging.upsertMonths).toEqual([new Date('2026-03-01T00:00:00Z')]); // a delete needs no partition
    expect(staging.range).toEqual({ from: new Date('2026-03-31T22:00:00Z'), to: new Date('2026-06-15T00:00:00Z') });
  });

  it('names each bad item as sent and stages none of them', async () => {
    const staging = new CorrectionStaging(NOW, catalog);
    const copy = await stage(staging, [
      upsert(0, { resourceId: R, measurement: 'disk.used', ts: '2026-10-01T00:00:00Z', value: 9e307 }),
      upsert(1, { resourceId: R, measurement: 'no.such', ts: '2026-10-01T00:00:00Z', value: 1 }),
      remove(2, { resourceId: R, measurement: 'disk.used', ts: '2026-10-01T00:00:00Z', value: 1 }),
      { ordinal: 3, at: 'line 3', op: 'upsert', item: undefined, problem: { field: 'item', message: 'line 3 is not valid JSON: …' } },
    ]);
    expect(copy).toBe('');
    expect(listedErrors(staging.errors).map((e) => `${e.item}:${e.field}`)).toEqual(['samples[0]:value', 'samples[1]:measurement', 'deletes[2]:value', 'line 3:item']);
  });

  it('counts every error but keeps only the first ones', async () => {
    const staging = new CorrectionStaging(NOW, catalog);
    await stage(staging, Array.from({ length: MAX_LISTED_ERRORS + 50 }, (_, i) => upsert(i, 42)));
    expect(staging.errorCount).toBe(MAX_LISTED_ERRORS + 50);
    expect(staging.errors).toHaveLength(MAX_LISTED_ERRORS);
    expect(staging.errors[MAX_LISTED_ERRORS - 1].item).toBe(`samples[${MAX_LISTED_ERRORS - 1}]`);
  });
});
