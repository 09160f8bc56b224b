import { Injectable } from '@nestjs/common';
import { ReportService } from './report.service';
import { ReportWindow, ReportWindowError, wallClock, zonedTimeToInstant } from './report-window';

/** A chart of a quarter is readable; longer windows belong in a monthly report. */
export const MAX_DAILY_DAYS = 93;

export interface UsageDay {
  /** Calendar date in the window's zone, YYYY-MM-DD. */
  date: string;
  from: Date;
  to: Date;
}

export interface DailySeries {
  projectId: string;
  projectName: string;
  resourceId: string;
  resourceName: string;
  measurementKey: string;
  usageUnit: string;
  /** One figure per day, in the order of `days`: the usage of that day's report line (0 where it had none). */
  usage: number[];
}

export interface DailyUsage {
  clientId: string;
  clientName: string;
  clientBillingRef: string | null;
  days: UsageDay[];
  series: DailySeries[];
}

/** The window cut at each midnight in its zone (a DST day is 23 or 25 hours, as the report bills it). */
export function usageDays(window: ReportWindow): UsageDay[] {
  const days: UsageDay[] = [];
  let start = window.from;
  while (start.getTime() < window.to.getTime()) {
    const w = wallClock(start, window.tz);
    const next = zonedTimeToInstant({ year: w.year, month: w.month, day: w.day + 1, hour: 0, minute: 0, second: 0 }, window.tz);
    const end = next.getTime() < window.to.getTime() ? next : window.to;
    days.push({ date: `${w.year}-${pad(w.month)}-${pad(w.day)}`, from: start, to: end });
    if (days.length > MAX_DAILY_DAYS) {
      throw new ReportWindowError('to', `daily usage covers at most ${MAX_DAILY_DAYS} days; ask for a shorter window or use the report`);
    }
    start = end;
  }
  return days;
}

/**
 * Daily usage per (project, resource, measurement): each day IS a report over that day, so the
 * bars equal the report's figures for the same days by construction (one report query per day,
 * at most MAX_DAILY_DAYS, however many resources).
 */
@Injectable()
export class DailyUsageService {
  constructor(private readonly reports: ReportService) {}

  async daily(clientId: string, window: ReportWindow, measurement?: string, now?: Date): Promise<DailyUsage> {
    const days = usageDays(window);
    const series = new Map<string, DailySeries>();
    let clientName = '';
    let clientBillingRef: string | null = null;
    for (const [i, day] of days.entries()) {
      const header = await this.reports.header({ clientId, window: { from: day.from, to: day.to, tz: window.tz }, now });
      clientName = header.clientName;
      clientBillingRef = header.clientBillingRef;
      for await (const line of this.reports.lines(header)) {
        if (measurement && line.measurementKey !== measurement) continue;
        const key = `${line.resourceId}/${line.measurementId}`;
        let s = series.get(key);
        if (!s) {
          s = {
            projectId: line.projectId, projectName: line.projectName, resourceId: line.resourceId, resourceName: line.resourceName,
            measurementKey: line.measurementKey, usageUnit: line.usageUnit, usage: days.map(() => 0),
          };
          series.set(key, s);
        }
        s.usage[i] = line.usage;
      }
    }
    const ordered = [...series.values()].sort((a, b) =>
      cmp(a.projectName, b.projectName) || cmp(a.resourceName, b.resourceName) || cmp(a.measurementKey, b.measurementKey) || cmp(a.resourceId, b.resourceId));
    return { clientId, clientName, clientBillingRef, days, series: ordered };
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
// Project, resource, measurement in code-point order: a stable legend for the chart.
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
