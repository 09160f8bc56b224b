import { wallClock, zonedTimeToInstant } from '@tally/reports';

export type Recurrence = 'none' | 'daily' | 'weekly';

/** A maintenance window's timing, as maintenance_windows stores it. */
export interface WindowTiming {
  startsAt: Date;
  /** One-off: the end. Recurring: when the recurrence stops; null for never. */
  endsAt: Date | null;
  recurrence: Recurrence;
  /** Weekly: ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  /** Recurring: local start "HH:MM" in timeZone. */
  startTime: string | null;
  durationMinutes: number | null;
  timeZone: string;
}

const DAY_MS = 86_400_000;

/**
 * Whether the window covers instant `t`. A recurring occurrence starts at startTime on each
 * matching local day (so it follows daylight saving time) and may run past midnight, so the
 * occurrences of the day before are checked too.
 */
export function windowCovers(w: WindowTiming, t: Date): boolean {
  const at = t.getTime();
  if (at < w.startsAt.getTime()) return false;
  if (w.recurrence === 'none') return w.endsAt === null || at < w.endsAt.getTime();
  if (w.endsAt !== null && at >= w.endsAt.getTime()) return false;
  if (!w.startTime || !w.durationMinutes) return false;
  const [hour, minute] = w.startTime.split(':').map(Number);
  for (const back of [0, 1, 2]) {
    const day = wallClock(new Date(at - back * DAY_MS), w.timeZone);
    if (w.recurrence === 'weekly' && !w.weekdays.includes(isoWeekday(day.year, day.month, day.day))) continue;
    const start = zonedTimeToInstant({ year: day.year, month: day.month, day: day.day, hour, minute, second: 0 }, w.timeZone).getTime();
    if (start <= at && at < start + w.durationMinutes * 60_000) return true;
  }
  return false;
}

function isoWeekday(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return d === 0 ? 7 : d;
}
