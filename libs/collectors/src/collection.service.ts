import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, InjectConfig, workerDatabaseShares } from '@tally/config';
import { CollectionRunEntity } from '@tally/database';
import { CollectTargetsService } from '@tally/inventory';
import {
  batchJobId, CollectBatchPayload, CollectResourcesPayload, CollectTargetSnapshot, JobProducer, JOBS, NewJob, PersistReading,
  PersistSamplesPayload, RunTrigger,
} from '@tally/jobs';
import { Semaphore } from '@tally/runtime';
import { BackoffStore } from './backoff';
import { CollectionMetrics } from './collection-metrics';
import { CollectionRunsService, FINISHED_STATES } from './collection-runs.service';
import { CollectPlugin } from './plugins/collect-plugin';
import { PluginRegistry } from './plugins/plugin-registry';
import { ReadingsHandOff } from './pipeline/readings-hand-off';
import { SlotLedgerService } from './runs/slot-ledger.service';

const NODE_UP = 'node.up';
/** Resources per addBulk (one Redis transaction): a few VM batches, or a thousand nodes. */
const TARGETS_PER_ADD = 2_000;
/** Skipped readings per persist job: they carry no values, so one job takes many. */
const SKIPPED_PER_JOB = 500;
/** Skipped readings' persist jobs have ids of their own: a later explicit poll's job for the same resource must not be taken for a replay. */
const SKIPPED_JOB = 'persist-skipped';

/**
 * A slot's collection, in jobs. The fan-out (collect-slot) reads the targets, in batches: one
 * node per batch, up to ganetiBatchSize VMs of one cluster. A batch that contacts hosts becomes
 * a collect-batch job, which polls and hands its readings on as a persist job; a batch a
 * plugin reads from local state (the Ganeti pre-cache) is read by the fan-out itself and
 * handed on the same way, since a job to read a Redis hash would cost more than the read.
 * Persist jobs (ReadingsWriter) write to Postgres; everything before them needs only Redis.
 * Readings are handed on through ReadingsHandOff, which keeps a copy in the disk spool until
 * they are in Postgres.
 * Job ids come from the slot and the batch's resources, so a second trigger adds nothing.
 */
