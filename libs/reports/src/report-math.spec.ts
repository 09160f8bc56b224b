import { computeSeries, counterUsage, expectedSlots, reportStatus, SeriesSample, splitUsage, usageUnit } from './report-math';
import { parseReportWindow } from './report-window';

const MIN = 60_000;
const HALF_HOUR = 30 * MIN;
const at = (iso: string) => new Date(iso);
const s = (iso: string, value: number, bootId?: string | null): SeriesSample => ({ ts: at(iso), value, bootId });
const LATER = at('2027-01-01T00:00:00Z');

describe('gauge usage (design §4)', () => {
  it('holds each sample at most one interval: a gap is not extrapolated', () => {
    const r = computeSeries({
      kind: 'gauge',
      from: at('2026-10-01T00:00:00Z'),
      to: at('2026-10-01T03:00:00Z'),
      now: LATER,
      intervalMs: HALF_HOUR,
      samples: [s('2026-10-01T00:00:00Z', 2), s('2026-10-01T00:30:00Z', 4), s('2026-10-01T02:00:00Z', 1), s('2026-10-01T02:30:00Z', 3)],
    });
    // 00:00 2 × 0.5 h            = 1
    // 00:30 4 × min(1.5 h, 0.5 h) = 2   (collection stopped until 02:00: not billed)
    // 02:00 1 × 0.5 h            = 0.5
    // 02:30 3 × min(0.5 h, to − ts = 0.5 h) = 1.5
    expect(r.usage).toBeCloseTo(5, 12);
    // slots 00:00 00:30 01:00 01:30 02:00 02:30 → 6; 4 of them have a sample
    expect(r).toMatchObject({ samples: 4, expected: 6, min: 1, max: 4, avg: 2.5, last: 3 });
    expect(r.coverage).toBeCloseTo(4 / 6, 12);
  });

  it('excludes a sample exactly at `to` and never holds the last one past `to`', () => {
    const r = computeSeries({
      kind: 'gauge',
      from: at('2026-10-01T00:00:00Z'),
      to: at('2026-10-01T01:00:00Z'),
      now: LATER,
      intervalMs: HALF_HOUR,
      samples: [s('2026-10-01T00:00:00Z', 10), s('2026-10-01T00:50:00Z', 6), s('2026-10-01T01:00:00Z', 1000)],
    });
    // 00:00 10 × min(50 min, 30 min) = 10 × 0.5 h = 5
    // 00:50  6 × min(30 min, to − ts = 10 min) = 6 × 1/6 h = 1
    // 01:00 is the next window's sample
    expect(r.usage).toBeCloseTo(6, 12);
    expect(r).toMatchObject({ samples: 2, expected: 2, coverage: 1, max: 10, last: 6 });
  });

  it('weights irregular timestamps by the time to the next sample, whatever the input order', () => {
    const r = computeSeries({
      kind: 'gauge',
      from: at('2026-10-01T00:00:00Z'),
      to: at('2026-10-01T01:00:00Z'),
      now: LATER,
      intervalMs: HALF_HOUR,
      samples: [s('2026-10-01T00:41:00Z', 2), s('2026-10-01T00:05:00Z', 3), s('2026-10-01T00:17:00Z', 6)],
    });
    // 00:05 3 × 12 min (0.2 h)                = 0.6
    // 00:17 6 × 24 min (0.4 h)                = 2.4
    // 00:41 2 × min(30, to − ts = 19) min     = 2 × 19/60 = 0.6333…
    // total 3 + 19/30 = 109/30; 00:00–00:05 has no sample and is not billed
    expect(r.usage).toBeCloseTo(109 / 30, 12);
    // 3 samples over 2 slots: coverage is not clamped, a too-chatty push series shows as 1.5
    expect(r).toMatchObject({ samples: 3, expected: 2, coverage: 1.5, min: 2, max: 6, last: 2 });
    expect(r.avg).toBeCloseTo(11 / 3, 12);
  });

  it('ignores a baseline for gauges: time before the first sample is not billed', () => {
    const r = computeSeries({
      kind: 'gauge',
      from: at('2026-10-01T00:00:00Z'),
      to: at('2026-10-01T01:00:00Z'),
      now: LATER,
      intervalMs: HALF_HOUR,
      baseline: s('2026-09-30T23:50:00Z', 100),
      samples: [s('2026-10-01T00:30:00Z', 4)],
    });
    expect(r.usage).toBeCloseTo(2, 12); // 4 × 0.5 h
  });
});

