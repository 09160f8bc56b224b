import { calendarMonth, dayStarts, isoInZone, lastCalendarMonth, parseReportWindow, ReportWindowError } from './report-window';

const NOW = new Date('2026-11-23T19:00:00Z');
const iso = (d: Date) => d.toISOString();

function errorOf(fn: () => unknown): ReportWindowError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ReportWindowError) return e;
    throw e;
  }
  throw new Error('expected a ReportWindowError');
}

describe('parseReportWindow', () => {
  it('defaults to the 30 days before now, in UTC', () => {
    const w = parseReportWindow({}, NOW);
    expect(iso(w.to)).toBe('2026-11-23T19:00:00.000Z');
    expect(iso(w.from)).toBe('2026-10-24T19:00:00.000Z');
    expect(w.tz).toBe('UTC');
  });

  it('reads dates as midnight in UTC, `to` exclusive', () => {
    const w = parseReportWindow({ from: '2026-10-01', to: '2026-11-01' }, NOW);
    expect([iso(w.from), iso(w.to)]).toEqual(['2026-10-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z']);
  });

  it('reads dates as midnight in the given zone, on either side of a DST change', () => {
    // October in Berlin: starts in summer time (UTC+2), ends in winter time (UTC+1)
    const w = parseReportWindow({ from: '2026-10-01', to: '2026-11-01', tz: 'Europe/Berlin' }, NOW);
    expect([iso(w.from), iso(w.to), w.tz]).toEqual(['2026-09-30T22:00:00.000Z', '2026-10-31T23:00:00.000Z', 'Europe/Berlin']);
    const ny = parseReportWindow({ from: '2026-03-08', to: '2026-03-09', tz: 'America/New_York' }, NOW);
    expect([iso(ny.from), iso(ny.to)]).toEqual(['2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
  });

  it('starts a day whose midnight does not exist when the clocks jump (Santiago, 2026-09-06)', () => {
    const w = parseReportWindow({ from: '2026-09-06', to: '2026-09-07', tz: 'America/Santiago' }, NOW);
    expect(iso(w.from)).toBe('2026-09-06T04:00:00.000Z'); // 01:00 -03, the first instant of that day
    expect(iso(w.to)).toBe('2026-09-07T03:00:00.000Z');
  });

  it('reads timestamps with Z or an offset, and a "+" a URL turned into a space', () => {
    expect(iso(parseReportWindow({ from: '2026-10-01T00:00:00+02:00', to: '2026-10-02T00:00:00Z' }, NOW).from)).toBe('2026-09-30T22:00:00.000Z');
    expect(iso(parseReportWindow({ from: '2026-10-01T00:00:00 02:00', to: '2026-10-02T00:00:00Z' }, NOW).from)).toBe('2026-09-30T22:00:00.000Z');
    expect(iso(parseReportWindow({ from: '2026-10-01T10:30-0530', to: '2026-10-02T00:00:00Z' }, NOW).from)).toBe('2026-10-01T16:00:00.000Z');
    expect(iso(parseReportWindow({ from: '2026-10-01T00:00:00.123456Z', to: '2026-10-02' }, NOW).from)).toBe('2026-10-01T00:00:00.123Z');
  });

  it('fills a missing end with now and a missing start with 30 days before the end', () => {
    const onlyFrom = parseReportWindow({ from: '2026-11-01' }, NOW);
    expect(iso(onlyFrom.to)).toBe(iso(NOW));
    const onlyTo = parseReportWindow({ to: '2026-11-01' }, NOW);
    expect(iso(onlyTo.from)).toBe('2026-10-02T00:00:00.000Z');
  });

  it('allows exactly 3 years and refuses a day more, naming `to`', () => {
    expect(() => parseReportWindow({ from: '2023-01-01', to: '2026-01-01' }, NOW)).not.toThrow();
    const e = errorOf(() => parseReportWindow({ from: '2023-01-01', to: '2026-01-02' }, NOW));
    expect(e.param).toBe('to');
    expect(e.message).toMatch(/at most 3 years/);
  });

  it.each([
    [{ tz: 'Mars/Olympus' }, 'tz', /unknown time zone "Mars\/Olympus"/],
    [{ from: 'yesterday' }, 'from', /cannot read "yesterday"/],
    [{ to: '2026-13-01' }, 'to', /cannot read|not a real/],
    [{ from: '2026-02-30' }, 'from', /not a real calendar date/],
    [{ from: '2026-10-01T00:00:00' }, 'from', /has no zone/],
    [{ from: '2026-10-01T25:00:00Z' }, 'from', /not a real date and time/],
    [{ from: '2026-11-01', to: '2026-11-01' }, 'to', /must be after from/],
    [{ from: '2026-11-02', to: '2026-11-01' }, 'to', /must be after from/],
  ])('rejects %j on %s', (query, param, message) => {
    const e = errorOf(() => parseReportWindow(query, NOW));
    expect(e.param).toBe(param);
    expect(e.message).toMatch(message);
    expect(e.message.startsWith(`${param}: `)).toBe(true);
    expect(e.getStatus()).toBe(400);
  });
});

describe('calendar months', () => {
  it('last calendar month in Berlin, even late on the last day in UTC', () => {
    const w = lastCalendarMonth(NOW, 'Europe/Berlin');
    expect([iso(w.from), iso(w.to)]).toEqual(['2026-09-30T22:00:00.000Z', '2026-10-31T23:00:00.000Z']);
    // 2026-10-31T23:30Z is already 1 November in Berlin → last month is October
    expect(iso(lastCalendarMonth(new Date('2026-10-31T23:30:00Z'), 'Europe/Berlin').from)).toBe('2026-09-30T22:00:00.000Z');
    // …but in UTC it is still October → last month is September
    expect(iso(lastCalendarMonth(new Date('2026-10-31T23:30:00Z')).from)).toBe('2026-09-01T00:00:00.000Z');
  });

  it('January rolls back to December of the previous year', () => {
    const w = lastCalendarMonth(new Date('2027-01-15T12:00:00Z'));
    expect([iso(w.from), iso(w.to)]).toEqual(['2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
    expect(iso(calendarMonth(2026, 12, 'UTC').to)).toBe('2027-01-01T00:00:00.000Z');
  });
});

describe('dayStarts', () => {
  it('lists the midnights in the zone strictly inside the window, across a DST change', () => {
    const from = new Date('2026-10-24T22:00:00Z'); // 25 Oct 00:00 CEST
    const to = new Date('2026-10-27T23:00:00Z'); // 28 Oct 00:00 CET
    expect(dayStarts(from, to, 'Europe/Berlin').map((t) => new Date(t).toISOString())).toEqual([
      '2026-10-25T23:00:00.000Z', '2026-10-26T23:00:00.000Z', // the 25th has 25 hours
    ]);
    expect(dayStarts(new Date('2026-10-01T00:00:00Z'), new Date('2026-10-01T02:00:00Z'), 'UTC')).toEqual([]);
    expect(dayStarts(new Date('2026-10-01T00:30:00Z'), new Date('2026-10-03T00:00:00Z'), 'UTC')).toEqual([Date.parse('2026-10-02T00:00:00Z')]);
  });

  it('writes an instant as wall-clock time with the zone offset', () => {
    expect(isoInZone(new Date('2026-10-24T22:00:00Z'), 'Europe/Berlin')).toBe('2026-10-25T00:00:00+02:00');
    expect(isoInZone(new Date('2026-10-27T23:00:00Z'), 'Europe/Berlin')).toBe('2026-10-28T00:00:00+01:00');
    expect(isoInZone(new Date('2026-10-01T00:00:00Z'), 'America/St_Johns')).toBe('2026-09-30T21:30:00-02:30');
  });
});
