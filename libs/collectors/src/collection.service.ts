import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CollectionRunEntity } from '@tally/database';
import { CollectTarget, CollectTargetsService } from '@tally/inventory';
import {
  CollectResourcePayload, CollectTargetSnapshot, JobProducer, JOBS, PersistSamplesPayload, RunTrigger, slotJobId,
} from '@tally/jobs';
import { SamplesService } from '@tally/metering';
import { DataSource } from 'typeorm';
import { CollectionRunsService, FINISHED_STATES } from './collection-runs.service';
import { PluginRegistry } from './plugins/plugin-registry';

const NODE_UP = 'node.up';

/**
 * A slot's collection in three steps, each a job: fan out (one child per resource, ids from
 * slot and resource so a second trigger adds nothing), poll (reads the host or the cache and
 * hands the reading on as a persist job), persist (upserts samples at the slot start and
 * records the outcome). Polls need no Postgres; persists wait for it.
 */
@Injectable()
export class CollectionService {
  private readonly logger = new Logger('Collection');

  constructor(
    private readonly runs: CollectionRunsService,
    private readonly targets: CollectTargetsService,
    private readonly plugins: PluginRegistry,
    private readonly samples: SamplesService,
    private readonly producer: JobProducer,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async fanOut(slot: Date, trigger: RunTrigger): Promise<CollectionRunEntity> {
    const { run } = await this.runs.ensure('collect', slot, trigger);
    if (FINISHED_STATES.includes(run.state)) return run;
    const targets: CollectTarget[] = [];
    for (const type of this.plugins.types) targets.push(...(await this.targets.collectable(type as 'ganeti-vm' | 'node')));
    // After a crash mid-slot, only resources without an outcome are polled again.
    const done = await this.runs.targetsDone(run.id);
    const pending = targets.filter((t) => !done.has(t.resource.id));
    const total = new Set([...done, ...targets.map((t) => t.resource.id)]).size;
    const started = await this.runs.start(run.id, total);
    await this.producer.addBulk(
      JOBS.collectResource,
      pending.map((t) => ({
        jobId: slotJobId(JOBS.collectResource, slot, t.resource.id),
        data: { runId: run.id, slot: slot.toISOString(), target: snapshot(t) },
      })),
    );
    this.logger.log({ slot: slot.toISOString(), runId: run.id, total, queued: pending.length }, 'collection fanned out');
    return started;
  }

  /** Reads one resource and hands the reading on durably; throws only when infrastructure fails. */
  async poll(job: CollectResourcePayload): Promise<PersistSamplesPayload> {
    const { target } = job;
    const reading = await this.plugins.for(target.type).collect(target);
    const wanted = new Map(target.measurements.map((m) => [m.key, m.id]));
    const samples = Object.entries(reading.values)
      .filter(([key, value]) => wanted.has(key) && Number.isFinite(value))
      .map(([key, value]) => ({ measurementId: wanted.get(key)!, key, value, bootId: reading.bootId ?? null }));
    const persist: PersistSamplesPayload = {
      runId: job.runId,
      slot: job.slot,
      resourceId: target.resourceId,
      outcome: { ok: reading.ok, at: new Date().toISOString(), ...(reading.reason ? { reason: reading.reason } : {}) },
      samples,
      ...(reading.pinHostKey ? { pinHostKey: reading.pinHostKey } : {}),
    };
    await this.producer.add(JOBS.persistSamples, { jobId: slotJobId(JOBS.persistSamples, new Date(job.slot), target.resourceId), data: persist });
    return persist;
  }

  /**
   * The last attempt of a poll failed on infrastructure (its credential unreadable for the
   * whole retry window): record that as the resource's outcome so the run still finishes.
   */
  async giveUp(job: CollectResourcePayload, error: unknown): Promise<PersistSamplesPayload> {
    const nodeUp = job.target.measurements.find((m) => m.key === NODE_UP);
    const persist: PersistSamplesPayload = {
      runId: job.runId,
      slot: job.slot,
      resourceId: job.target.resourceId,
      outcome: { ok: false, at: new Date().toISOString(), reason: `not polled, retries exhausted: ${(error as Error)?.message ?? String(error)}` },
      samples: nodeUp && job.target.type === 'node' ? [{ measurementId: nodeUp.id, key: NODE_UP, value: 0, bootId: null }] : [],
    };
    await this.producer.add(JOBS.persistSamples, { jobId: slotJobId(JOBS.persistSamples, new Date(job.slot), job.target.resourceId), data: persist });
    return persist;
  }

  /** Idempotent: samples upsert on their natural key at the slot start, outcomes merge by resource. */
  async persist(job: PersistSamplesPayload): Promise<number> {
    let { outcome, samples } = job;
    if (job.pinHostKey) {
      const check = await this.targets.pinHostKey(job.resourceId, job.pinHostKey);
      if (check === 'mismatch') {
        // Another poll pinned a different key first: this reading came from an unknown host.
        outcome = { ok: false, at: outcome.at, reason: `hostkey: host key ${job.pinHostKey} differs from the key pinned meanwhile` };
        samples = samples.filter((s) => s.key === NODE_UP).map((s) => ({ ...s, value: 0 }));
      }
    }
    const ts = new Date(job.slot);
    const bootId = samples.find((s) => s.bootId)?.bootId;
    if (outcome.ok && bootId) {
      const previous = await this.previousBootId(job.resourceId, ts);
      if (previous && previous !== bootId) {
        outcome = { ...outcome, reason: `rebooted since the previous poll (boot id ${previous} → ${bootId}): counters restart from zero` };
      }
    }
    const written = await this.samples.writeSamples(
      samples.map((s) => ({ resourceId: job.resourceId, measurementId: s.measurementId, ts, value: s.value, bootId: s.bootId ?? null })),
    );
    await this.runs.record(job.runId, [{ target: job.resourceId, ok: outcome.ok, at: outcome.at, samples: written, ...(outcome.reason ? { reason: outcome.reason } : {}) }]);
    return written;
  }

  private async previousBootId(resourceId: string, before: Date): Promise<string | null> {
    const [row] = await this.db.query(
      `SELECT boot_id FROM samples WHERE resource_id = $1 AND ts < $2 AND boot_id IS NOT NULL ORDER BY ts DESC LIMIT 1`,
      [resourceId, before.toISOString()],
    );
    return row?.boot_id ?? null;
  }
}

function snapshot(t: CollectTarget): CollectTargetSnapshot {
  const r = t.resource;
  return {
    resourceId: r.id,
    type: r.type,
    name: r.name,
    clusterFqdn: r.clusterFqdn,
    ssh: r.sshHost && r.sshUser
      ? { host: r.sshHost, port: r.sshPort ?? 22, user: r.sshUser, credentialId: r.credentialId, hostKeySha256: r.hostKeySha256 }
      : null,
    measurements: t.measurements,
  };
}
