import type { MeasurementKind } from '@tally/database';
import { usageUnitOf } from '@tally/money';
import { ClosureRule, PeriodStatus, SAMPLE_VALUE_LIMIT, SAMPLE_VALUE_SMALLEST, windowStatus } from '@tally/metering';

/**
 * Reference implementation of design §4 for ONE (resource, measurement) series. The SQL in
 * report.sql.ts computes the same numbers for every series at once; the integration tests
 * hold the two against each other, so a change to one must be made to both.
 *
 * Decisions (billing reads these numbers, so they are pinned by tests):
 * - Only samples with from ≤ ts < to count; a sample exactly at `to` belongs to the next window.
 * - `expected` counts interval slots aligned to the Unix epoch (UTC) whose START lies in
 *   [from, min(to, now)). A slot that began before `from` is not expected even if it overlaps
 *   the window; a slot that has started but not finished by `now` is expected (the report is
 *   then provisional anyway). A window wholly in the future expects 0 slots → coverage null.
 * - `coverage` = samples / expected, not clamped: a push series written more often than the
 *   interval can exceed 1, which is worth seeing rather than hiding.
 * - With no samples, min/max/avg/last are null (there is no value to show; 0 would be a lie)
 *   but usage is 0: nothing was measured, so nothing is billed, and a column of numbers sums
 *   cleanly in a spreadsheet. `samples` = 0 and the coverage say why.
 * - Gauges: no baseline. Time before the first sample in the window is not billed (missing
 *   data is never extrapolated), and the last sample holds min(interval, to − ts).
 * - Counters: the first step is taken from the baseline (last sample before `from`) when there
 *   is one; without one the first sample only sets the starting point and adds 0.
 * - Usage and avg use each value brought into the accepted range (forSums), so a value stored
 *   before the range was enforced cannot overflow or underflow; min, max and last are as stored.
 */

export interface SeriesSample {
  ts: Date;
  value: number;
  bootId?: string | null;
}

export interface SeriesInput {
  kind: MeasurementKind;
  /** Any order; samples outside [from, to) are ignored. */
  samples: readonly SeriesSample[];
  /** Last sample before `from` (counters only); ignored for gauges or when not before `from`. */
  baseline?: SeriesSample | null;
  from: Date;
  to: Date;
  now: Date;
  intervalMs: number;
}

export interface SeriesStats {
  samples: number;
  expected: number;
  coverage: number | null;
  min: number | null;
  max: number | null;
  avg: number | null;
  last: number | null;
  usage: number;
}

export type ReportStatus = PeriodStatus;

/** Slots k·interval (k integer, epoch-aligned) with from ≤ start < min(to, now). */
export function expectedSlots(from: Date, to: Date, now: Date, intervalMs: number): number {
  assertInterval(intervalMs);
  const start = from.getTime();
  const end = Math.min(to.getTime(), now.getTime());
  if (end <= start) return 0;
  return Math.ceil(end / intervalMs) - Math.ceil(start / intervalMs);
}

export function coverageOf(samples: number, expected: number): number | null {
  return expected > 0 ? samples / expected : null;
}

/**
 * Σ value_i × min(ts_{i+1} − ts_i, interval, to − ts_i), in value·hours. Expects samples
 * sorted by ts and all before `to`. Seconds are divided by 3600 the same way the SQL does so
 * both sides round alike.
 */
export function gaugeUsage(sorted: readonly SeriesSample[], to: Date, intervalMs: number): number {
  let usage = 0;
  for (let i = 0; i < sorted.length; i++) {
    const ts = sorted[i].ts.getTime();
    const until = i + 1 < sorted.length ? sorted[i + 1].ts.getTime() : to.getTime();
    const heldMs = Math.max(0, Math.min(until - ts, intervalMs));
    usage += sorted[i].value * ((heldMs / 1000) / 3600);
  }
  return usage;
}

/** Increase of one counter step; a negative step or a changed boot id means a reset. */
export function counterStep(prev: SeriesSample, cur: SeriesSample): number {
  const rebooted = prev.bootId != null && cur.bootId != null && prev.bootId !== cur.bootId;
  const delta = cur.value - prev.value;
  return delta >= 0 && !rebooted ? delta : cur.value;
}

/** Sum of increases over sorted samples, starting from the baseline when there is one. */
export function counterUsage(sorted: readonly SeriesSample[], baseline?: SeriesSample | null): number {
  let usage = 0;
  let prev = baseline ?? null;
  for (const cur of sorted) {
    if (prev) usage += counterStep(prev, cur);
    prev = cur;
  }
  return usage;
}

