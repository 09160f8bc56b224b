import { Injectable } from '@nestjs/common';
import { AlertEvaluator } from '@tally/alerts';
import { JobOf, OnJob } from '@tally/jobs';

@Injectable()
export class AlertsProcessor {
  constructor(private readonly evaluator: AlertEvaluator) {}

  /** Throws while Postgres is unreachable; the central backoff retries, and a replay skips series already past ts. */
  @OnJob('evaluate-alerts')
  async evaluate(job: JobOf<'evaluate-alerts'>) {
    return this.evaluator.evaluate(new Date(job.data.ts), job.data.resourceIds, job.data.values);
  }
}