@Injectable()
export class CollectionService {
  private readonly logger = new Logger('Collection');
  /** collect-slot shares its queue (and its concurrency) with the polls; its connections do not stretch as far. */
  private readonly fanOuts: Semaphore;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly runs: CollectionRunsService,
    private readonly targets: CollectTargetsService,
    private readonly plugins: PluginRegistry,
    private readonly producer: JobProducer,
    private readonly handOff: ReadingsHandOff,
    private readonly ledger: SlotLedgerService,
    private readonly metrics: CollectionMetrics,
    private readonly backoff: BackoffStore,
  ) {
    this.fanOuts = new Semaphore(workerDatabaseShares(config).fanOuts);
  }

  /**
   * A slot's fan-out, then the pruning of old outcomes, holding a fan-out permit: a backlog of
   * slots waits here in line rather than for the pool, where each fan-out would hold one
   * connection and wait for its second.
   */
  async collectSlot(slot: Date, trigger: RunTrigger): Promise<{ run: CollectionRunEntity; outcomesPruned: number }> {
    return this.fanOuts.use(async () => {
      const run = await this.fanOut(slot, trigger);
      return { run, outcomesPruned: await this.pruneOutcomes() };
    });
  }

  /** Runs `work` holding a fan-out permit: the slot ledger's reconciliation counts against the fan-outs' share of the pool. */
  withFanOutPermit<T>(work: () => Promise<T>): Promise<T> {
    return this.fanOuts.use(work);
  }

  async fanOut(slot: Date, trigger: RunTrigger): Promise<CollectionRunEntity> {
    const { run } = await this.runs.ensure('collect', slot, trigger);
    if (FINISHED_STATES.includes(run.state)) return run;
    // A job that waited out an outage until its slot closed would poll for nothing (persist
    // stores no reading taken after the close): the slot goes into the ledger as missed.
    if (run.state === 'queued' && this.ledger.isClosed(slot) && (await this.ledger.markMissed(slot))) return this.runs.get(run.id);
    // After a crash mid-slot, only resources without an outcome are collected again.
    const done = await this.runs.targetsDone(run.id);
    const out = new SlotOutput({ runId: run.id, slot: slot.toISOString() }, this.producer, this.handOff);
    let started = run;
    let total = 0;
    await this.targets.readCollectable(
      this.plugins.types,
      done,
      async (count) => {
        total = count;
        started = await this.runs.start(run.id, total);
      },
      async (group) => {
        const pending = group.filter((t) => !done.has(t.resourceId));
        if (pending.length) await this.enqueue(out, await this.skipBackingOff(out, slot, pending));
      },
    );
    await this.flush(out);
    this.logger.log({ slot: slot.toISOString(), runId: run.id, total, queued: out.queued, skipped: out.skippedCount }, 'collection fanned out');
    return started;
  }

  /**
   * Late additions to a slot (POST /collections with resourceIds). Once the slot's run has
   * finished, those of these resources without an outcome in it become its targets and are
   * collected as the fan-out's are. Returns null while the run is unfinished (the caller waits
   * and asks again: the fan-out may or may not hold them), else the resources added.
   * `markAdded` records them on the job before anything is enqueued, so a retry after a crash
   * enqueues them again instead of waiting for a run that they themselves keep open.
   * A small fan-out: it takes a fan-out permit too.
   */
  addResources(job: CollectResourcesPayload, markAdded: (ids: string[]) => Promise<void>): Promise<string[] | null> {
    return this.fanOuts.use(() => this.addNow(job, markAdded));
  }

  private async addNow(job: CollectResourcesPayload, markAdded: (ids: string[]) => Promise<void>): Promise<string[] | null> {
    const slot = new Date(job.slot);
    const { run } = await this.runs.ensure('collect', slot, job.trigger);
    let added = job.added;
    if (!added) {
      const pending = await this.runs.addTargets(run.id, job.resourceIds);
      if (pending === null) return null;
      await markAdded((added = pending));
    }
    if (!added.length) return added;
    const targets = await this.targets.readTargets(this.plugins.types, added);
    const found = new Set(targets.map((t) => t.resourceId));
    const gone = added.filter((id) => !found.has(id));
    const at = new Date().toISOString();
    const reason = 'not collected: deactivated or deleted after it was asked for';
    if (gone.length) await this.runs.record(run.id, gone.map((target) => ({ target, ok: false, reason, at })));
    const out = new SlotOutput({ runId: run.id, slot: slot.toISOString() }, this.producer, this.handOff);
    const byType = new Map<string, CollectTargetSnapshot[]>();
    for (const t of targets) byType.set(t.type, [...(byType.get(t.type) ?? []), t]);
    for (const group of byType.values()) await this.enqueue(out, group);
    await this.flush(out);
    this.logger.log({ slot: slot.toISOString(), runId: run.id, added: added.length, queued: out.queued, gone: gone.length }, 'resources added to a collection');
    return added;
  }

  /**
   * Hosts failing slot after slot are polled with backoff (libs/collectors/src/backoff): their
   * skipped slots become outcomes with the reason, persisted like any reading. Only the
   * scheduled fan-out skips; an explicit request for resources always polls them.
   */
  private async skipBackingOff(out: SlotOutput, slot: Date, targets: CollectTargetSnapshot[]): Promise<CollectTargetSnapshot[]> {
    if (this.plugins.for(targets[0].type).local) return targets;
    const { poll, skipped } = await this.backoff.sort(slot, targets);
    out.skippedCount += skipped.length;
    out.skipped.push(...skipped);
    while (out.skipped.length >= SKIPPED_PER_JOB) await out.queue.persist(this.persistJob(out.run, out.skipped.splice(0, SKIPPED_PER_JOB), SKIPPED_JOB), SKIPPED_PER_JOB);
    return poll;
  }

  /** One plugin's targets, cut into its batches: jobs for hosts to contact, readings of local state buffered. */
  private async enqueue(out: SlotOutput, targets: CollectTargetSnapshot[]): Promise<void> {
    if (!targets.length) return;
    const plugin = this.plugins.for(targets[0].type);
    for (const batch of batches(plugin, targets)) {
      if (plugin.local) {
        // Read per cluster, written in batches that may span clusters: many small
        // clusters still make few, full persist jobs.
        const buffer = out.readings(plugin);
        buffer.push(...(await this.read(plugin, batch)));
        while (buffer.length >= plugin.batchSize) await out.queue.persist(this.persistJob(out.run, buffer.splice(0, plugin.batchSize)), plugin.batchSize);
      } else {
        const data = { ...out.run, type: plugin.resourceType, targets: batch };
        await out.queue.collect({ jobId: batchJobId(JOBS.collectBatch, new Date(out.run.slot), batch.map((t) => t.resourceId)), data }, batch.length);
      }
      out.queued += batch.length;
    }
  }

  private async flush(out: SlotOutput): Promise<void> {
    if (out.skipped.length) await out.queue.persist(this.persistJob(out.run, out.skipped.splice(0), SKIPPED_JOB), 0);
    for (const readings of out.local.values()) if (readings.length) await out.queue.persist(this.persistJob(out.run, readings), readings.length);
    await out.queue.flush();
  }

  /**
   * Per-target outcomes are kept TALLY_RUN_OUTCOME_RETENTION_DAYS (one row per resource per
   * slot: 100,000 resources make 4.8 million a day), counted from when their run finished;
   * runs and their counts stay. Run after each fan-out. A failure is logged and never fails
   * the slot: the next slot prunes again.
   */
  async pruneOutcomes(): Promise<number> {
    const before = new Date(Date.now() - this.config.collection.outcomeRetentionDays * 86_400_000);
    try {
      const pruned = await this.runs.pruneOutcomes(before);
      if (pruned) this.logger.log({ before: before.toISOString(), pruned }, 'old run outcomes pruned');
      return pruned;
    } catch (err) {
      this.logger.warn({ err, before: before.toISOString() }, 'pruning old run outcomes failed; the next slot tries again');
      return 0;
    }
  }

  /** Reads a batch and hands its readings on durably as one persist job; throws only when infrastructure fails. */
  async poll(job: CollectBatchPayload): Promise<PersistSamplesPayload> {
    const persist = this.persistJob(job, await this.read(this.plugins.for(job.type), job.targets, new Date(job.slot)));
    await this.handOff.handOff([persist]);
    return persist.data;
  }

  /**
   * The last attempt of a poll failed on infrastructure (a credential unreadable for the
   * whole retry window, Redis gone): record that as each resource's outcome so the run still
   * finishes. A node is recorded as down.
   */
  async giveUp(job: CollectBatchPayload, error: unknown): Promise<PersistSamplesPayload> {
    const reason = `not polled, retries exhausted: ${(error as Error)?.message ?? String(error)}`;
    const persist = this.persistJob(job, job.targets.map((target): PersistReading => {
      const nodeUp = target.type === 'node' ? target.measurements[NODE_UP] : undefined;
      return { resourceId: target.resourceId, ok: false, reason, values: nodeUp !== undefined ? { [nodeUp]: 0 } : {} };
    }));
    await this.handOff.handOff([persist]);
    this.metrics.polled(this.plugins.for(job.type).name, job.targets.map(() => ({ ok: false, failure: 'retries-exhausted' })));
    return persist.data;
  }

  /** A batch's readings, keeping only the values of measurements each resource has. */
  private async read(plugin: CollectPlugin, targets: readonly CollectTargetSnapshot[], polledSlot?: Date): Promise<PersistReading[]> {
    const began = Date.now();
    const readings = await plugin.collect(targets);
    // A batch of hosts is polled in parallel: each took about as long as the batch (nodes: batches of one).
    const durationMs = plugin.local ? undefined : Date.now() - began;
    this.metrics.polled(plugin.name, readings);
    // Before the hand-off: a crash in between polls again, and the same slot counts once.
    if (polledSlot) await this.backoff.observe(polledSlot, targets, readings);
    return targets.map((target, i): PersistReading => {
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
        ...(durationMs !== undefined ? { durationMs } : {}),
      };
    });
  }

  /** One persist job for these readings, its id from the slot and their resources. */
  private persistJob(run: { runId: string; slot: string }, readings: PersistReading[], idKind: string = JOBS.persistSamples): NewJob<'persist-samples'> {
    return {
      jobId: batchJobId(idKind, new Date(run.slot), readings.map((r) => r.resourceId)),
      data: { runId: run.runId, slot: run.slot, at: new Date().toISOString(), readings },
    };
  }
}

