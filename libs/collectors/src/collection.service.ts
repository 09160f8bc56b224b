import { Injectable, Logger } from '@nestjs/common';
import { CollectionRunEntity } from '@tally/database';
import { CollectTargetsService } from '@tally/inventory';
import {
  batchJobId, CollectBatchPayload, CollectTargetSnapshot, JobProducer, JOBS, PersistReading, PersistSamplesPayload, RunTrigger,
} from '@tally/jobs';
import { CollectionRunsService, FINISHED_STATES } from './collection-runs.service';
import { CollectPlugin } from './plugins/collect-plugin';
import { PluginRegistry } from './plugins/plugin-registry';

const NODE_UP = 'node.up';
/** Jobs per addBulk: one Redis transaction each, so a 10,000-node fan-out never blocks Redis in one. */
const JOBS_PER_ADD = 1_000;

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
    const byType = new Map<string, CollectTargetSnapshot[]>();
    for (const type of this.plugins.types) byType.set(type, await this.targets.collectable(type as 'ganeti-vm' | 'node'));
    // After a crash mid-slot, only resources without an outcome are polled again.
    const done = await this.runs.targetsDone(run.id);
    const all = [...byType.values()].flat();
    const total = new Set([...done, ...all.map((t) => t.resourceId)]).size;
    const started = await this.runs.start(run.id, total);
    const jobs = [];
    for (const [type, targets] of byType) {
      for (const batch of batches(this.plugins.for(type), targets.filter((t) => !done.has(t.resourceId)))) {
        jobs.push({
          jobId: batchJobId(JOBS.collectBatch, slot, batch.map((t) => t.resourceId)),
          data: { runId: run.id, slot: slot.toISOString(), type, targets: batch },
        });
      }
    }
    for (let i = 0; i < jobs.length; i += JOBS_PER_ADD) await this.producer.addBulk(JOBS.collectBatch, jobs.slice(i, i + JOBS_PER_ADD));
    const queued = total - done.size;
    this.logger.log({ slot: slot.toISOString(), runId: run.id, total, queued, jobs: jobs.length }, 'collection fanned out');
    return started;
  }

  /** Reads a batch and hands its readings on durably as one persist job; throws only when infrastructure fails. */
  async poll(job: CollectBatchPayload): Promise<PersistSamplesPayload> {
    const readings = await this.plugins.for(job.type).collect(job.targets);
    const at = new Date().toISOString();
    return this.handOn(job, job.targets.map((target, i): PersistReading => {
      const reading = readings[i];
      const wanted = new Map(target.measurements.map((m) => [m.key, m.id]));
      return {
        resourceId: target.resourceId,
        outcome: { ok: reading.ok, at, ...(reading.reason ? { reason: reading.reason } : {}) },
        samples: Object.entries(reading.values)
          .filter(([key, value]) => wanted.has(key) && Number.isFinite(value))
          .map(([key, value]) => ({ measurementId: wanted.get(key)!, key, value, bootId: reading.bootId ?? null })),
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
    const at = new Date().toISOString();
    return this.handOn(job, job.targets.map((target): PersistReading => {
      const nodeUp = target.type === 'node' ? target.measurements.find((m) => m.key === NODE_UP) : undefined;
      return {
        resourceId: target.resourceId,
        outcome: { ok: false, at, reason },
        samples: nodeUp ? [{ measurementId: nodeUp.id, key: NODE_UP, value: 0, bootId: null }] : [],
      };
    }));
  }

  private async handOn(job: CollectBatchPayload, readings: PersistReading[]): Promise<PersistSamplesPayload> {
    const persist: PersistSamplesPayload = { runId: job.runId, slot: job.slot, readings };
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
