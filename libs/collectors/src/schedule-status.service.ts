import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AppConfig, InjectConfig } from '@tally/config';
import { CollectionRunEntity, RunKind } from '@tally/database';
import { JobProducer, JOBS, recurringJobs } from '@tally/jobs';
import { Repository } from 'typeorm';
import { SlotLedgerRepository } from './runs/slot-ledger.repository';

export interface ScheduleStatus {
  id: string;
  job: string;
  queue: string;
  pattern: string;
  /** False when no worker has registered it: nothing will run on schedule. */
  registered: boolean;
  next: Date | null;
  lastRun: CollectionRunEntity | null;
  /** `degraded`: collection is owed and this schedule is missing, has another pattern, or is late. */
  status: 'up' | 'degraded';
  /** Why it is degraded. */
  problem?: string;
}

export interface SchedulesHealth {
  status: 'up' | 'degraded';
  problems: string[];
}

/** Is each recurring job registered, when does it fire next, what did its last run do, and is it on time? */
@Injectable()
export class ScheduleStatusService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly producer: JobProducer,
    @InjectRepository(CollectionRunEntity) private readonly runs: Repository<CollectionRunEntity>,
    private readonly ledger: SlotLedgerRepository,
  ) {}

  async list(now = Date.now()): Promise<ScheduleStatus[]> {
    // Judged only once the ledger has begun (a scheduled run exists): before a worker ever ran
    // the schedule, nothing is owed, and an API started ahead of its worker is not degraded.
    const begun = !!(await this.ledger.firstScheduledSlot());
    const late = begun ? await this.lateness(now) : undefined;
    return Promise.all(
      recurringJobs(this.config).map(async (spec) => {
        const scheduler = await this.producer.readNow('the job schedules', () => this.producer.queue(spec.queue).getJobScheduler(spec.id));
        const kind: RunKind = spec.job === JOBS.ganetiPrecache ? 'precache' : 'collect';
        const lastRun = await this.runs.findOne({ where: { kind, trigger: 'schedule' }, order: { slot: 'DESC' } });
        const problem = !begun ? undefined
          : !scheduler ? `job scheduler ${spec.id} is missing (Redis lost it?): nothing runs on schedule until a worker registers it again`
          : scheduler.pattern !== spec.pattern ? `job scheduler ${spec.id} fires at "${scheduler.pattern}", not "${spec.pattern}"`
          : kind === 'collect' ? late
          : undefined;
        return {
          id: spec.id, job: spec.job, queue: spec.queue, pattern: spec.pattern,
          registered: !!scheduler, next: scheduler?.next ? new Date(scheduler.next) : null, lastRun,
          status: problem ? 'degraded' : 'up',
          ...(problem ? { problem } : {}),
        };
      }),
    );
  }

  async health(now = Date.now()): Promise<SchedulesHealth> {
    const problems = (await this.list(now)).flatMap((s) => (s.problem ? [s.problem] : []));
    return { status: problems.length ? 'degraded' : 'up', problems };
  }

  /** Why collection is late: no slot started within one interval plus the grace. */
  private async lateness(now: number): Promise<string | undefined> {
    const { intervalMinutes, scheduleGraceSeconds } = this.config.collection;
    const allowed = intervalMinutes * 60_000 + scheduleGraceSeconds * 1000;
    const last = await this.ledger.lastCollectedSlot();
    if (last && now - last.getTime() <= allowed) return undefined;
    return `collection is late: the last slot collected is ${last ? last.toISOString() : 'none'}, more than one interval `
      + `(${intervalMinutes} min) plus TALLY_SCHEDULE_GRACE_SECONDS (${scheduleGraceSeconds} s) ago`;
  }
}