describe('counter usage (design §4)', () => {
  const window = { from: at('2026-10-01T00:00:00Z'), to: at('2026-10-01T02:00:00Z'), now: LATER, intervalMs: HALF_HOUR };
  const A = 'aaaaaaaa-0000-4000-8000-000000000001';
  const B = 'bbbbbbbb-0000-4000-8000-000000000002';
  const samples = [s('2026-10-01T00:00:00Z', 150, A), s('2026-10-01T00:30:00Z', 170, A), s('2026-10-01T01:00:00Z', 30, A), s('2026-10-01T01:30:00Z', 40, B)];

  it('sums increases from the baseline, counting a reset and a reboot from zero', () => {
    const r = computeSeries({ kind: 'counter', ...window, baseline: s('2026-09-30T23:30:00Z', 100, A), samples });
    // baseline 100 → 150: +50
    // 150 → 170: +20
    // 170 → 30: negative step, reset → +30
    // 30 → 40 with boot A → B: rebooted, the counter restarted → +40 (not +10)
    expect(r.usage).toBe(140);
    expect(r).toMatchObject({ samples: 4, expected: 4, coverage: 1, min: 30, max: 170, last: 40, avg: 97.5 });
  });

  it('without a baseline the first sample only sets the starting point', () => {
    // 0 + 20 + 30 + 40: the machine's history before its first sample is not billed
    expect(computeSeries({ kind: 'counter', ...window, samples }).usage).toBe(90);
  });

  it('treats a missing boot id as "unknown", not as a reboot', () => {
    expect(counterUsage([s('2026-10-01T00:00:00Z', 10, null), s('2026-10-01T00:30:00Z', 25, A), s('2026-10-01T01:00:00Z', 40, null)])).toBe(30);
  });

  it('ignores a "baseline" that is not before from', () => {
    const r = computeSeries({ kind: 'counter', ...window, baseline: s('2026-10-01T00:00:00Z', 1, A), samples });
    expect(r.usage).toBe(90);
  });
});

