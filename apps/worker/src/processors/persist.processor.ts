import { Injectable } from '@nestjs/common';
import { CollectionService } from '@tally/collectors';
import { JobOf, OnJob } from '@tally/jobs';

@Injectable()
export class PersistProcessor {
  constructor(private readonly collection: CollectionService) {}

  /** Throws while Postgres is unreachable; the central backoff retries for persistRetryHours. */
  @OnJob('persist-samples')
  async persistSamples(job: JobOf<'persist-samples'>) {
    return { written: await this.collection.persist(job.data) };
  }
}
