import fc from 'fast-check';
import { FLAP_HIGH, percentStateChange } from './flap';
import { classify, counterRate, Level } from './levels';
import { decide, NotifyContext } from './notify-policy';
import { Change, isSteady, SeriesState, step, STEADY_OK } from './series-step';
import { windowCovers, WindowTiming } from './windows';

function run(levels: (Level | 'missing')[], cfg = { forEvaluations: 3, nodataAfter: 3 }) {
  let s: SeriesState = STEADY_OK;
  const changes: Change[] = [];
  const flaps: boolean[] = [];
  for (const l of levels) {
    const r = step(s, l, cfg);
    s = r.next;
    if (r.change) changes.push(r.change);
    if (r.flapping) flaps.push(r.flapping.flapping);
  }
  return { s, changes, flaps };
}

describe('flap guard (step)', () => {
  it('2 breaches with N = 3 change nothing, 3 open once, a 4th nothing more, 3 oks recover once', () => {
    expect(run(['c', 'c']).changes).toEqual([]);
    expect(run(['c', 'c', 'c']).changes).toEqual([{ kind: 'triggered', to: 'c' }]);
    expect(run(['c', 'c', 'c', 'c']).changes).toEqual([{ kind: 'triggered', to: 'c' }]);
    expect(run(['c', 'c', 'c', 'o', 'o', 'o', 'o']).changes).toEqual([{ kind: 'triggered', to: 'c' }, { kind: 'recovered', from: 'c' }]);
  });

  it('counts warn and crit together toward opening, then escalates only on N crits in a row', () => {
    expect(run(['w', 'c', 'w']).changes).toEqual([{ kind: 'triggered', to: 'w' }]);
    expect(run(['w', 'w', 'w', 'c', 'c', 'w', 'c', 'c', 'c']).changes).toEqual([{ kind: 'triggered', to: 'w' }, { kind: 'escalated', from: 'w', to: 'c' }]);
  });

  it('never reads a missing sample as a value: K missing in a row make nodata, fewer change nothing', () => {
    const two = run(['c', 'c', 'missing', 'missing']);
    expect(two.changes).toEqual([]);
    expect(two.s.candidateCount).toBe(2); // the missing ones neither broke nor extended the run
    expect(run(['missing', 'missing', 'missing']).changes).toEqual([{ kind: 'triggered', to: 'n' }]);
  });

  it('any series of levels: the state changes only after N agreeing evaluations', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom<Level>('o', 'w', 'c'), { maxLength: 60 }), fc.integer({ min: 1, max: 5 }), (levels, n) => {
      const { changes } = run(levels, { forEvaluations: n, nodataAfter: 3 });
      let s: SeriesState = STEADY_OK;
      levels.forEach((l, i) => {
        const r = step(s, l, { forEvaluations: n, nodataAfter: 3 });
        if (r.change) {
          const last = levels.slice(Math.max(0, i - n + 1), i + 1);
          expect(last).toHaveLength(n);
          expect(last.every((x) => (s.state === 'o' ? x !== 'o' : x === l))).toBe(true);
        }
        s = r.next;
      });
      return changes.length <= levels.length / n + 1;
    }));
  });

  it('a steady ok series is steady (its row can go)', () => {
    expect(isSteady(run(['o', 'o']).s)).toBe(true);
    expect(isSteady(run(['c']).s)).toBe(false);
  });
});

describe('flapping', () => {
  it('percent state change: 0 for a steady history, 100 for one that changes every time', () => {
    expect(percentStateChange('o'.repeat(21))).toBe(0);
    expect(percentStateChange('oc'.repeat(11))).toBeCloseTo(100);
  });

  it('starts above the high mark and stops only below the low one', () => {
    const { flaps, s } = run(['c', 'o', 'c', 'o', 'c', 'o'], { forEvaluations: 1, nodataAfter: 3 });
    expect(flaps).toEqual([true]);
    expect(percentStateChange(s.history)).toBeGreaterThan(FLAP_HIGH);
    const calm = run([...['c', 'o', 'c', 'o', 'c', 'o'] as Level[], ...Array<Level>(30).fill('o')], { forEvaluations: 1, nodataAfter: 3 });
    expect(calm.flaps).toEqual([true, false]);
  });
});

