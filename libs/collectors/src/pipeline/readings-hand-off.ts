import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@tally/config';
import { RunOutcome } from '@tally/database';
import { JobProducer, JOBS, NewJob, PersistSamplesPayload, QUEUES } from '@tally/jobs';
import { Semaphore } from '@tally/runtime';
import { CollectionRunsService } from '../collection-runs.service';
import { ReadingsWriter } from '../readings-writer';
import { ReadingsSpool } from './readings-spool';
import { RecoveryWatch } from './recovery-watch';

/** How often the spool is looked through for entries whose hand-off did not hold. */
export const SWEEP_EVERY_MS = 5_000;
/** An entry handed to Redis is first checked this long after it was written, then less and less often. */
const FIRST_CHECK_MS = 10_000;
const MAX_CHECK_MS = 60_000;
const STATE_TIMEOUT_MS = 2_000;
const GAUGE_EVERY_MS = 60_000;

type Due = { at: number; checks: number };

/**
 * The persist step's hand-off, with the spool as its safety copy. A poll's readings are written
 * to the spool (fsynced) and then handed to Redis as a persist job; the poll counts as done only
 * after both, or after the spool alone when Redis cannot take them in time. The entry stays
 * until its readings are in Postgres: removed by whichever persist writes them, or found by the
 * sweep and written from the spool when its job is gone (Redis wiped), failed, or never reached
 * Redis. Every write goes through ReadingsWriter, which upserts on the samples' natural key, so a
 * reading written both from its job and from the spool changes nothing the second time.
 */
