import fc from 'fast-check';
import { isStuck, missedReason, owedBoundaries, resumeJobOptions } from './slot-ledger';

const MIN = 60_000;

describe('owedBoundaries', () => {
  it('lists every boundary between the two instants, aligned, once, in order', () => {
    fc.assert(fc.property(
      fc.constantFrom(1, 2, 5, 15, 30, 60, 120), fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: 0, max: 3 * 86_400_000 }),
      (interval, from, span) => {
        const size = interval * MIN;
        const got = owedBoundaries(new Date(from), new Date(from + span), interval).map((d) => d.getTime());
        for (const t of got) {
          expect(t % size).toBe(0);
          expect(t).toBeGreaterThanOrEqual(from);
          expect(t).toBeLessThanOrEqual(from + span);
        }
        for (let i = 1; i < got.length; i++) expect(got[i] - got[i - 1]).toBe(size);
        // None left out at either end.
        expect(got.length).toBe(Math.floor((from + span) / size) - Math.ceil(from / size) + 1);
      },
    ));
  });

  it('includes a boundary the range starts or ends on', () => {
    const t = Date.UTC(2026, 11, 1, 10, 30);
    expect(owedBoundaries(new Date(t), new Date(t), 30)).toEqual([new Date(t)]);
    expect(owedBoundaries(new Date(t + 1), new Date(t + 30 * MIN - 1), 30)).toEqual([]);
  });
});

describe('missedReason', () => {
  const slot = new Date('2026-12-01T10:00:00Z');
  const closedAt = new Date('2026-12-01T10:01:00Z');
  const base = { closedAt, outages: [], workerStartedAt: new Date('2026-12-01T09:00:00Z'), lastActivity: null };

  it('names the outage, with both ends, when one overlapped the open slot', () => {
    const outages = [{ dependency: 'Redis' as const, from: new Date('2026-12-01T09:59:50Z'), to: new Date('2026-12-01T10:01:10Z') }];
    expect(missedReason(slot, { ...base, outages })).toBe(
      'Redis unavailable from 2026-12-01T09:59:50.000Z to 2026-12-01T10:01:10.000Z: not collected before it closed at 2026-12-01T10:01:00.000Z',
    );
    expect(missedReason(slot, { ...base, outages: [{ ...outages[0], to: null }] })).toMatch(/^Redis unavailable from 2026-12-01T09:59:50.000Z to now \(still down\)/);
  });

  it('says no worker ran when the slot is older than this worker, from the last recorded activity', () => {
    const started = new Date('2026-12-01T11:00:00Z');
    expect(missedReason(slot, { ...base, workerStartedAt: started, lastActivity: new Date('2026-12-01T09:30:05Z') })).toBe(
      'worker not running from 2026-12-01T09:30:05.000Z to 2026-12-01T11:00:00.000Z: not collected before it closed at 2026-12-01T10:01:00.000Z',
    );
    expect(missedReason(slot, { ...base, workerStartedAt: started })).toMatch(/^worker not running from unknown to 2026-12-01T11:00:00.000Z/);
  });

  it('blames the schedule when the worker was running and saw no outage', () => {
    expect(missedReason(slot, base)).toMatch(/^no run was started for it \(its job scheduler was missing or late\)/);
  });
});

describe('isStuck', () => {
  it('is a run still running more than one interval after it started, and nothing else', () => {
    fc.assert(fc.property(
      fc.constantFrom('queued', 'running', 'succeeded', 'partial', 'failed', 'missed'), fc.constantFrom(1, 5, 30, 1440),
      fc.integer({ min: 1e12, max: 4e12 }), fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }),
      (state, interval, now, age) => {
        const startedAt = new Date(now - age);
        expect(isStuck({ state, startedAt }, now, interval)).toBe(state === 'running' && age > interval * MIN);
      },
    ));
  });

  it('takes a running run with no start recorded for stuck, and gives API and reconciler one resume job per slot', () => {
    expect(isStuck({ state: 'running', startedAt: null }, Date.now(), 30)).toBe(true);
    const slot = new Date('2026-12-01T10:30:00Z');
    expect(resumeJobOptions(slot)).toEqual(resumeJobOptions(new Date(slot)));
    expect(resumeJobOptions(slot).deduplication.id).not.toBe(resumeJobOptions(new Date(slot.getTime() + 30 * MIN)).deduplication.id);
  });
});
