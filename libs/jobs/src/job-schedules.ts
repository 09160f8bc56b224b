import { AppConfig } from '@tally/config';
import { JobProducer } from './job-producer.service';
import { jobOptions } from './job-options';
import { QUEUE_NAMES } from './job-names';
import { recurringJobs } from './schedules';

export interface RegisteredSchedule {
  id: string;
  pattern: string;
  next: Date | null;
}

/**
 * Registers every recurring job under its fixed id. Upserting by id is idempotent, so any
 * number of workers and restarts leave exactly one scheduler per job; schedulers under
 * other ids (left by an older version) are removed so nothing runs twice.
 */
export async function registerSchedules(producer: JobProducer, config: AppConfig): Promise<RegisteredSchedule[]> {
  const specs = recurringJobs(config);
  const result: RegisteredSchedule[] = [];
  for (const spec of specs) {
    const { attempts, backoff, removeOnComplete, removeOnFail } = jobOptions(spec.job, config);
    await producer.queue(spec.queue).upsertJobScheduler(
      spec.id,
      { pattern: spec.pattern, tz: 'UTC' },
      { name: spec.job, data: { trigger: 'schedule' }, opts: { attempts, backoff, removeOnComplete, removeOnFail } },
    );
  }
  for (const queue of QUEUE_NAMES) {
    const q = producer.queue(queue);
    for (const s of await q.getJobSchedulers()) {
      const spec = specs.find((x) => x.id === s.key);
      if (!spec) {
        await q.removeJobScheduler(s.key);
        continue;
      }
      result.push({ id: s.key, pattern: spec.pattern, next: s.next ? new Date(s.next) : null });
    }
  }
  return result;
}
