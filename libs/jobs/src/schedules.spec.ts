import { AppConfig } from '@tally/config';
import { cronFor, recurringJobs } from './schedules';
import { batchJobId, preparedSlot, slotJobId, slotStart } from './slots';

const config = (intervalMinutes: number, precacheLeadMinutes: number) =>
  ({ collection: { intervalMinutes, precacheLeadMinutes } }) as AppConfig;

describe('recurring job schedules', () => {
  it('collects at :00 and :30 and pre-caches at :15 and :45 by default', () => {
    const [precache, collect] = recurringJobs(config(30, 15));
    expect(precache).toMatchObject({ id: 'schedule-ganeti-precache', queue: 'tally-precache', job: 'ganeti-precache', pattern: '0 15,45 * * * *' });
    expect(collect).toMatchObject({ id: 'schedule-collect-slot', queue: 'tally-collect', job: 'collect-slot', pattern: '0 0,30 * * * *' });
  });

  it('derives patterns from the interval and the lead', () => {
    expect(cronFor(15, 5)).toBe('0 10,25,40,55 * * * *');
    expect(cronFor(60, 0)).toBe('0 0 * * * *');
    expect(cronFor(120, 15)).toBe('0 45 1,3,5,7,9,11,13,15,17,19,21,23 * * *');
    expect(cronFor(1440, 0)).toBe('0 0 0 * * *');
  });

  it('refuses an interval that cannot tile the day with one pattern', () => {
    expect(() => cronFor(45, 0)).toThrow(/cannot be scheduled.*TALLY_COLLECT_INTERVAL_MINUTES/);
    expect(() => cronFor(90, 0)).toThrow(/cannot be scheduled/);
  });
});

describe('slots', () => {
  it('aligns down to the interval in UTC', () => {
    expect(slotStart(Date.parse('2026-11-23T10:29:59.999Z'), 30).toISOString()).toBe('2026-11-23T10:00:00.000Z');
    expect(slotStart(Date.parse('2026-11-23T10:30:00Z'), 30).toISOString()).toBe('2026-11-23T10:30:00.000Z');
    expect(slotStart(Date.parse('2026-11-23T23:59:00Z'), 1440).toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });

  it('gives a pre-cache the slot it prepares', () => {
    expect(preparedSlot(Date.parse('2026-11-23T10:15:00Z'), 30).toISOString()).toBe('2026-11-23T10:30:00.000Z');
    expect(preparedSlot(Date.parse('2026-11-23T10:45:00Z'), 30).toISOString()).toBe('2026-11-23T11:00:00.000Z');
  });

  it('prepares the next collection to come at the edges of a slot, early ones included', () => {
    const at = (iso: string) => preparedSlot(Date.parse(iso), 30).toISOString();
    expect(at('2026-11-23T10:00:00.000Z')).toBe('2026-11-23T10:30:00.000Z'); // 10:00 is being collected
    expect(at('2026-11-23T10:00:00.001Z')).toBe('2026-11-23T10:30:00.000Z');
    expect(at('2026-11-23T10:05:00.000Z')).toBe('2026-11-23T10:30:00.000Z'); // by hand, early in the slot
    expect(at('2026-11-23T10:29:59.999Z')).toBe('2026-11-23T10:30:00.000Z');
    expect(at('2026-11-23T23:59:59.999Z')).toBe('2026-11-24T00:00:00.000Z'); // across midnight
    expect(preparedSlot(Date.parse('2026-11-23T10:00:00Z'), 60).toISOString()).toBe('2026-11-23T11:00:00.000Z');
  });

  it('agrees with the schedule at every lead and interval: a pre-cache fired `lead` before a slot prepares that slot', () => {
    for (const interval of [1, 5, 15, 30, 60, 120, 1440]) {
      for (let lead = 0; lead < interval; lead += Math.max(1, Math.floor(interval / 7))) {
        const slot = Date.parse('2026-11-23T00:00:00Z') + 7 * interval * 60_000;
        // Scheduled at the lead before the slot (a lead of 0 fires with the slot's own collection: it prepares the next).
        const expected = lead ? slot : slot + interval * 60_000;
        expect([interval, lead, preparedSlot(slot - lead * 60_000, interval).getTime()]).toEqual([interval, lead, expected]);
        // Any moment of a slot prepares the one after it, and a slot start is never prepared by itself.
        for (const offset of [0, 1, lead * 60_000, interval * 60_000 - 1]) {
          expect(preparedSlot(slot + offset, interval).getTime()).toBe(slot + interval * 60_000);
        }
      }
    }
  });

  it('builds job ids without colons', () => {
    const id = slotJobId('collect-batch', new Date('2026-11-23T10:30:00Z'), '3b7c0f6e-8d7a-4b1e-9d2a-1f0e5c4b3a21');
    expect(id).toBe('collect-batch-1795429800000-3b7c0f6e-8d7a-4b1e-9d2a-1f0e5c4b3a21');
    expect(id).not.toContain(':');
  });

  it('names a batch by its resources, whatever their order', () => {
    const slot = new Date('2026-11-23T10:30:00Z');
    const one = batchJobId('collect-batch', slot, ['b', 'a', 'c']);
    expect(one).toMatch(/^collect-batch-1795429800000-batch3-[0-9a-f]{32}$/);
    expect(batchJobId('collect-batch', slot, ['c', 'a', 'b'])).toBe(one);
    expect(batchJobId('collect-batch', slot, ['a', 'b'])).not.toBe(one);
    expect(batchJobId('collect-batch', new Date('2026-11-23T11:00:00Z'), ['a', 'b', 'c'])).not.toBe(one);
    expect(batchJobId('collect-batch', slot, ['3b7c0f6e-8d7a-4b1e-9d2a-1f0e5c4b3a21'])).toBe('collect-batch-1795429800000-3b7c0f6e-8d7a-4b1e-9d2a-1f0e5c4b3a21');
  });
});