/** What one fan-out (or one addition) is producing: its jobs, and readings of local state not yet handed on. */
class SlotOutput {
  readonly queue: Enqueuer;
  readonly local = new Map<CollectPlugin, PersistReading[]>();
  /** Outcomes of hosts skipped while backing off, not yet handed on. */
  readonly skipped: PersistReading[] = [];
  skippedCount = 0;
  queued = 0;

  constructor(
    readonly run: { runId: string; slot: string },
    producer: JobProducer,
    handOff: ReadingsHandOff,
  ) {
    this.queue = new Enqueuer(producer, handOff);
  }

  readings(plugin: CollectPlugin): PersistReading[] {
    let buffer = this.local.get(plugin);
    if (!buffer) this.local.set(plugin, (buffer = []));
    return buffer;
  }
}

/**
 * Jobs added a few thousand resources at a time (one Redis transaction each): the first
 * batches start while the fan-out still reads, and no one transaction carries a large slot.
 */
class Enqueuer {
  private collects: NewJob<'collect-batch'>[] = [];
  private persists: NewJob<'persist-samples'>[] = [];
  private resources = 0;

  constructor(
    private readonly producer: JobProducer,
    private readonly handOff: ReadingsHandOff,
  ) {}

  async collect(job: NewJob<'collect-batch'>, resources: number): Promise<void> {
    this.collects.push(job);
    await this.counted(resources);
  }

  async persist(job: NewJob<'persist-samples'>, resources: number): Promise<void> {
    this.persists.push(job);
    await this.counted(resources);
  }

  async flush(): Promise<void> {
    const [collects, persists] = [this.collects, this.persists];
    [this.collects, this.persists, this.resources] = [[], [], 0];
    await this.producer.addBulk(JOBS.collectBatch, collects);
    await this.handOff.handOff(persists);
  }

  private async counted(resources: number): Promise<void> {
    this.resources += resources;
    if (this.resources >= TARGETS_PER_ADD) await this.flush();
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
