import fc from 'fast-check';
import { afterPoll, BackoffPolicy, BackoffState, collectionStatus, skipReason } from './backoff';

const SLOT = 30 * 60_000;
const policy: BackoffPolicy = { afterFailures: 3, maxSlots: 16, intervalMinutes: 30 };
const at = (i: number) => new Date(Date.UTC(2026, 11, 1) + i * SLOT);

/** Slots 0..n-1 of a host that never answers: which are polled. */
function polledSlots(n: number, p: BackoffPolicy, answersFrom = Infinity): number[] {
  let state: BackoffState | undefined;
  const polled: number[] = [];
  for (let i = 0; i < n; i++) {
    if (skipReason(state, at(i), p)) continue;
    polled.push(i);
    state = afterPoll(state, at(i), i >= answersFrom, 'connect');
  }
  return polled;
}

describe('backoff for hosts that keep failing', () => {
  it('polls every slot K times, then every 2nd, 4th, 8th... slot, capped', () => {
    expect(polledSlots(80, policy)).toEqual([0, 1, 2, 4, 8, 16, 32, 48, 64]);
    expect(polledSlots(20, { ...policy, afterFailures: 1, maxSlots: 4 })).toEqual([0, 2, 6, 10, 14, 18]);
  });

  it('returns to every slot from the first answer', () => {
    const polled = polledSlots(30, policy, 5);
    // Down at 0, 1, 2, 4; answers at 8 (the first poll from slot 5 on), then every slot.
    expect(polled).toEqual([0, 1, 2, 4, 8, ...Array.from({ length: 21 }, (_, i) => 9 + i)]);
  });

  it('never leaves a gap longer than the cap, nor skips before K failures (any policy, any answers)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 6 }), fc.integer({ min: 2, max: 32 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 200 }),
      (afterFailures, maxSlots, answers) => {
        const p = { ...policy, afterFailures, maxSlots };
        let state: BackoffState | undefined;
        let last = -1;
        let failuresInARow = 0;
        answers.forEach((ok, i) => {
          const skipped = skipReason(state, at(i), p);
          if (skipped) {
            expect(failuresInARow).toBeGreaterThanOrEqual(afterFailures);
            expect(skipped).toMatch(new RegExp(`^skipped: backing off after ${failuresInARow} failures since .*, next poll at `));
            return;
          }
          expect(i - last).toBeLessThanOrEqual(maxSlots);
          last = i;
          state = afterPoll(state, at(i), ok, 'timeout');
          failuresInARow = ok ? 0 : failuresInARow + 1;
          expect(collectionStatus(state, p).failures).toBe(failuresInARow);
        });
      },
    ));
  });

  it('counts a slot polled twice once, and an older slot not at all', () => {
    const s1 = afterPoll(undefined, at(5), false, 'connect');
    expect(afterPoll(s1, at(5), false, 'connect')).toBe(s1);
    expect(afterPoll(s1, at(2), false, 'connect')).toBe(s1);
    expect(afterPoll(s1, at(6), false, 'connect')).toEqual({ failures: 2, failingSince: at(5).toISOString(), lastFailedSlot: at(6).toISOString() });
  });

  it('does not back off a resource that fails without contacting a host', () => {
    expect(afterPoll(undefined, at(1), false, 'config')).toBeUndefined();
    expect(afterPoll(undefined, at(1), false, 'credential')).toBeUndefined();
  });

  it('always polls a slot at or before the latest failure (a past slot collected late)', () => {
    let state: BackoffState | undefined;
    for (const i of [10, 11, 12]) state = afterPoll(state, at(i), false, 'connect');
    expect(skipReason(state, at(13), policy)).toMatch(/next poll at 2026-12-01T07:00:00.000Z$/);
    expect(skipReason(state, at(12), policy)).toBeNull();
    expect(skipReason(state, at(3), policy)).toBeNull();
    expect(skipReason(state, at(14), policy)).toBeNull();
  });

  it('says ok, failing or backing_off', () => {
    expect(collectionStatus(undefined, policy)).toEqual({ state: 'ok', failures: 0, failingSince: null, nextPollSlot: null });
    const one = afterPoll(undefined, at(0), false, 'auth');
    expect(collectionStatus(one, policy)).toMatchObject({ state: 'failing', failures: 1, nextPollSlot: null });
    const three = afterPoll(afterPoll(one, at(1), false), at(2), false);
    expect(collectionStatus(three, policy)).toEqual({ state: 'backing_off', failures: 3, failingSince: at(0).toISOString(), nextPollSlot: at(4).toISOString() });
  });
});
