import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, InjectConfig } from '@tally/config';
import { pgCode, PG_UNIQUE_VIOLATION, RunOutcome } from '@tally/database';
import { CollectTargetsService } from '@tally/inventory';
import { PersistReading, PersistSamplesPayload } from '@tally/jobs';
import { closureRule, inSampleRange, isClosed, openUntil, SAMPLE_VALUE_RANGE_TEXT, SampleRow, SamplesService } from '@tally/metering';
import { DataSource } from 'typeorm';
import { CollectionMetrics } from './collection-metrics';
import { CollectionRunsService } from './collection-runs.service';
import { READINGS_HISTORY_SQL, readingsHistoryParams } from './readings-history.sql';

const NODE_UP = 'node.up';

/**
 * The persist step: a batch's readings become samples at the slot start and outcomes on the
 * run. Idempotent, since a persist job may run again after a crash or a lost acknowledgement.
 *
 * The first attempt takes a fast path: samples and outcomes are COPYed, in one transaction,
 * with the run's counts added. COPY cannot upsert, so a replay (rows already there) fails it
 * on the unique keys; the batch is then written again by upsert, with counts recomputed.
 * Both paths leave the same rows.
 *
 * A persist job is the hand-off of readings already taken, so it lands however late it runs
 * (Postgres was down for hours): the values were read while their slot was open. A reading
 * taken after its slot had closed (libs/metering closed-periods.ts) is today's value under an
 * old slot, in a period a report may already call final; it is not stored, and its outcome
 * says why. Values outside the accepted sample range are dropped the same way.
 */
