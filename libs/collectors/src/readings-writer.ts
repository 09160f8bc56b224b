import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { pgCode, PG_UNIQUE_VIOLATION, RunOutcome } from '@tally/database';
import { CollectTargetsService } from '@tally/inventory';
import { PersistReading, PersistSamplesPayload } from '@tally/jobs';
import { SampleRow, SamplesService } from '@tally/metering';
import { DataSource } from 'typeorm';
import { CollectionRunsService } from './collection-runs.service';

const NODE_UP = 'node.up';

/**
 * The persist step: a batch's readings become samples at the slot start and outcomes on the
 * run. Idempotent, since a persist job may run again after a crash or a lost acknowledgement.
 *
 * The first attempt takes a fast path: samples and outcomes are COPYed, in one transaction,
 * with the run's counts added. COPY cannot upsert, so a replay (rows already there) fails it
 * on the unique keys; the batch is then written again by upsert, with counts recomputed.
 * Both paths leave the same rows.
 */
@Injectable()
export class ReadingsWriter {
  constructor(
    private readonly runs: CollectionRunsService,
    private readonly targets: CollectTargetsService,
    private readonly samples: SamplesService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Returns the number of samples written. */
  async persist(job: PersistSamplesPayload): Promise<number> {
    const ts = new Date(job.slot);
    const readings = await this.checked(job.readings, ts);
    const rows: SampleRow[] = [];
    const outcomes: RunOutcome[] = [];
    for (const r of readings) {
      const values = Object.entries(r.values);
      for (const [id, value] of values) rows.push({ resourceId: r.resourceId, measurementId: Number(id), ts, value, bootId: r.bootId ?? null });
      outcomes.push({ target: r.resourceId, ok: r.ok, at: job.at, samples: values.length, ...(r.reason ? { reason: r.reason } : {}) });
    }
    await this.samples.ensurePartitions([ts]);
    try {
      await this.db.transaction(async (tx) => {
        await this.samples.insertNew(rows, tx);
        await this.runs.recordNew(job.runId, outcomes, tx);
      });
    } catch (e) {
      if (pgCode(e) !== PG_UNIQUE_VIOLATION) throw e;
      await this.samples.writeSamples(rows);
      await this.runs.record(job.runId, outcomes);
    }
    return rows.length;
  }

  /** Pins first-contact host keys and notes reboots; a reading from an unexpected host keeps only node.up = 0. */
  private async checked(readings: readonly PersistReading[], ts: Date): Promise<PersistReading[]> {
    const booted = readings.filter((r) => r.ok && r.bootId);
    const previous = booted.length ? await this.previousBootIds(booted.map((r) => r.resourceId), ts) : new Map<string, string>();
    const out: PersistReading[] = [];
    for (const reading of readings) {
      let r = reading;
      if (r.pinHostKey && (await this.targets.pinHostKey(r.resourceId, r.pinHostKey)) === 'mismatch') {
        // Another poll pinned a different key first: this reading came from an unknown host.
        const nodeUp = await this.nodeUpId();
        r = {
          resourceId: r.resourceId, ok: false, reason: `hostkey: host key ${r.pinHostKey} differs from the key pinned meanwhile`,
          values: nodeUp in r.values ? { [nodeUp]: 0 } : {},
        };
      }
      const before = previous.get(r.resourceId);
      if (r.ok && r.bootId && before && before !== r.bootId) {
        r = { ...r, reason: `rebooted since the previous poll (boot id ${before} → ${r.bootId}): counters restart from zero` };
      }
      out.push(r);
    }
    return out;
  }

  private async nodeUpId(): Promise<string> {
    const [row]: { id: number }[] = await this.db.query(`SELECT id FROM measurements WHERE key = $1`, [NODE_UP]);
    return String(row.id);
  }

  /** Each resource's latest boot id before `before`, one indexed lookup per resource. */
  private async previousBootIds(resourceIds: string[], before: Date): Promise<Map<string, string>> {
    const rows: { id: string; boot_id: string | null }[] = await this.db.query(
      `SELECT u.id, (SELECT s.boot_id FROM samples s WHERE s.resource_id = u.id AND s.ts < $2 AND s.boot_id IS NOT NULL
                      ORDER BY s.ts DESC LIMIT 1) AS boot_id
         FROM unnest($1::uuid[]) AS u(id)`,
      [resourceIds, before.toISOString()],
    );
    return new Map(rows.filter((r) => r.boot_id).map((r) => [r.id, r.boot_id!]));
  }
}
