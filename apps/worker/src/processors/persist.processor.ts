import { Injectable } from '@nestjs/common';
import { AlertTrigger } from '@tally/alerts';
import { ReadingsWriter } from '@tally/collectors';
import { JobOf, OnJob } from '@tally/jobs';

@Injectable()
export class PersistProcessor {
  constructor(
    private readonly writer: ReadingsWriter,
    private readonly alerts: AlertTrigger,
  ) {}

  /** Throws while Postgres is unreachable; the central backoff retries for persistRetryHours. */
  @OnJob('persist-samples')
  async persistSamples(job: JobOf<'persist-samples'>) {
    const written = await this.writer.persist(job.data);
    // After the commit, and only queued: alert evaluation never slows or fails a persist.
    await this.alerts.afterPersist(job);
    return { written };
  }
}