describe('expected slots and coverage', () => {
  it('counts 50 half-hour slots on the 25-hour day Europe/Berlin leaves summer time (2026-10-25)', () => {
    const w = parseReportWindow({ from: '2026-10-25', to: '2026-10-26', tz: 'Europe/Berlin' });
    // 2026-10-25 00:00 CEST = 10-24 22:00Z; 2026-10-26 00:00 CET = 10-25 23:00Z → 25 h
    expect(w.from.toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(w.to.toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(expectedSlots(w.from, w.to, LATER, HALF_HOUR)).toBe(50);
  });

  it('counts 46 slots on the 23-hour day summer time starts (2026-03-29)', () => {
    const w = parseReportWindow({ from: '2026-03-29', to: '2026-03-30', tz: 'Europe/Berlin' });
    expect(expectedSlots(w.from, w.to, LATER, HALF_HOUR)).toBe(46);
  });

  it('an empty window: no samples, usage 0 (nothing billed), no min/max/avg/last, coverage 0', () => {
    const r = computeSeries({ kind: 'gauge', from: at('2026-10-01T00:00:00Z'), to: at('2026-10-02T00:00:00Z'), now: LATER, intervalMs: HALF_HOUR, samples: [] });
    expect(r).toEqual({ samples: 0, expected: 48, coverage: 0, min: null, max: null, avg: null, last: null, usage: 0 });
  });

  it('stops counting at now, and a future window expects nothing (coverage null)', () => {
    const from = at('2026-10-01T00:00:00Z');
    const to = at('2026-10-02T00:00:00Z');
    // slot starts 00:00 … 10:00 are before 10:05 → 21 (the running 10:00 slot counts)
    expect(expectedSlots(from, to, at('2026-10-01T10:05:00Z'), HALF_HOUR)).toBe(21);
    expect(expectedSlots(from, to, at('2026-10-01T10:00:00Z'), HALF_HOUR)).toBe(20);
    const r = computeSeries({ kind: 'counter', from, to, now: at('2026-09-01T00:00:00Z'), intervalMs: HALF_HOUR, samples: [] });
    expect(r.expected).toBe(0);
    expect(r.coverage).toBeNull();
  });

  it('counts only slots that start inside a window not aligned to the interval', () => {
    // [00:10, 01:10): slot starts 00:30 and 01:00 → 2 (the 00:00 slot began before from)
    expect(expectedSlots(at('2026-10-01T00:10:00Z'), at('2026-10-01T01:10:00Z'), LATER, HALF_HOUR)).toBe(2);
  });
});

describe('units and status', () => {
  it('maps gauge units to unit·hours and keeps counter units', () => {
    expect(usageUnit('gauge', 'vCPU')).toBe('vCPU·h');
    expect(usageUnit('gauge', 'MiB')).toBe('MiB·h');
    expect(usageUnit('gauge', '')).toBe('h');
    expect(usageUnit('counter', 'byte')).toBe('byte');
    expect(usageUnit('counter', 's')).toBe('s');
  });

  it('is provisional until one interval plus the pre-cache lead plus the late-push grace has passed after `to`', () => {
    const to = at('2026-11-01T00:00:00Z');
    const rule = { intervalMs: HALF_HOUR, leadMs: 15 * MIN, graceMs: 0 };
    expect(reportStatus(to, at('2026-10-31T12:00:00Z'), rule)).toBe('provisional');
    expect(reportStatus(to, at('2026-11-01T00:44:59Z'), rule)).toBe('provisional');
    expect(reportStatus(to, at('2026-11-01T00:45:00Z'), rule)).toBe('final');
    const graced = { ...rule, graceMs: 120 * MIN };
    expect(reportStatus(to, at('2026-11-01T00:45:00Z'), graced)).toBe('provisional');
    expect(reportStatus(to, at('2026-11-01T02:45:00Z'), graced)).toBe('final');
  });
});

describe('splitUsage (reference of the split report query)', () => {
  const from = new Date('2026-10-01T00:00:00Z');
  const to = new Date('2026-10-01T01:00:00Z');
  const at = (hhmm: string) => new Date(`2026-10-01T${hhmm}:00Z`);
  const bounds = [from.getTime(), at('00:45').getTime(), to.getTime()];
  const base = { from, to, now: new Date('2026-11-01T00:00:00Z'), intervalMs: 1_800_000 };

  it('counts a gauge hold on each side of a cut for the time it held there', () => {
    const samples = [{ ts: at('00:00'), value: 2 }, { ts: at('00:30'), value: 2 }];
    expect(splitUsage({ ...base, kind: 'gauge', samples }, bounds)).toEqual([1.5, 0.5]);
  });

  it('counts a counter step where its sample is, the first step from the baseline included', () => {
    const samples = [{ ts: at('00:00'), value: 100 }, { ts: at('00:30'), value: 300 }, { ts: at('00:50'), value: 50 }];
    const parts = splitUsage({ ...base, kind: 'counter', samples, baseline: { ts: new Date('2026-09-30T23:30:00Z'), value: 40 } }, bounds);
    expect(parts).toEqual([260, 50]);
    expect(parts[0] + parts[1]).toBe(computeSeries({ ...base, kind: 'counter', samples, baseline: { ts: new Date('2026-09-30T23:30:00Z'), value: 40 } }).usage);
  });
});
