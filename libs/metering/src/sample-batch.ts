import { parseIsoInstant, TIMESTAMP_FORMAT_HINT } from './timestamps';

export const MAX_SAMPLES_PER_REQUEST = 10_000;
/** Nothing Tally bills predates this; an earlier ts is a unit mix-up (seconds as ms, say). */
export const EARLIEST_SAMPLE = Date.UTC(2000, 0, 1);
/** Room for senders whose clocks run ahead; further out is a bug, not a reading. */
export const MAX_FUTURE_MS = 24 * 3600_000;

/**
 * The accepted range of a sample value: |value| ≤ 1e21, and 0 or |value| ≥ 1e-300. The top holds
 * any 64-bit kernel counter (/proc/net/dev bytes wrap at 2^64 ≈ 1.8e19) with room, and negative
 * gauges (temperatures, offsets) are in. The bottom exists because Postgres raises "value out of
 * range: underflow" when a product of non-zero float8s rounds to 0, as 1e-320 × a hold of hours
 * does; no unit measures anything that small. Report arithmetic over the longest window at
 * millisecond spacing stays far inside float8 for any values in this range (report-range.spec.ts
 * in libs/reports shows it), so no accepted sample can break a report. Checked at the door
 * (pushes, corrections), in the worker, and by a CHECK constraint on samples.
 */
export const SAMPLE_VALUE_LIMIT = 1e21;
export const SAMPLE_VALUE_SMALLEST = 1e-300;
export const SAMPLE_VALUE_RANGE_TEXT = 'from -1e21 to 1e21, and 0 or at least 1e-300 in magnitude';

export const SAMPLE_FIELDS = ['resourceId', 'measurement', 'ts', 'value'] as const;
const DELETE_FIELDS = ['resourceId', 'measurement', 'ts'] as const;
type Field = (typeof SAMPLE_FIELDS)[number];
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

/** A problem with one item, its message already naming the item (`at`). */
export interface ItemProblem {
  field: string;
  message: string;
}

export function inSampleRange(value: number): boolean {
  const magnitude = Math.abs(value);
  return magnitude <= SAMPLE_VALUE_LIMIT && (magnitude >= SAMPLE_VALUE_SMALLEST || value === 0);
}

const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Shape checks for one item named `at` ("samples[3]", "line 7"): a sample, or with
 * `withValue` false a delete (no value). Every problem is reported, not just the first.
 * Returns the checked fields, or undefined when there was a problem.
 */
export function checkSampleItem(
  item: unknown, at: string, now: number, problems: ItemProblem[], withValue = true,
): Omit<CheckedSample, 'index' | 'value'> & { value: number | null } | undefined {
  const fields: readonly string[] = withValue ? SAMPLE_FIELDS : DELETE_FIELDS;
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    problems.push({ field: 'item', message: `${at} must be an object { ${fields.join(', ')} } (got ${describe(item)})` });
    return undefined;
  }
  const o = item as Record<string, unknown>;
  const before = problems.length;
  for (const extra of Object.keys(o)) {
    if (fields.includes(extra)) continue;
    const has = withValue ? 'an item has resourceId, measurement, ts and value' : 'a delete has resourceId, measurement and ts';
    problems.push({ field: extra, message: `${at}.${extra} is not allowed; ${has}` });
  }
  const fail = (field: Field, why: string) => problems.push({ field, message: `${at}.${field} ${why}` });

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

  if (withValue) {
    // JSON has no NaN or Infinity, but 1e400 parses as Infinity, and strings or null slip through.
    if (value === undefined) fail('value', 'is required');
    else if (typeof value !== 'number' || !Number.isFinite(value)) {
      fail('value', `must be a finite number (got ${typeof value === 'number' ? String(value) : describe(value)})`);
    } else if (!inSampleRange(value)) fail('value', `must be ${SAMPLE_VALUE_RANGE_TEXT} (got ${value})`);
  }

  if (problems.length > before) return undefined;
  return { resourceId: (resourceId as string).toLowerCase(), measurement: measurement as string, ts: tsMs!, value: withValue ? (value as number) : null };
}

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
  const problems: ItemProblem[] = [];
  for (let index = 0; index < items.length; index++) {
    const at = `samples[${index}]`;
    problems.length = 0;
    const checked = checkSampleItem(items[index], at, now, problems);
    for (const p of problems) errors.push({ index, ...p });
    if (!checked) continue;
    const sample: CheckedSample = { index, ...checked, value: checked.value! };
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
    const i = ['item', ...SAMPLE_FIELDS].indexOf(f);
    return i < 0 ? -1 : i;
  };
  return errors.sort((a, b) => a.index - b.index || rank(a.field) - rank(b.field));
}
