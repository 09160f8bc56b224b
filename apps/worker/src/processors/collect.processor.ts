import { Injectable } from '@nestjs/common';
import { CollectionService, RecoveryWatch } from '@tally/collectors';
import { AppConfig, InjectConfig } from '@tally/config';
import { JobOf, OnJob, scheduledAt, slotStart } from '@tally/jobs';
import { DelayedError, UnrecoverableError } from 'bullmq';

/** How often an addition looks again whether its slot's run has finished. */
const RUN_CHECK_MS = 2_000;

@Injectable()
export class CollectProcessor {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly collection: CollectionService,
    private readonly recovery: RecoveryWatch,
  ) {}

  @OnJob('collect-slot')
  async collectSlot(job: JobOf<'collect-slot'>) {
    const at = job.data.slot ? Date.parse(job.data.slot) : scheduledAt(job);
    // A fan-out failing on Postgres is retried as soon as Postgres answers, not at its next backoff step.
    const { run, outcomesPruned } = await this.collection.collectSlot(slotStart(at, this.config.collection.intervalMinutes), job.data.trigger)
      .catch(async (e) => {
        await this.recovery.postgresFailed();
        throw e;
      });
    return { runId: run.id, slot: run.slot.toISOString(), total: run.total, outcomesPruned };
  }

  /**
   * Waits (in the delayed set, holding no worker slot) while the slot's run is unfinished, then
   * adds the resources to it. Gives up once it has waited as long as a persist retries: a run
   * still open then is stuck, and resuming the slot (POST /collections) collects them too.
   */
  @OnJob('collect-resources')
  async collectResources(job: JobOf<'collect-resources'>, token?: string) {
    const added = await this.collection.addResources(job.data, (ids) => job.updateData({ ...job.data, added: ids }));
    if (added) return { slot: job.data.slot, asked: job.data.resourceIds.length, added: added.length };
    if (Date.now() - job.timestamp > this.config.collection.persistRetryHours * 3_600_000) {
      throw new UnrecoverableError(`the run of slot ${job.data.slot} did not finish within ${this.config.collection.persistRetryHours} h; trigger the slot again to resume it`);
    }
    await job.moveToDelayed(Date.now() + RUN_CHECK_MS, token);
    throw new DelayedError();
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
