import { Injectable } from '@nestjs/common';
import { AlertTrigger } from '@tally/alerts';
import { ReadingsHandOff } from '@tally/collectors';
import { JobOf, OnJob } from '@tally/jobs';

@Injectable()
export class PersistProcessor {
  constructor(
    private readonly handOff: ReadingsHandOff,
    private readonly alerts: AlertTrigger,
  ) {}

  /**
   * Throws while Postgres is unreachable; the central backoff retries for persistRetryHours, and
   * the recovery watch promotes the retry as soon as Postgres answers. Drops the spool's copy.
   */
  @OnJob('persist-samples')
  async persistSamples(job: JobOf<'persist-samples'>) {
    const written = await this.handOff.persist(job.id, job.data);
    // After the commit, and only queued: alert evaluation never slows or fails a persist.
    await this.alerts.afterPersist(job);
    return { written };
  }
}
