import { Injectable } from '@nestjs/common';
import { CollectionService } from '@tally/collectors';
import { AppConfig, InjectConfig } from '@tally/config';
import { JobOf, OnJob, scheduledAt, slotStart } from '@tally/jobs';

@Injectable()
export class CollectProcessor {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly collection: CollectionService,
  ) {}

  @OnJob('collect-slot')
  async collectSlot(job: JobOf<'collect-slot'>) {
    const at = job.data.slot ? Date.parse(job.data.slot) : scheduledAt(job);
    const run = await this.collection.fanOut(slotStart(at, this.config.collection.intervalMinutes), job.data.trigger);
    const outcomesPruned = await this.collection.pruneOutcomes();
    return { runId: run.id, slot: run.slot.toISOString(), total: run.total, outcomesPruned };
  }

  @OnJob('collect-batch')
  async collectBatch(job: JobOf<'collect-batch'>) {
    let persist;
    try {
      persist = await this.collection.poll(job.data);
    } catch (e) {
      if (job.attemptsMade + 1 < (job.opts.attempts ?? 1)) throw e;
      persist = await this.collection.giveUp(job.data, e);
    }
    // The result is what an operator sees in a queue dashboard: no values, no secrets.
    const failed = persist.readings.filter((r) => !r.ok);
    return {
      resources: persist.readings.length,
      ok: persist.readings.length - failed.length,
      samples: persist.readings.reduce((n, r) => n + Object.keys(r.values).length, 0),
      ...(failed.length ? { firstError: failed[0].reason } : {}),
    };
  }
}
