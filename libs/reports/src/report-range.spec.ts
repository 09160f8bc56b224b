import { inSampleRange, SAMPLE_VALUE_LIMIT, SAMPLE_VALUE_SMALLEST } from '@tally/metering';
import fc from 'fast-check';
import { computeSeries, forSums } from './report-math';
import { MAX_WINDOW_YEARS } from './report-window';

/**
 * No accepted sample can make a report fail: the arithmetic of report.sql.ts, done the way
 * Postgres does float8 (an overflow to ±Infinity, or a non-zero product or quotient rounding to
 * 0, raises "value out of range"), stays finite for any values in the accepted range over the
 * longest window the API allows. The model below follows the SQL operation by operation.
 */
const L = SAMPLE_VALUE_LIMIT;
const MINUTE = 60_000;
/** Three calendar years, one of them leap: the longest window parseReportWindow lets through. */
const LONGEST_WINDOW_MS = (MAX_WINDOW_YEARS * 365 + 1) * 86_400_000;
/** TALLY_COLLECT_INTERVAL_MINUTES is at least 1. */
const SHORTEST_INTERVAL_MS = MINUTE;

class Float8Error extends Error {}
// Plain comparisons, not Number.isFinite: a global looked up per operation is slow in Jest's sandbox.
const MAX = Number.MAX_VALUE;
const finite = (x: number) => x <= MAX && x >= -MAX;
function overflowed(op: string, a: number, b: number): never {
  throw new Float8Error(`${op}(${a}, ${b}) overflows`);
}
function underflowed(op: string, a: number, b: number): never {
  throw new Float8Error(`${op}(${a}, ${b}) underflows`);
}
// float8pl, float8mi, float8mul and float8div of Postgres (src/include/utils/float.h).
const add = (a: number, b: number) => {
  const r = a + b;
  return finite(r) || !finite(a) || !finite(b) ? r : overflowed('add', a, b);
};
const sub = (a: number, b: number) => {
  const r = a - b;
  return finite(r) || !finite(a) || !finite(b) ? r : overflowed('sub', a, b);
};
const mul = (a: number, b: number) => {
  const r = a * b;
  if (!finite(r) && finite(a) && finite(b)) overflowed('mul', a, b);
  return r === 0 && a !== 0 && b !== 0 ? underflowed('mul', a, b) : r;
};
const div = (a: number, b: number) => {
  const r = a / b;
  if (!finite(r) && finite(a)) overflowed('div', a, b);
  return r === 0 && a !== 0 && finite(b) ? underflowed('div', a, b) : r;
};

/** float8_accum (Youngs-Cramer), which avg() uses: it raises when Σx or Σ(x − mean)² overflows. */
function avgOf(values: Float64Array): number {
  let n = 0;
  let sx = 0;
  let sxx = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    const before = n;
    n += 1;
    sx += x;
    if (before > 0) {
      const tmp = x * n - sx;
      sxx += (tmp * tmp) / (n * before);
    }
    if (!finite(sx) || !finite(sxx)) throw new Float8Error(`avg: Σx ${sx} or Σxx ${sxx} overflows`);
  }
  return sx / n;
}

interface Series {
  /** Sample times in ms, strictly increasing, all in [from, to). */
  ts: Float64Array;
  values: Float64Array;
  from: number;
  to: number;
  intervalMs: number;
  baseline: number | null;
}

/** The SQL's gauge_usage, counter usage and avg for one series (boot ids play no part in magnitudes). */
function sqlArithmetic(s: Series): { gauge: number; counter: number; avg: number } {
  const v = new Float64Array(s.values.length);
  for (let i = 0; i < v.length; i++) v[i] = forSums(s.values[i]);
  const intervalSeconds = s.intervalMs / 1000;
  let gauge = 0;
  let inner = 0;
  for (let i = 0; i < v.length; i++) {
    const until = i + 1 < v.length ? s.ts[i + 1] : s.to;
    gauge = add(gauge, mul(v[i], div(Math.min((until - s.ts[i]) / 1000, intervalSeconds), 3600)));
    if (i > 0) inner = add(inner, v[i] >= v[i - 1] ? sub(v[i], v[i - 1]) : v[i]);
  }
  const b = s.baseline === null ? null : forSums(s.baseline);
  const counter = b === null ? inner : v[0] >= b ? add(inner, sub(v[0], b)) : add(inner, v[0]);
  return { gauge, counter, avg: avgOf(v) };
}

const accepted = fc.oneof(
  fc.constantFrom(L, -L, SAMPLE_VALUE_SMALLEST, -SAMPLE_VALUE_SMALLEST, 0, 18446744073709551615, -273.15),
  fc.double({ min: -L, max: L, noNaN: true }).filter(inSampleRange),
);
const anyStored = fc.oneof(accepted, fc.double(), fc.constantFrom(9e307, -9e307, 1e-320, Number.MAX_VALUE, Number.NaN));

