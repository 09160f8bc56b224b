import { finishedState } from './collection-runs.service';
import { mapLimit } from './map-limit';

describe('run state', () => {
  it('is succeeded with no errors, failed with no successes, partial otherwise', () => {
    expect(finishedState(3, 0)).toBe('succeeded');
    expect(finishedState(0, 0)).toBe('succeeded');
    expect(finishedState(0, 2)).toBe('failed');
    expect(finishedState(1, 2)).toBe('partial');
  });
});

describe('mapLimit', () => {
  it('keeps order and never runs more than the limit at once', async () => {
    let active = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      peak = Math.max(peak, ++active);
      await new Promise((r) => setTimeout(r, n));
      active--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});