@Injectable()
export class ReadingsHandOff implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('HandOff');
  /** Persists and replays share the persist share of the pool (workerDatabaseShares). */
  private readonly permits: Semaphore;
  /** Entries being written or handed on right now: the sweep leaves them alone. */
  private readonly busy = new Set<string>();
  private readonly due = new Map<string, Due>();
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  private again = false;
  private stopping = false;
  private gaugeLoggedAt = 0;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly spool: ReadingsSpool,
    private readonly producer: JobProducer,
    private readonly writer: ReadingsWriter,
    private readonly runs: CollectionRunsService,
    private readonly watch: RecoveryWatch,
  ) {
    this.permits = new Semaphore(config.collection.persistConcurrency);
  }

  onApplicationBootstrap(): void {
    // Entries left by an earlier run are checked at once: their jobs may be gone with a wiped Redis.
    for (const id of this.spool.ids()) this.due.set(id, { at: 0, checks: 0 });
    this.watch.onRecovered(() => this.sweep(true));
    this.timer = setInterval(() => void this.sweep(false), SWEEP_EVERY_MS);
    this.timer.unref();
    void this.sweep(false);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** Spools these persist jobs, then hands them to Redis. Resolves once their readings are durable somewhere. */
  async handOff(jobs: NewJob<'persist-samples'>[]): Promise<void> {
    if (!jobs.length) return;
    const ids = jobs.map((j) => j.jobId!);
    ids.forEach((id) => this.busy.add(id));
    let handed = false;
    try {
      const { bytes, maxBytes } = this.spool.stats();
      let why = `the local spool is full (${bytes} of ${maxBytes} bytes, TALLY_SPOOL_MAX_BYTES)`;
      let refused: string[];
      try {
        ({ refused } = await this.spool.put(jobs.map((j) => ({ jobId: j.jobId!, data: j.data }))));
      } catch (err) {
        // A disk that fails (ENOSPC, EIO) is a spool that refuses: Redis may still take them.
        this.logger.error({ err, dir: this.spool.dir }, 'could not write readings to the spool');
        why = `the local spool could not be written (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
        refused = ids;
      }
      handed = await this.toRedis(jobs);
      if (!handed) ids.forEach((id) => this.due.set(id, { at: 0, checks: 0 }));
      if (refused.length && handed) {
        this.logger.warn({ jobs: refused.length, ...this.spool.stats() }, `readings handed to Redis without a local copy: ${why}`);
      } else if (refused.length) {
        await this.recordRefused(jobs.filter((j) => refused.includes(j.jobId!)), why);
      }
    } finally {
      ids.forEach((id) => this.busy.delete(id));
    }
    // Not handed on: written from the spool now, if Postgres answers.
    if (!handed) void this.sweep(false);
  }

  /**
   * Writes a persist job's readings to Postgres and then drops its spool copy. Used by the persist
   * job and by the replay. A failure tells the watch, which starts probing if Postgres is down.
   */
  async persist(jobId: string | undefined, data: PersistSamplesPayload): Promise<number> {
    if (jobId) this.busy.add(jobId);
    try {
      const written = await this.permits.use(() => this.writer.persist(data));
      if (jobId) {
        await this.spool.remove(jobId);
        this.due.delete(jobId);
      }
      return written;
    } catch (e) {
      await this.watch.postgresFailed();
      throw e;
    } finally {
      if (jobId) this.busy.delete(jobId);
    }
  }

  private async toRedis(jobs: NewJob<'persist-samples'>[]): Promise<boolean> {
    // A command sent while disconnected would wait in the client's queue for Redis to return.
    if (!this.producer.isConnected()) {
      this.logger.warn({ jobs: jobs.length }, 'Redis unreachable: readings not handed on; the spool writes what it holds to Postgres');
      return false;
    }
    let timer: NodeJS.Timeout | undefined;
    const timeoutMs = this.config.collection.spool.handOffTimeoutMs;
    try {
      await Promise.race([
        this.producer.addBulk(JOBS.persistSamples, jobs),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs))),
      ]);
      return true;
    } catch (err) {
      this.logger.warn({ err, jobs: jobs.length }, 'Redis did not take the readings; the spool writes what it holds to Postgres');
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Neither Redis nor the spool took these readings: they are lost, and their run says so, per
   * resource, so the slot still finishes and nobody reads the gap as a quiet host. Throws when
   * even that cannot be recorded, so the poll fails loudly and is retried when it can be.
   */
  private async recordRefused(jobs: NewJob<'persist-samples'>[], why: string): Promise<void> {
    const reason = `not stored: Redis did not take the readings and ${why}`;
    try {
      for (const { data } of jobs) {
        const outcomes: RunOutcome[] = data.readings.map((r) => ({ target: r.resourceId, ok: false, reason, samples: 0, at: data.at }));
        await this.permits.use(() => this.runs.record(data.runId, outcomes));
      }
      this.logger.error({ jobs: jobs.length, resources: jobs.reduce((n, j) => n + j.data.readings.length, 0) }, reason);
    } catch (err) {
      this.logger.error({ err, jobs: jobs.length }, `${reason}; recording that on the run failed too`);
      throw new Error(`${reason}, and the run could not record it: ${(err as Error).message}`);
    }
  }

  /**
   * Looks through the spool: an entry whose job completed is dropped; one whose job is gone,
   * failed for good or never reached Redis is written from the spool. Entries handed on are
   * checked less and less often while their jobs wait (Postgres down); `all` checks every one
   * now (a dependency came back, or Redis may have come back empty).
   */
  sweep(all: boolean): Promise<void> {
    if (this.stopping) return Promise.resolve();
    if (this.sweeping) {
      this.again ||= all;
      return this.sweeping;
    }
    this.sweeping = this.sweepOnce(all)
      .catch((err) => this.logger.warn({ err }, 'spool sweep failed; the next one tries again'))
      .finally(() => {
        this.sweeping = undefined;
        if (this.again && !this.stopping) {
          this.again = false;
          void this.sweep(true);
        }
      });
    return this.sweeping;
  }

  private async sweepOnce(all: boolean): Promise<void> {
    await this.spool.rescan();
    const now = Date.now();
    const stats = this.spool.stats();
    // The gauge, in the log while entries wait longer than a hand-off takes.
    if (stats.entries && now - this.gaugeLoggedAt >= GAUGE_EVERY_MS) {
      this.gaugeLoggedAt = now;
      this.logger.log(stats, 'spool holds readings not yet in Postgres');
    }
    const queue = this.producer.queue(QUEUES.persist);
    for (const jobId of this.spool.ids()) {
      if (this.stopping) return;
      if (this.busy.has(jobId)) continue;
      let due = this.due.get(jobId);
      if (!due) this.due.set(jobId, (due = { at: now + FIRST_CHECK_MS, checks: 0 }));
      if (!all && due.at > now) continue;
      if (this.producer.isConnected()) {
        const state = await withTimeout(queue.getJobState(jobId), STATE_TIMEOUT_MS).catch(() => undefined);
        if (state === 'completed') {
          await this.spool.remove(jobId);
          this.due.delete(jobId);
          continue;
        }
        if (state !== 'unknown' && state !== 'failed') {
          // Waiting, active or retrying (or Redis did not answer): its job still holds it.
          due.checks++;
          due.at = now + Math.min(MAX_CHECK_MS, FIRST_CHECK_MS * 2 ** due.checks);
          continue;
        }
      }
      if (this.watch.postgresDown()) return; // the watch sweeps again when Postgres answers
      if (!(await this.replay(jobId))) return;
    }
  }

  /** Writes one entry from the spool; false when Postgres is down, so the sweep stops there. */
  private async replay(jobId: string): Promise<boolean> {
    const entry = await this.spool.read(jobId);
    if (!entry) return true;
    try {
      const written = await this.persist(jobId, entry.data);
      this.logger.log({ jobId, runId: entry.data.runId, slot: entry.data.slot, written }, 'readings written from the spool');
      return true;
    } catch (err) {
      if (this.watch.postgresDown()) return false;
      const due = this.due.get(jobId) ?? { at: 0, checks: 0 };
      due.checks++;
      due.at = Date.now() + MAX_CHECK_MS;
      this.due.set(jobId, due);
      this.logger.warn({ err, jobId, runId: entry.data.runId }, 'could not write spooled readings; kept, tried again in a minute');
      return true;
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))),
  ]).finally(() => clearTimeout(timer));
}