/**
 * A value as the sums use it: within the accepted range it is itself; beyond ±1e21 it counts as
 * the limit, below 1e-300 in magnitude as 0. NaN counts as the upper limit, as in the SQL
 * (Postgres orders NaN above every number).
 */
export function forSums(value: number): number {
  if (value !== value) return TOP; // NaN
  if (value < BOTTOM && value > -BOTTOM) return 0;
  return value > TOP ? TOP : value < -TOP ? -TOP : value;
}

// Read once: an imported binding is a getter, and forSums runs per sample.
const TOP = SAMPLE_VALUE_LIMIT;
const BOTTOM = SAMPLE_VALUE_SMALLEST;

const clampedSample = (s: SeriesSample): SeriesSample => ({ ...s, value: forSums(s.value) });

export function computeSeries(input: SeriesInput): SeriesStats {
  const { from, to, now, intervalMs, kind } = input;
  const inWindow = input.samples
    .filter((s) => s.ts.getTime() >= from.getTime() && s.ts.getTime() < to.getTime())
    .sort((a, b) => a.ts.getTime() - b.ts.getTime());
  const expected = expectedSlots(from, to, now, intervalMs);
  const n = inWindow.length;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const s of inWindow) {
    min = Math.min(min, s.value);
    max = Math.max(max, s.value);
    sum += forSums(s.value);
  }
  const baseline = input.baseline && input.baseline.ts.getTime() < from.getTime() ? clampedSample(input.baseline) : null;
  const summed = inWindow.some((s) => s.value !== forSums(s.value)) ? inWindow.map(clampedSample) : inWindow;
  return {
    samples: n,
    expected,
    coverage: coverageOf(n, expected),
    min: n ? min : null,
    max: n ? max : null,
    avg: n ? sum / n : null,
    last: n ? inWindow[n - 1].value : null,
    usage: kind === 'gauge' ? gaugeUsage(summed, to, intervalMs) : counterUsage(summed, baseline),
  };
}

/**
 * The usage of one series split at `bounds` ([from, cut…, to], epoch ms): the reference of the
 * report query's segments. A gauge sample counts in each segment for the time its hold spent
 * there; a counter step counts in the segment of the sample that made it (the first step, from
 * the baseline, in the first sample's). The parts add up to computeSeries' usage.
 */
export function splitUsage(input: SeriesInput, bounds: readonly number[]): number[] {
  const { from, to, intervalMs, kind } = input;
  const sorted = input.samples
    .filter((s) => s.ts.getTime() >= from.getTime() && s.ts.getTime() < to.getTime())
    .sort((a, b) => a.ts.getTime() - b.ts.getTime())
    .map(clampedSample);
  const parts = new Array<number>(bounds.length - 1).fill(0);
  const segmentOf = (ms: number) => {
    let j = 0;
    while (j + 2 < bounds.length && bounds[j + 1] <= ms) j++;
    return j;
  };
  const baseline = input.baseline && input.baseline.ts.getTime() < from.getTime() ? clampedSample(input.baseline) : null;
  let prev = kind === 'counter' ? baseline : null;
  sorted.forEach((s, i) => {
    const ts = s.ts.getTime();
    if (kind === 'counter') {
      if (prev) parts[segmentOf(ts)] += counterStep(prev, s);
      prev = s;
      return;
    }
    const until = i + 1 < sorted.length ? sorted[i + 1].ts.getTime() : to.getTime();
    const end = ts + Math.max(0, Math.min(until - ts, intervalMs));
    for (let j = segmentOf(ts); j < parts.length && bounds[j] < end; j++) {
      const heldMs = Math.min(end, bounds[j + 1]) - Math.max(ts, bounds[j]);
      if (heldMs > 0) parts[j] += s.value * (heldMs / 1000 / 3600);
    }
  });
  return parts;
}

/** Gauges bill value × time (`vCPU·h`; a unitless gauge gives plain hours); counters their own unit. */
export function usageUnit(kind: MeasurementKind, unit: string): string {
  return usageUnitOf(kind, unit);
}

/**
 * §4 and §7: a window that ends less than one interval plus the pre-cache lead plus the late-push
 * grace before `now` may still receive samples (a slot being collected, a queued persist, a late
 * push), so its numbers can change. The rule itself is libs/metering closed-periods.ts, which
 * pushes and collection triggers obey too.
 */
export function reportStatus(to: Date, now: Date, rule: ClosureRule): ReportStatus {
  return windowStatus(to, now, rule);
}

function assertInterval(intervalMs: number): void {
  if (!Number.isFinite(intervalMs) || intervalMs <= 0) throw new RangeError(`interval must be a positive number of ms (got ${intervalMs})`);
}
