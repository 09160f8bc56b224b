import { parseIsoInstant, TIMESTAMP_FORMAT_HINT } from './timestamps';

export const MAX_SAMPLES_PER_REQUEST = 10_000;
/** Nothing Tally bills predates this; an earlier ts is a unit mix-up (seconds as ms, say). */
export const EARLIEST_SAMPLE = Date.UTC(2000, 0, 1);
/** Room for senders whose clocks run ahead; further out is a bug, not a reading. */
export const MAX_FUTURE_MS = 24 * 3600_000;

const FIELDS = ['resourceId', 'measurement', 'ts', 'value'] as const;
type Field = (typeof FIELDS)[number];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One reason one pushed item was refused; `field` is a property of the item, or `item` for the item itself. */
export interface SampleItemError {
  index: number;
  field: Field | 'item' | string;
  message: string;
}

/** A pushed item whose shape is right; whether its resource and measurement exist is checked later. */
export interface CheckedSample {
  index: number;
  resourceId: string;
  measurement: string;
  ts: number;
  value: number;
}

const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Shape checks for a pushed batch, hand-written: class-validator would build and walk an object
 * per item, which for 10,000 items costs more than the database write. Everything is checked
 * (no stop at the first error) so one answer lists every bad item. Pure: `now` is passed in.
 */
export function checkSampleItems(items: readonly unknown[], now: number): { samples: CheckedSample[]; errors: SampleItemError[] } {
  const samples: CheckedSample[] = [];
  const errors: SampleItemError[] = [];
  // Natural key → first index, to refuse a second copy: which of two values is meant is unknowable.
  const seen = new Map<string, number>();
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const at = `samples[${index}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      errors.push({ index, field: 'item', message: `${at} must be an object { resourceId, measurement, ts, value } (got ${describe(item)})` });
      continue;
    }
    const o = item as Record<string, unknown>;
    const before = errors.length;
    for (const extra of Object.keys(o)) {
      if ((FIELDS as readonly string[]).includes(extra)) continue;
      errors.push({ index, field: extra, message: `${at}.${extra} is not allowed; an item has resourceId, measurement, ts and value` });
    }
    const fail = (field: Field, why: string) => errors.push({ index, field, message: `${at}.${field} ${why}` });

    const { resourceId, measurement, ts, value } = o;
    if (resourceId === undefined) fail('resourceId', 'is required');
    else if (typeof resourceId !== 'string' || !UUID.test(resourceId)) fail('resourceId', 'must be a UUID');

    if (measurement === undefined) fail('measurement', 'is required');
    else if (typeof measurement !== 'string' || measurement.length === 0 || measurement.length > 64) fail('measurement', 'must be a measurement key such as disk.used');

    let tsMs: number | undefined;
    if (ts === undefined) fail('ts', 'is required');
    else if (typeof ts !== 'string' || (tsMs = parseIsoInstant(ts)) === undefined) fail('ts', `must be ${TIMESTAMP_FORMAT_HINT}`);
    else if (tsMs < EARLIEST_SAMPLE) fail('ts', 'must not be before 2000-01-01T00:00:00Z');
    else if (tsMs > now + MAX_FUTURE_MS) fail('ts', 'must not be more than 24 hours in the future');

    // JSON has no NaN or Infinity, but 1e400 parses as Infinity, and strings or null slip through.
    if (value === undefined) fail('value', 'is required');
    else if (typeof value !== 'number' || !Number.isFinite(value)) {
      fail('value', `must be a finite number (got ${typeof value === 'number' ? String(value) : describe(value)})`);
    }

    if (errors.length > before) continue;
    const sample: CheckedSample = { index, resourceId: (resourceId as string).toLowerCase(), measurement: measurement as string, ts: tsMs!, value: value as number };
    const naturalKey = `${sample.resourceId}|${sample.measurement}|${sample.ts}`;
    const first = seen.get(naturalKey);
    if (first !== undefined) {
      errors.push({ index, field: 'ts', message: `${at} repeats samples[${first}]: same resourceId, measurement and ts; send one value per instant` });
      continue;
    }
    seen.set(naturalKey, index);
    samples.push(sample);
  }
  return { samples, errors };
}

/** Orders errors by item, then by field in the order an item is written. */
export function sortItemErrors(errors: SampleItemError[]): SampleItemError[] {
  const rank = (f: string) => {
    const i = ['item', ...FIELDS].indexOf(f);
    return i < 0 ? -1 : i;
  };
  return errors.sort((a, b) => a.index - b.index || rank(a.field) - rank(b.field));
}
