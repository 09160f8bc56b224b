import { BadRequestException, ConflictException, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@tally/config';
import { COLLECTED_RESOURCE_TYPES, CollectionRunEntity } from '@tally/database';
import { badRequest, CollectTargetsService } from '@tally/inventory';
import { batchJobId, JobProducer, JOBS, preparedSlot, slotJobId, slotStart } from '@tally/jobs';
import { closedBefore, closureRule, isClosed, openUntil } from '@tally/metering';
import { CollectionRunsService } from './collection-runs.service';
import { isStuck, resumeJobOptions } from './runs/slot-ledger';

const AGAIN = 'The run is recorded as queued: trigger the same slot again once Redis is back, and that enqueues it (a repeated trigger never collects a slot twice).';

/** What the API does to start work now: create or find the run, enqueue, never process. */
@Injectable()
export class CollectionTriggerService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly runs: CollectionRunsService,
    private readonly targets: CollectTargetsService,
    private readonly producer: JobProducer,
  ) {}

  /**
   * Enqueues now or says why not. The API's Redis client (RedisModule 'fails-fast') never
   * buffers a command while disconnected nor resends one after a reconnect, so a job that was
   * refused here is not added later behind the caller's back. Only a command Redis received
   * but never answered in time is in doubt, and the message says so.
   */
  private async enqueued<T>(work: () => Promise<T>): Promise<T> {
    const unsent = `The job queue (Redis) is not reachable, so nothing was enqueued. ${AGAIN}`;
    if (!this.producer.isConnected()) throw new ServiceUnavailableException(unsent);
    try {
      return await work();
    } catch (e) {
      const reason = (e as Error).message;
      // Refused before it was written: certain. Anything else happened after it may have reached Redis.
      if (/isn't writeable/.test(reason)) throw new ServiceUnavailableException(unsent);
      throw new ServiceUnavailableException(
        `The job queue (Redis) failed while taking the job (${reason}), so it was probably not enqueued ` +
          `(if Redis did take it, the run goes ahead as usual). ${AGAIN}`,
      );
    }
  }

  /**
   * Collects the slot containing `at` (default now). `created: false` when it was already
   * triggered. With `resourceIds`, those resources are also collected into that slot's run
   * whatever else has claimed it: once its collection has finished, each of them that has no
   * outcome in it yet is added to it (a resource is collected at most once per slot).
   */
  async collect(at?: Date, resourceIds: readonly string[] = []): Promise<{ run: CollectionRunEntity; created: boolean }> {
    const now = Date.now();
    if (at && at.getTime() > now) throw new BadRequestException('slot must not be in the future');
    const ids = [...new Set(resourceIds)].sort();
    const why = ids.length ? await this.targets.notCollectable(COLLECTED_RESOURCE_TYPES, ids) : new Map();
    if (why.size) throw badRequest('resourceIds', [...why.values()].join('; '));
    const slot = slotStart((at ?? new Date(now)).getTime(), this.config.collection.intervalMinutes);
    // A run stamps its samples at the slot start: once that is closed, a report may be final on it.
    const rule = closureRule(this.config.collection);
    if (isClosed(slot, now, rule)) {
      const before = closedBefore(now, rule).toISOString();
      throw new ConflictException({
        message: `slot: ${slot.toISOString()} closed at ${openUntil(slot, rule).toISOString()} (data before ${before} is final), `
          + 'so no collection may write into it; change closed data with POST /api/v1/corrections',
        closedBefore: before,
      });
    }
    const { run, created } = await this.runs.ensure('collect', slot, 'api', { resourceIds: ids });
    const data = { trigger: 'api' as const, slot: slot.toISOString() };
    // Also for an existing run still queued: the first enqueue may have been lost with Redis.
    // The job id makes this a no-op when the job exists.
    if (created || run.state === 'queued') {
      await this.enqueued(() => this.producer.add(JOBS.collectSlot, { jobId: slotJobId(JOBS.collectSlot, slot, 'api'), data }));
    } else if (isStuck(run, now, this.config.collection.intervalMinutes)) {
      // Resumed: a fan-out collecting only the resources without an outcome (the reconciler
      // does the same by itself; one resume at a time per slot).
      await this.enqueued(() => this.producer.add(JOBS.collectSlot, { data, opts: resumeJobOptions(slot) }));
    }
    if (ids.length) {
      // The same resources asked for again while the first request waits are one job.
      const dedup = batchJobId('add', slot, ids);
      await this.enqueued(() => this.producer.add(JOBS.collectResources, { data: { ...data, resourceIds: ids }, opts: { deduplication: { id: dedup } } }));
    }
    return { run, created };
  }

  /** Refreshes the Ganeti cache now, for the next slot; one pending refresh at a time. */
  async precache(): Promise<CollectionRunEntity> {
    const slot = preparedSlot(Date.now(), this.config.collection.intervalMinutes);
    const { run } = await this.runs.ensure('precache', slot, 'api', {});
    // Requeued before enqueueing, so a fast worker's result is never overwritten with 'queued'.
    const queued = await this.runs.requeue(run.id);
    await this.enqueued(() => this.producer.add(JOBS.ganetiPrecache, {
      data: { trigger: 'api', slot: slot.toISOString() },
      opts: { deduplication: { id: 'ganeti-precache-api' } },
    }));
    return queued;
  }
}
