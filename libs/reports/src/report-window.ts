import { BadRequestException } from '@nestjs/common';

/**
 * Query parameters → the instants of a report window [from, to).
 *
 * - `tz`: an IANA zone (Europe/Berlin); default UTC. It only changes how DATES are read.
 * - `from`/`to`: a date `YYYY-MM-DD` (midnight at the start of that day in `tz`; `to` is
 *   exclusive, so from=2026-10-01&to=2026-11-01 is October) or an ISO 8601 timestamp with `Z`
 *   or an offset. A `+` that a URL turned into a space ("…T00:00:00 02:00") is read as `+`.
 *   A timestamp without an offset is refused: it would silently depend on the server's zone.
 * - Defaults: to = now, from = to − 30 days. At most 3 calendar years.
 */

export interface ReportWindowQuery {
  from?: string;
  to?: string;
  tz?: string;
}

export interface ReportWindow {
  from: Date;
  to: Date;
  /** Canonical zone name as Intl reports it (e.g. "UTC", "Europe/Berlin"). */
  tz: string;
}

/** Bad window input; a 400 in the API whose message names the parameter. */
export class ReportWindowError extends BadRequestException {
  constructor(
    readonly param: 'from' | 'to' | 'tz',
    message: string,
  ) {
    super(`${param}: ${message}`);
    this.name = 'ReportWindowError';
  }
}

export const DEFAULT_WINDOW_DAYS = 30;
export const MAX_WINDOW_YEARS = 3;
const DAY_MS = 86_400_000;

export function parseReportWindow(query: ReportWindowQuery, now: Date = new Date()): ReportWindow {
  const tz = resolveTimeZone(query.tz);
  const to = query.to?.trim() ? parseInstant(query.to, tz, 'to') : now;
  const from = query.from?.trim() ? parseInstant(query.from, tz, 'from') : new Date(to.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS);
  if (to.getTime() <= from.getTime()) {
    throw new ReportWindowError('to', `must be after from (from=${from.toISOString()}, to=${to.toISOString()})`);
  }
  const f = wallClock(from, tz);
  const limit = zonedTimeToInstant({ ...f, year: f.year + MAX_WINDOW_YEARS }, tz);
  if (to.getTime() > limit.getTime()) {
    throw new ReportWindowError('to', `the window may span at most ${MAX_WINDOW_YEARS} years (from + ${MAX_WINDOW_YEARS} years = ${limit.toISOString()})`);
  }
  return { from, to, tz };
}

/** The calendar month before the one `now` falls in, midnight to midnight in `tz`. */
export function lastCalendarMonth(now: Date, tz = 'UTC'): ReportWindow {
  const zone = resolveTimeZone(tz);
  const { year, month } = wallClock(now, zone);
  return calendarMonth(month === 1 ? year - 1 : year, month === 1 ? 12 : month - 1, zone);
}

/** Calendar month `month` (1–12) of `year`, [first midnight, next month's first midnight) in `tz`. */
export function calendarMonth(year: number, month: number, tz = 'UTC'): ReportWindow {
  const zone = resolveTimeZone(tz);
  const from = startOfDay(year, month, 1, zone);
  const to = month === 12 ? startOfDay(year + 1, 1, 1, zone) : startOfDay(year, month + 1, 1, zone);
  return { from, to, tz: zone };
}

/** Validates an IANA zone and returns its canonical spelling; empty means UTC. */
export function resolveTimeZone(tz: string | undefined): string {
  const name = tz?.trim() || 'UTC';
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    throw new ReportWindowError('tz', `unknown time zone "${name}"; use an IANA name such as UTC or Europe/Berlin`);
  }
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+\- ])(\d{2}):?(\d{2}))?$/;

function parseInstant(raw: string, tz: string, param: 'from' | 'to'): Date {
  const text = raw.trim();
  const hint = 'expected a date YYYY-MM-DD or a timestamp like 2026-10-01T00:00:00Z or 2026-10-01T00:00:00+02:00';
  const date = DATE_RE.exec(text);
  if (date) {
    const [year, month, day] = date.slice(1, 4).map(Number);
    if (!validDate(year, month, day)) throw new ReportWindowError(param, `"${raw}" is not a real calendar date; ${hint}`);
    return startOfDay(year, month, day, tz);
  }
  const m = TIMESTAMP_RE.exec(text);
  if (!m) throw new ReportWindowError(param, `cannot read "${raw}"; ${hint}`);
  const [year, month, day, hour, minute] = m.slice(1, 6).map(Number);
  const second = m[6] ? Number(m[6]) : 0;
  const ms = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0;
  if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 59) {
    throw new ReportWindowError(param, `"${raw}" is not a real date and time; ${hint}`);
  }
  if (!m[8] && !m[9]) throw new ReportWindowError(param, `"${raw}" has no zone; add Z or an offset such as +02:00, or give a date YYYY-MM-DD`);
  let offsetMin = 0;
  if (m[9]) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) throw new ReportWindowError(param, `"${raw}" has an invalid offset; ${hint}`);
    offsetMin = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMin * 60_000);
}

function validDate(year: number, month: number, day: number): boolean {
  if (year < 1970 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock reading of an instant in `tz` (whole seconds). */
export function wallClock(instant: Date, tz: string): WallClock {
  let fmt = formatters.get(tz);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, fmt);
  }
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** Midnights in `tz` strictly inside (from, to): where the days of a window begin (FOCUS charge periods). */
export function dayStarts(from: Date, to: Date, tz: string): number[] {
  const starts: number[] = [];
  let w = wallClock(from, tz);
  for (;;) {
    const next = new Date(Date.UTC(w.year, w.month - 1, w.day + 1));
    const at = startOfDay(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), tz).getTime();
    if (at >= to.getTime()) return starts;
    starts.push(at);
    w = { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0, second: 0 };
  }
}

/** An instant as ISO 8601 wall-clock time in `tz` with that zone's offset: `2026-10-01T00:00:00+02:00`. */
export function isoInZone(instant: Date, tz: string): string {
  const w = wallClock(instant, tz);
  const p = (n: number) => String(n).padStart(2, '0');
  const offsetMin = Math.round(offsetAt(instant.getTime(), tz) / 60_000);
  const abs = Math.abs(offsetMin);
  const zone = `${offsetMin < 0 ? '-' : '+'}${p(Math.floor(abs / 60))}:${p(abs % 60)}`;
  return `${String(w.year).padStart(4, '0')}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}:${p(w.second)}${zone}`;
}

/** Offset of `tz` from UTC at an instant, in ms (Berlin in summer: +7 200 000). */
function offsetAt(ms: number, tz: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const w = wallClock(new Date(whole), tz);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - whole;
}

/**
 * The instant a wall-clock time names in `tz`. The offsets a day before and after cover any
 * DST change near it: when the time occurs twice (fall back) the earlier is taken; when it
 * does not exist (spring forward) the instant the clocks jumped is taken, which for a
 * midnight is when that day really starts.
 */
export function zonedTimeToInstant(w: WallClock, tz: string): Date {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const before = offsetAt(asUtc - DAY_MS, tz);
  const after = offsetAt(asUtc + DAY_MS, tz);
  const candidates = [asUtc - before, asUtc - after].filter((t) => t + offsetAt(t, tz) === asUtc);
  if (candidates.length) return new Date(Math.min(...candidates));
  return new Date(asUtc - before);
}

function startOfDay(year: number, month: number, day: number, tz: string): Date {
  return zonedTimeToInstant({ year, month, day, hour: 0, minute: 0, second: 0 }, tz);
}
