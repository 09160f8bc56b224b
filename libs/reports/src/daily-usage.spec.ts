import { MAX_DAILY_DAYS, usageDays } from './daily-usage.service';
import { parseReportWindow } from './report-window';

const iso = (d: Date) => d.toISOString();

describe('usageDays', () => {
  it('cuts at each midnight in the zone, so the day Zurich leaves summer time has 25 hours', () => {
    const days = usageDays(parseReportWindow({ from: '2026-10-24', to: '2026-10-27', tz: 'Europe/Zurich' }));
    expect(days.map((d) => [d.date, iso(d.from), (d.to.getTime() - d.from.getTime()) / 3_600_000])).toEqual([
      ['2026-10-24', '2026-10-23T22:00:00.000Z', 24],
      ['2026-10-25', '2026-10-24T22:00:00.000Z', 25],
      ['2026-10-26', '2026-10-25T23:00:00.000Z', 24],
    ]);
  });

  it('cuts the first and last day at from and to, and the days tile the window', () => {
    const window = parseReportWindow({ from: '2026-10-01T10:30:00Z', to: '2026-10-03T05:00:00Z' });
    const days = usageDays(window);
    expect(days.map((d) => [d.date, iso(d.from), iso(d.to)])).toEqual([
      ['2026-10-01', '2026-10-01T10:30:00.000Z', '2026-10-02T00:00:00.000Z'],
      ['2026-10-02', '2026-10-02T00:00:00.000Z', '2026-10-03T00:00:00.000Z'],
      ['2026-10-03', '2026-10-03T00:00:00.000Z', '2026-10-03T05:00:00.000Z'],
    ]);
  });

  it(`accepts ${MAX_DAILY_DAYS} days and refuses one more, naming to`, () => {
    expect(usageDays(parseReportWindow({ from: '2026-01-01', to: '2026-04-04' }))).toHaveLength(MAX_DAILY_DAYS);
    expect(() => usageDays(parseReportWindow({ from: '2026-01-01', to: '2026-04-05' }))).toThrow(/^to: daily usage covers at most 93 days/);
  });
});