function seriesArb(values: fc.Arbitrary<number>) {
  return fc
    .record({
      from: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2090, 0, 1) }),
      length: fc.integer({ min: 1, max: LONGEST_WINDOW_MS }),
      intervalMinutes: fc.integer({ min: 1, max: 1440 }),
      gaps: fc.array(fc.integer({ min: 1, max: 7 * 86_400_000 }), { minLength: 1, maxLength: 400 }),
      values: fc.array(values, { minLength: 400, maxLength: 400 }),
      baseline: fc.option(values),
    })
    .map(({ from, length, intervalMinutes, gaps, values: vs, baseline }): Series => {
      const ts: number[] = [];
      for (let t = from, i = 0; i < gaps.length && t < from + length; t += gaps[i], i++) ts.push(t);
      return {
        ts: Float64Array.from(ts), values: Float64Array.from(ts.map((_, i) => vs[i])),
        from, to: from + length, intervalMs: intervalMinutes * MINUTE, baseline,
      };
    });
}

describe('report arithmetic over accepted values', () => {
  it('never overflows or underflows, and stays within its bounds', () => {
    fc.assert(
      fc.property(seriesArb(accepted), (s) => {
        const { gauge, counter, avg } = sqlArithmetic(s);
        const n = s.values.length;
        // A gauge holds at most its value for the window; a counter step adds at most 2·L.
        expect(Math.abs(gauge)).toBeLessThanOrEqual(L * ((s.to - s.from) / 3_600_000) * (1 + 1e-9));
        expect(Math.abs(counter)).toBeLessThanOrEqual(2 * L * (n + 1));
        expect(Math.abs(avg)).toBeLessThanOrEqual(L);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the reference implementation the same finite numbers', () => {
    fc.assert(
      fc.property(seriesArb(accepted), fc.constantFrom<'gauge' | 'counter'>('gauge', 'counter'), (s, kind) => {
        const samples = Array.from(s.ts, (t, i) => ({ ts: new Date(t), value: s.values[i] }));
        const baseline = s.baseline === null ? null : { ts: new Date(s.from - 1), value: s.baseline };
        const ref = computeSeries({ kind, samples, baseline, from: new Date(s.from), to: new Date(s.to), now: new Date(s.to), intervalMs: s.intervalMs });
        const sql = sqlArithmetic(s);
        for (const x of [ref.usage, ref.avg!, ref.min!, ref.max!, ref.last!]) expect(Number.isFinite(x)).toBe(true);
        // Same operations, summed in another order: equal up to rounding of the largest terms.
        const scale = s.values.reduce((m, x) => Math.max(m, Math.abs(x)), Math.abs(s.baseline ?? 0)) * (s.values.length + 1);
        expect(Math.abs(ref.usage - (kind === 'gauge' ? sql.gauge : sql.counter))).toBeLessThanOrEqual(1e-12 * scale);
      }),
      { numRuns: 200 },
    );
  });

  it('holds at full length: a sample every minute for three years, at the extremes', () => {
    const n = LONGEST_WINDOW_MS / SHORTEST_INTERVAL_MS;
    const from = Date.UTC(2027, 0, 1);
    const ts = Float64Array.from({ length: n }, (_, i) => from + i * SHORTEST_INTERVAL_MS);
    const patterns: Record<string, (i: number) => number> = {
      // Largest gauge hours and Σ for avg.
      'all at the top': () => L,
      // Largest counter steps (−L → L) and squares for avg, with the tiniest value between them.
      'swinging through the range': (i) => [-L, L, SAMPLE_VALUE_SMALLEST][i % 3],
    };
    for (const [name, value] of Object.entries(patterns)) {
      const s: Series = { ts, values: Float64Array.from({ length: n }, (_, i) => value(i)), from, to: from + LONGEST_WINDOW_MS, intervalMs: SHORTEST_INTERVAL_MS, baseline: -L };
      const result = sqlArithmetic(s);
      for (const x of Object.values(result)) expect([name, Number.isFinite(x)]).toEqual([name, true]);
    }
  });

  it('has room for a sample every millisecond for three years, summed over a million lines', () => {
    // The per-sample bounds checked above, at the most samples a series can have (one per ms:
    // the natural key forbids two at the same instant) and the most lines anyone will sum.
    const samples = LONGEST_WINDOW_MS;
    const lines = 1e6;
    const worst = {
      gauge: L * (LONGEST_WINDOW_MS / 3_600_000) * lines,
      counter: 2 * L * (samples + 1) * lines,
      sumForAvg: L * samples,
      squaresForAvg: samples * (2 * L) ** 2,
    };
    for (const [what, bound] of Object.entries(worst)) expect([what, bound < Number.MAX_VALUE / 1e200]).toEqual([what, true]);
  });
});

describe('report arithmetic over values stored before the range was enforced', () => {
  it('still never fails: sums take each value brought into the range', () => {
    fc.assert(
      fc.property(seriesArb(anyStored), (s) => {
        const { gauge, counter, avg } = sqlArithmetic(s);
        for (const x of [gauge, counter, avg]) expect(Number.isFinite(x)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('fails without that, as Postgres did on two pushed 9e307', () => {
    expect(() => avgOf(Float64Array.from([9e307, 9e307]))).toThrow(Float8Error);
    expect(() => mul(1e-320, div(0.001, 3600))).toThrow(/underflows/); // a 1 ms hold
    expect(forSums(9e307)).toBe(L);
    expect(forSums(1e-320)).toBe(0);
    expect(forSums(-42)).toBe(-42);
  });
});
