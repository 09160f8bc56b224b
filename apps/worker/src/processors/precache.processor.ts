import { Injectable } from '@nestjs/common';
import { GanetiPrecacheService } from '@tally/collectors';
import { AppConfig, InjectConfig } from '@tally/config';
import { JobOf, OnJob, preparedSlot, scheduledAt, slotStart } from '@tally/jobs';

@Injectable()
export class PrecacheProcessor {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly precache: GanetiPrecacheService,
  ) {}

  @OnJob('ganeti-precache')
  async precacheClusters(job: JobOf<'ganeti-precache'>) {
    const { intervalMinutes } = this.config.collection;
    const slot = job.data.slot ? slotStart(Date.parse(job.data.slot), intervalMinutes) : preparedSlot(scheduledAt(job), intervalMinutes);
    const run = await this.precache.run(slot, job.data.trigger);
    return { runId: run.id, state: run.state, ok: run.okCount, errors: run.errorCount };
  }
}
