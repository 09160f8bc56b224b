import fc from 'fast-check';
import { retryDelayMs } from './retry-schedule';

const SVIX = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];

describe('retryDelayMs', () => {
  it('follows the schedule within ±20 %, and ends after its last step', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 7 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempts, r) => {
      const d = retryDelayMs(attempts, SVIX, () => r)!;
      expect(d).toBeGreaterThanOrEqual(SVIX[attempts - 1] * 0.8 - 1);
      expect(d).toBeLessThanOrEqual(SVIX[attempts - 1] * 1.2 + 1);
    }));
    expect(retryDelayMs(8, SVIX)).toBeUndefined();
  });

  it('retries for more than 24 hours in all, even at the low end of the jitter', () => {
    const total = SVIX.reduce((sum, _, i) => sum + retryDelayMs(i + 1, SVIX, () => 0)!, 0);
    expect(total).toBeGreaterThan(24 * 3_600_000 * 0.8);
    expect(SVIX.reduce((a, b) => a + b, 0)).toBeGreaterThan(24 * 3_600_000);
  });
});
