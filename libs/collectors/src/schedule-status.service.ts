import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AppConfig, InjectConfig } from '@tally/config';
import { CollectionRunEntity, RunKind } from '@tally/database';
import { JobProducer, JOBS, recurringJobs } from '@tally/jobs';
import { Repository } from 'typeorm';

export interface ScheduleStatus {
  id: string;
  job: string;
  queue: string;
  pattern: string;
  /** False when no worker has registered it: nothing will run on schedule. */
  registered: boolean;
  next: Date | null;
  lastRun: CollectionRunEntity | null;
}

/** Is each recurring job registered, when does it fire next, and what did its last run do? */
@Injectable()
export class ScheduleStatusService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly producer: JobProducer,
    @InjectRepository(CollectionRunEntity) private readonly runs: Repository<CollectionRunEntity>,
  ) {}

  async list(): Promise<ScheduleStatus[]> {
    return Promise.all(
      recurringJobs(this.config).map(async (spec) => {
        const scheduler = await this.producer.readNow('the job schedules', () => this.producer.queue(spec.queue).getJobScheduler(spec.id));
        const kind: RunKind = spec.job === JOBS.ganetiPrecache ? 'precache' : 'collect';
        const lastRun = await this.runs.findOne({ where: { kind, trigger: 'schedule' }, order: { slot: 'DESC' } });
        return {
          id: spec.id, job: spec.job, queue: spec.queue, pattern: spec.pattern,
          registered: !!scheduler, next: scheduler?.next ? new Date(scheduler.next) : null, lastRun,
        };
      }),
    );
  }
}
