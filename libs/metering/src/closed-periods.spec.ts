import fc from 'fast-check';
import { closedBefore, closureRule, isClosed, openUntil, windowStatus } from './closed-periods';

const MIN = 60_000;
const DEFAULT = closureRule({ intervalMinutes: 30, precacheLeadMinutes: 15, latePushGraceMinutes: 120 });
const at = (iso: string) => new Date(iso);

/** Any configuration load-config accepts: interval 1–1440 min, lead below it, grace 0–10080 min. */
const rules = fc
  .record({ intervalMinutes: fc.integer({ min: 1, max: 1440 }), lead: fc.double({ min: 0, max: 1, noNaN: true }), latePushGraceMinutes: fc.integer({ min: 0, max: 10_080 }) })
  .map(({ intervalMinutes, lead, latePushGraceMinutes }) =>
    closureRule({ intervalMinutes, precacheLeadMinutes: Math.min(intervalMinutes - 1, Math.floor(lead * intervalMinutes)), latePushGraceMinutes }));
/** Millisecond instants from 2000 to 2100, not aligned to anything. */
const instants = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) });

describe('closed periods', () => {
  it('closes an instant one interval, the pre-cache lead and the grace after it', () => {
    const ts = at('2026-01-15T10:00:00Z');
    expect(openUntil(ts, DEFAULT)).toEqual(at('2026-01-15T12:45:00Z'));
    expect(isClosed(ts, at('2026-01-15T12:45:00Z'), DEFAULT)).toBe(false);
    expect(isClosed(ts, at('2026-01-15T12:44:59.999Z'), DEFAULT)).toBe(false);
    expect(isClosed(ts, at('2026-01-15T12:45:00.001Z'), DEFAULT)).toBe(true);
    expect(closedBefore(at('2026-12-01T09:00:00Z'), DEFAULT)).toEqual(at('2026-12-01T06:15:00Z'));
  });

  it('keeps a report provisional until the grace has passed too', () => {
    const to = at('2026-11-01T00:00:00Z');
    expect(windowStatus(to, at('2026-11-01T00:45:00Z'), DEFAULT)).toBe('provisional'); // §4's point, before the grace
    expect(windowStatus(to, at('2026-11-01T02:44:59.999Z'), DEFAULT)).toBe('provisional');
    expect(windowStatus(to, at('2026-11-01T02:45:00Z'), DEFAULT)).toBe('final');
    const noGrace = closureRule({ intervalMinutes: 30, precacheLeadMinutes: 15, latePushGraceMinutes: 0 });
    expect(windowStatus(to, at('2026-11-01T00:45:00Z'), noGrace)).toBe('final');
  });

  it('a final window holds only closed instants, and a provisional one has an open instant', () => {
    fc.assert(
      fc.property(rules, instants, fc.integer({ min: 1, max: 3 * 366 * 1440 * MIN }), fc.integer({ min: -40 * 1440 * MIN, max: 40 * 1440 * MIN }), (rule, from, length, nowOffset) => {
        const to = from + length;
        const now = to + nowOffset;
        const inside = [from, Math.floor((from + to) / 2), to - 1];
        if (windowStatus(to, now, rule) === 'final') {
          for (const t of inside) expect(isClosed(t, now, rule)).toBe(true);
        } else {
          expect(isClosed(to - 1, now, rule)).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never reopens: once closed (or final), closed (or final) at every later time', () => {
    fc.assert(
      fc.property(rules, instants, instants, fc.nat({ max: 10 * 365 * 1440 * MIN }), (rule, ts, now, later) => {
        if (isClosed(ts, now, rule)) expect(isClosed(ts, now + later, rule)).toBe(true);
        if (windowStatus(ts, now, rule) === 'final') expect(windowStatus(ts, now + later, rule)).toBe('final');
      }),
      { numRuns: 2000 },
    );
  });

  it('closes an instant exactly when a window ending just after it turns final', () => {
    fc.assert(
      fc.property(rules, instants, instants, (rule, ts, now) => {
        expect(isClosed(ts, now, rule)).toBe(windowStatus(ts + 1, now, rule) === 'final');
        expect(isClosed(ts, openUntil(ts, rule), rule)).toBe(false);
        expect(isClosed(ts, openUntil(ts, rule).getTime() + 1, rule)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('does not depend on the zone a window was written in: Berlin midnight is an instant like any other', () => {
    // 2026-03-29 00:00 Europe/Berlin is 2026-03-28T23:00Z; the day after the spring change is 23 h long.
    const from = at('2026-03-28T23:00:00Z');
    const to = at('2026-03-29T22:00:00Z');
    expect(windowStatus(to, openUntil(to, DEFAULT), DEFAULT)).toBe('final');
    expect(windowStatus(to, openUntil(to, DEFAULT).getTime() - 1, DEFAULT)).toBe('provisional');
    expect(isClosed(from, openUntil(to, DEFAULT), DEFAULT)).toBe(true);
  });
});
