import { Injectable, Logger } from '@nestjs/common';
import { CollectionRunEntity } from '@tally/database';
import { CollectTargetsService } from '@tally/inventory';
import {
  batchJobId, CollectBatchPayload, CollectTargetSnapshot, JobProducer, JOBS, NewJob, PersistReading, PersistSamplesPayload, RunTrigger,
} from '@tally/jobs';
import { CollectionRunsService, FINISHED_STATES } from './collection-runs.service';
import { CollectPlugin } from './plugins/collect-plugin';
import { PluginRegistry } from './plugins/plugin-registry';

const NODE_UP = 'node.up';
/** Resources per addBulk (one Redis transaction): a few VM batches, or a thousand nodes. */
const TARGETS_PER_ADD = 2_000;

/**
 * A slot's collection in three steps, each a job: fan out (targets in batches: one node per
 * job, up to ganetiBatchSize VMs of one cluster per job; ids from slot and resources so a
 * second trigger adds nothing), poll (reads the hosts or the cache and hands the readings on
 * as one persist job), persist (ReadingsWriter). Polls need no Postgres; persists wait for it.
 */
@Injectable()
export class CollectionService {
  private readonly logger = new Logger('Collection');

  constructor(
    private readonly runs: CollectionRunsService,
    private readonly targets: CollectTargetsService,
    private readonly plugins: PluginRegistry,
    private readonly producer: JobProducer,
  ) {}

  async fanOut(slot: Date, trigger: RunTrigger): Promise<CollectionRunEntity> {
    const { run } = await this.runs.ensure('collect', slot, trigger);
    if (FINISHED_STATES.includes(run.state)) return run;
    // After a crash mid-slot, only resources without an outcome are polled again.
    const done = await this.runs.targetsDone(run.id);
    let started = run;
    let total = 0;
    let queued = 0;
    let jobs: NewJob<'collect-batch'>[] = [];
    let inJobs = 0;
    const flush = async () => {
      await this.producer.addBulk(JOBS.collectBatch, jobs);
      [jobs, inJobs] = [[], 0];
    };
    await this.targets.readCollectable(
      this.plugins.types,
      async (ids) => {
        total = new Set([...done, ...ids]).size;
        started = await this.runs.start(run.id, total);
      },
      async (group) => {
        const pending = group.filter((t) => !done.has(t.resourceId));
        if (!pending.length) return;
        const type = pending[0].type;
        for (const batch of batches(this.plugins.for(type), pending)) {
          jobs.push({
            jobId: batchJobId(JOBS.collectBatch, slot, batch.map((t) => t.resourceId)),
            data: { runId: run.id, slot: slot.toISOString(), type, targets: batch },
          });
          queued += batch.length;
          inJobs += batch.length;
          // A few thousand resources per Redis transaction: the first polls start while the
          // rest is still being read, and no one transaction carries a whole large slot.
          if (inJobs >= TARGETS_PER_ADD) await flush();
        }
      },
    );
    await flush();
    this.logger.log({ slot: slot.toISOString(), runId: run.id, total, queued }, 'collection fanned out');
    return started;
  }

  /** Reads a batch and hands its readings on durably as one persist job; throws only when infrastructure fails. */
  async poll(job: CollectBatchPayload): Promise<PersistSamplesPayload> {
    const readings = await this.plugins.for(job.type).collect(job.targets);
    return this.handOn(job, job.targets.map((target, i): PersistReading => {
      const reading = readings[i];
      const values: Record<string, number> = {};
      for (const [key, value] of Object.entries(reading.values)) {
        const id = target.measurements[key];
        if (id !== undefined && Number.isFinite(value)) values[id] = value;
      }
      return {
        resourceId: target.resourceId,
        ok: reading.ok,
        ...(reading.reason ? { reason: reading.reason } : {}),
        values,
        ...(reading.bootId ? { bootId: reading.bootId } : {}),
        ...(reading.pinHostKey ? { pinHostKey: reading.pinHostKey } : {}),
      };
    }));
  }

  /**
   * The last attempt of a poll failed on infrastructure (a credential unreadable for the
   * whole retry window, Redis gone): record that as each resource's outcome so the run still
   * finishes. A node is recorded as down.
   */
  async giveUp(job: CollectBatchPayload, error: unknown): Promise<PersistSamplesPayload> {
    const reason = `not polled, retries exhausted: ${(error as Error)?.message ?? String(error)}`;
    return this.handOn(job, job.targets.map((target): PersistReading => {
      const nodeUp = target.type === 'node' ? target.measurements[NODE_UP] : undefined;
      return { resourceId: target.resourceId, ok: false, reason, values: nodeUp !== undefined ? { [nodeUp]: 0 } : {} };
    }));
  }

  private async handOn(job: CollectBatchPayload, readings: PersistReading[]): Promise<PersistSamplesPayload> {
    const persist: PersistSamplesPayload = { runId: job.runId, slot: job.slot, at: new Date().toISOString(), readings };
    const jobId = batchJobId(JOBS.persistSamples, new Date(job.slot), job.targets.map((t) => t.resourceId));
    await this.producer.add(JOBS.persistSamples, { jobId, data: persist });
    return persist;
  }
}

/** Targets cut into the plugin's batches: same batch key, at most batchSize each, in order. */
export function batches(plugin: Pick<CollectPlugin, 'batchSize' | 'batchKey'>, targets: readonly CollectTargetSnapshot[]): CollectTargetSnapshot[][] {
  const groups = new Map<string, CollectTargetSnapshot[]>();
  for (const t of targets) {
    const key = plugin.batchKey(t);
    const group = groups.get(key);
    if (group) group.push(t);
    else groups.set(key, [t]);
  }
  const out: CollectTargetSnapshot[][] = [];
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i += plugin.batchSize) out.push(group.slice(i, i + plugin.batchSize));
  }
  return out;
}
