import { Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@tally/config';
import { calendarMonth, ReportService, wallClock } from '@tally/reports';

/**
 * A client's usage of one measurement in the calendar month `at` falls in, in `tz`, up to the
 * end of the slot at `at`: the report's own numbers (libs/reports), so a budget alert and the
 * invoice never disagree.
 */
@Injectable()
export class BudgetUsage {
  constructor(
    private readonly reports: ReportService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async monthToDate(clientId: string, measurement: string, tz: string, at: Date): Promise<number> {
    const { year, month } = wallClock(at, tz);
    const window = calendarMonth(year, month, tz);
    const slotEnd = at.getTime() + this.config.collection.intervalMinutes * 60_000;
    const to = new Date(Math.min(window.to.getTime(), slotEnd));
    const header = await this.reports.header({ clientId, window: { ...window, to }, now: to });
    let usage = 0;
    for await (const line of this.reports.lines(header)) if (line.measurementKey === measurement) usage += line.usage;
    return usage;
  }
}