@Injectable()
export class ReadingsWriter {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly runs: CollectionRunsService,
    private readonly targets: CollectTargetsService,
    private readonly samples: SamplesService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly metrics: CollectionMetrics,
  ) {}

  /** Returns the number of samples written. */
  async persist(job: PersistSamplesPayload): Promise<number> {
    const ts = new Date(job.slot);
    // Read after its slot had ended: a resumed run, or a past slot asked for by date. A reading
    // taken in time but persisted late (Postgres was down) is not late: its values are right.
    const late = Date.parse(job.at) > ts.getTime() + this.config.collection.intervalMinutes * 60_000;
    const readings = this.inTime(await this.checked(job.readings, ts, late), ts, job.at);
    const rows: SampleRow[] = [];
    const outcomes: RunOutcome[] = [];
    for (const r of readings) {
      const values = Object.entries(r.values);
      for (const [id, value] of values) rows.push({ resourceId: r.resourceId, measurementId: Number(id), ts, value, bootId: r.bootId ?? null });
      outcomes.push({
        target: r.resourceId, ok: r.ok, at: job.at, samples: values.length, ...(r.reason ? { reason: r.reason } : {}), ...(r.durationMs !== undefined ? { durationMs: r.durationMs } : {}),
      });
    }
    // host.down/host.up follow the node.up values stored, so a reading without one (dropped as late) says nothing.
    const nodeUp = rows.length ? Number(await this.nodeUpId()) : NaN;
    const hosts = new Map(rows.filter((r) => r.measurementId === nodeUp).map((r) => [r.resourceId, r.value === 1]));
    await this.samples.ensurePartitions([ts]);
    try {
      await this.db.transaction(async (tx) => {
        await this.samples.insertNew(rows, tx);
        await this.runs.recordNew(job.runId, outcomes, tx, hosts);
      });
    } catch (e) {
      if (pgCode(e) !== PG_UNIQUE_VIOLATION) throw e;
      await this.samples.writeSamples(rows);
      await this.runs.record(job.runId, outcomes, hosts);
    }
    this.metrics.written(rows.length);
    return rows.length;
  }

  /**
   * Pins first-contact host keys, notes reboots, and keeps counters read late out of the past:
   * a reading from an unexpected host keeps only node.up = 0.
   */
  private async checked(readings: readonly PersistReading[], ts: Date, late: boolean): Promise<PersistReading[]> {
    const booted = readings.filter((r) => r.ok && r.bootId && Object.keys(r.values).length);
    const history = booted.length ? await this.history(booted, ts, late) : new Map<string, History>();
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
      const { previousBootId: before, later } = history.get(r.resourceId) ?? {};
      const notes: string[] = [];
      const outOfRange = Object.entries(r.values).filter(([, v]) => !inSampleRange(v));
      if (outOfRange.length) {
        const keys = await this.measurementKeys();
        r = { ...r, values: Object.fromEntries(Object.entries(r.values).filter(([, v]) => inSampleRange(v))) };
        notes.push(`values outside the accepted range (${SAMPLE_VALUE_RANGE_TEXT}) not stored: `
          + outOfRange.map(([id, v]) => `${keys.get(id) ?? `measurement ${id}`} = ${v}`).join(', '));
      }
      if (r.ok && r.bootId && before && before !== r.bootId) {
        notes.push(`rebooted since the previous poll (boot id ${before} → ${r.bootId}): counters restart from zero`);
      }
      if (r.ok && later) {
        // Read late, for a slot older than samples already stored: today's counter stamped
        // before them would read as a counter reset and bill the whole counter again. Gauges
        // are only late, so they are kept.
        const counters = await this.counterKeys();
        const dropped = Object.keys(r.values).filter((id) => counters.has(id));
        if (dropped.length) {
          r = { ...r, values: Object.fromEntries(Object.entries(r.values).filter(([id]) => !counters.has(id))) };
          notes.push(`read after a later slot was stored: counters not written (${dropped.map((id) => counters.get(id)).join(', ')}), `
            + 'since a value read now but stamped with this slot would look like a counter reset');
        }
      }
      out.push(notes.length ? { ...r, reason: notes.join('; ') } : r);
    }
    return out;
  }

  /** Readings taken after their slot closed keep their outcome but store nothing. */
  private inTime(readings: PersistReading[], ts: Date, at: string): PersistReading[] {
    const rule = closureRule(this.config.collection);
    if (!isClosed(ts, Date.parse(at), rule)) return readings;
    const why = `read at ${at}, after slot ${ts.toISOString()} had closed (${openUntil(ts, rule).toISOString()}): `
      + 'not stored, since reports over it may already be final; add the values with a correction (POST /api/v1/corrections)';
    return readings.map((r) => ({ ...r, values: {}, reason: r.reason ? `${r.reason}; ${why}` : why }));
  }

  /** Built-in ids never change: read once. */
  private nodeUp?: Promise<string>;
  private nodeUpId(): Promise<string> {
    this.nodeUp ??= this.db.query(`SELECT id FROM measurements WHERE key = $1`, [NODE_UP]).then(
      ([row]: { id: number }[]) => String(row.id),
      (e) => {
        this.nodeUp = undefined; // a failed read is tried again next time
        throw e;
      },
    );
    return this.nodeUp;
  }

  /** Every catalog key by id (as readings carry them). */
  private async measurementKeys(): Promise<Map<string, string>> {
    const rows: { id: number; key: string }[] = await this.db.query(`SELECT id, key FROM measurements`);
    return new Map(rows.map((m) => [String(m.id), m.key]));
  }

  /** Counter measurements of the catalog, key by id (as readings carry them). */
  private async counterKeys(): Promise<Map<string, string>> {
    const rows: { id: number; key: string }[] = await this.db.query(`SELECT id, key FROM measurements WHERE kind = 'counter'`);
    return new Map(rows.map((m) => [String(m.id), m.key]));
  }

  /** Per resource: its latest boot id before `ts`, and for a late reading whether a later sample exists (READINGS_HISTORY_SQL). */
  private async history(readings: readonly PersistReading[], ts: Date, late: boolean): Promise<Map<string, History>> {
    // The lowest id is as good a series as any: every value of the reading carries its boot id.
    const series = readings.map((r) => Math.min(...Object.keys(r.values).map(Number)));
    const rows: { id: string; boot_id: string | null; later: boolean }[] = await this.db.query(
      READINGS_HISTORY_SQL,
      readingsHistoryParams(readings.map((r) => r.resourceId), series, ts, late),
    );
    return new Map(rows.map((r) => [r.id, { previousBootId: r.boot_id ?? undefined, later: r.later }]));
  }
}

interface History {
  previousBootId?: string;
  later: boolean;
}