describe('levels', () => {
  it('crit wins over warn; comparisons go both ways', () => {
    expect(classify(95, { comparison: '>', warn: 80, crit: 90 })).toBe('c');
    expect(classify(85, { comparison: '>', warn: 80, crit: 90 })).toBe('w');
    expect(classify(0, { comparison: '<', warn: null, crit: 1 })).toBe('c');
    expect(classify(1, { comparison: '<', warn: null, crit: 1 })).toBe('o');
  });
  it('a counter has a rate only between two samples of one boot that did not fall', () => {
    expect(counterRate({ value: 600, ts: 60_000, bootId: 'a' }, { value: 0, ts: 0, bootId: 'a' })).toBe(10);
    expect(counterRate({ value: 600, ts: 60_000, bootId: 'b' }, { value: 0, ts: 0, bootId: 'a' })).toBeUndefined();
    expect(counterRate({ value: 5, ts: 60_000, bootId: null }, { value: 9, ts: 0, bootId: null })).toBeUndefined();
    expect(counterRate({ value: 5, ts: 60_000, bootId: null }, undefined)).toBeUndefined();
  });
});

describe('maintenance windows', () => {
  const weekly: WindowTiming = {
    startsAt: new Date('2026-01-01T00:00:00Z'), endsAt: null, recurrence: 'weekly', weekdays: [2], startTime: '23:00', durationMinutes: 120, timeZone: 'Europe/Berlin',
  };
  it('a weekly window follows its zone, across midnight and daylight saving time', () => {
    // Tuesday 2026-12-01 23:30 Berlin (CET, UTC+1) = 22:30Z; and 00:30 Wednesday.
    expect(windowCovers(weekly, new Date('2026-12-01T22:30:00Z'))).toBe(true);
    expect(windowCovers(weekly, new Date('2026-12-01T23:30:00Z'))).toBe(true);
    expect(windowCovers(weekly, new Date('2026-12-02T01:00:00Z'))).toBe(false);
    expect(windowCovers(weekly, new Date('2026-12-02T22:30:00Z'))).toBe(false); // Wednesday
    // Tuesday 2026-07-07 23:30 CEST (UTC+2) = 21:30Z.
    expect(windowCovers(weekly, new Date('2026-07-07T21:30:00Z'))).toBe(true);
  });
  it('a one-off window covers [start, end)', () => {
    const w: WindowTiming = { ...weekly, recurrence: 'none', startsAt: new Date('2026-12-01T10:00:00Z'), endsAt: new Date('2026-12-01T11:00:00Z') };
    expect(windowCovers(w, new Date('2026-12-01T10:00:00Z'))).toBe(true);
    expect(windowCovers(w, new Date('2026-12-01T11:00:00Z'))).toBe(false);
  });
});

describe('notification policy', () => {
  const base: NotifyContext = { reason: 'triggered', sent: 0, maxNotifications: 3, acknowledged: false, flapping: false, ruleNotificationsOff: false, resourceMuted: false };
  it('holds what maintenance, notifications off, flapping, acknowledgement and the cut-off hold, with the reason', () => {
    expect(decide(base)).toEqual({ send: true });
    expect(decide({ ...base, maintenance: 'patch night' })).toEqual({ send: false, reason: 'maintenance: patch night' });
    expect(decide({ ...base, ruleNotificationsOff: true })).toEqual({ send: false, reason: 'rule notifications off' });
    expect(decide({ ...base, resourceMuted: true })).toEqual({ send: false, reason: 'resource notifications off' });
    expect(decide({ ...base, flapping: true })).toEqual({ send: false, reason: 'flapping' });
    expect(decide({ ...base, reason: 'renotify', sent: 1, acknowledged: true })).toEqual({ send: false, reason: 'acknowledged' });
    expect(decide({ ...base, reason: 'renotify', sent: 3 })).toEqual({ send: false, reason: 'cut-off after 3' });
    expect(decide({ ...base, reason: 'recovered', sent: 3 })).toEqual({ send: true });
    expect(decide({ ...base, reason: 'recovered', sent: 0 })).toEqual({ send: false, reason: null });
  });
});
