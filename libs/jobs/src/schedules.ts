import { AppConfig } from '@tally/config';
import { JOBS, JobName, QueueName, QUEUES, SCHEDULERS } from './job-names';

export interface ScheduleSpec {
  id: string;
  queue: QueueName;
  job: JobName;
  /** Six-field cron (seconds first), evaluated in UTC. */
  pattern: string;
}

/** Times of day (minutes after midnight) that are `offset` before a multiple of `interval`. */
function timesOfDay(interval: number, offset: number): number[] {
  const times: number[] = [];
  for (let t = 0; t < 1440; t += interval) times.push((t - offset + 1440) % 1440);
  return times.sort((a, b) => a - b);
}

/**
 * A cron pattern firing `offsetMinutes` before every slot start. Slots tile the day, so the
 * interval must divide an hour, or be whole hours dividing a day; anything else cannot be
 * one cron expression and is refused at boot rather than silently drifting.
 */
export function cronFor(intervalMinutes: number, offsetMinutes: number): string {
  const interval = intervalMinutes;
  if (60 % interval === 0) {
    const minutes = [...new Set(timesOfDay(interval, offsetMinutes).map((t) => t % 60))].sort((a, b) => a - b);
    return `0 ${minutes.join(',')} * * * *`;
  }
  if (interval % 60 === 0 && 1440 % interval === 0) {
    const times = timesOfDay(interval, offsetMinutes);
    const hours = times.map((t) => Math.floor(t / 60));
    return `0 ${times[0] % 60} ${hours.join(',')} * * *`;
  }
  throw new Error(
    `collection interval of ${interval} minutes cannot be scheduled: use a divisor of 60, or whole hours dividing 24 (TALLY_COLLECT_INTERVAL_MINUTES)`,
  );
}

/** Every recurring job, from one place: the pre-cache `lead` minutes before each collection. */
export function recurringJobs(config: AppConfig): ScheduleSpec[] {
  const { intervalMinutes, precacheLeadMinutes } = config.collection;
  return [
    { id: SCHEDULERS.precache, queue: QUEUES.precache, job: JOBS.ganetiPrecache, pattern: cronFor(intervalMinutes, precacheLeadMinutes) },
    { id: SCHEDULERS.collect, queue: QUEUES.collect, job: JOBS.collectSlot, pattern: cronFor(intervalMinutes, 0) },
  ];
}
