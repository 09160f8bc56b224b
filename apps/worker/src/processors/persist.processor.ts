import { Injectable } from '@nestjs/common';
import { ReadingsWriter } from '@tally/collectors';
import { JobOf, OnJob } from '@tally/jobs';

@Injectable()
export class PersistProcessor {
  constructor(private readonly writer: ReadingsWriter) {}

  /** Throws while Postgres is unreachable; the central backoff retries for persistRetryHours. */
  @OnJob('persist-samples')
  async persistSamples(job: JobOf<'persist-samples'>) {
    return { written: await this.writer.persist(job.data) };
  }
}
