import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DatabaseHealth } from '@tally/database';
import { InjectRedis, JobProducer, QUEUES } from '@tally/jobs';
import Redis from 'ioredis';
import { Dependency } from '../runs/outage-log';

/** How often Postgres is probed while it is known to be down. */
export const POSTGRES_PROBE_MS = 1_000;
/** Delayed jobs of the collect queue looked at per page when promoting retries. */
const PAGE = 500;

type Listener = (back: Dependency) => Promise<void>;

/**
 * Notices when Postgres or Redis comes back, so that what waits for them runs now instead of at
 * its next backoff step (up to 5 minutes later). Redis: the worker's connection turning `ready`
 * after it was lost. Postgres: a failed write probes it on a connection of its own; when that
 * probe fails too, it is probed every second until it answers. Then the retries waiting in the
 * delayed sets are promoted and listeners (the spool's replay) run.
 */
@Injectable()
export class RecoveryWatch implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Recovery');
  private readonly listeners: Listener[] = [];
  private redisLost = false;
  private postgresDownSince: number | undefined;
  private probing: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(
    private readonly producer: JobProducer,
    @InjectRedis() private readonly redis: Redis,
    private readonly database: DatabaseHealth,
  ) {}

  onRecovered(listener: Listener): void {
    this.listeners.push(listener);
  }

  onApplicationBootstrap(): void {
    const lost = () => {
      if (!this.stopping) this.redisLost = true;
    };
    this.redis.on('close', lost);
    this.redis.on('error', lost);
    this.redis.on('ready', () => {
      if (!this.redisLost || this.stopping) return;
      this.redisLost = false;
      void this.recovered('Redis');
    });
  }

  beforeApplicationShutdown(): void {
    this.stopping = true;
    clearInterval(this.probing);
  }

  /** Whether Postgres is known to be down right now (a write failed and the probe has not answered since). */
  postgresDown(): boolean {
    return this.postgresDownSince !== undefined;
  }

  /**
   * A write to Postgres failed. Resolves true when Postgres is down (and starts watching for its
   * return), false when it answers: the failure was the write's own and its backoff stands.
   */
  async postgresFailed(): Promise<boolean> {
    if (this.postgresDownSince !== undefined) return true;
    if ((await this.database.probe()).status === 'up') return false;
    if (this.postgresDownSince !== undefined || this.stopping) return true;
    this.postgresDownSince = Date.now();
    this.logger.warn('Postgres unreachable; probing it every second to resume writing as soon as it answers');
    this.probing = setInterval(() => void this.probe(), POSTGRES_PROBE_MS);
    this.probing.unref();
    return true;
  }

  private async probe(): Promise<void> {
    if ((await this.database.probe()).status !== 'up' || this.postgresDownSince === undefined) return;
    clearInterval(this.probing);
    this.logger.log({ downForMs: Date.now() - this.postgresDownSince }, 'Postgres answers again');
    this.postgresDownSince = undefined;
    await this.recovered('Postgres');
  }

  private async recovered(back: Dependency): Promise<void> {
    try {
      if (this.producer.isConnected() && !this.postgresDown()) await this.promoteRetries();
    } catch (err) {
      this.logger.warn({ err, back }, 'could not promote waiting retries; they run at their next backoff step');
    }
    for (const listener of this.listeners) {
      await listener(back).catch((err) => this.logger.warn({ err, back }, 'a recovery listener failed'));
    }
  }

  /**
   * Every delayed persist job is a retry (none is added with a delay), so all of them run now.
   * The collect queue's delayed set also holds the schedulers' next slots and additions waiting
   * for their run: only jobs that already failed an attempt are promoted there.
   */
  private async promoteRetries(): Promise<void> {
    const started = Date.now();
    const persist = this.producer.queue(QUEUES.persist);
    const waiting = await persist.getDelayedCount();
    await persist.promoteJobs();
    const collect = this.producer.queue(QUEUES.collect);
    let promoted = 0;
    for (let start = 0; ; ) {
      const jobs = await collect.getDelayed(start, start + PAGE - 1);
      let left = 0;
      for (const job of jobs) {
        if (job.attemptsMade > 0 && !job.repeatJobKey) await job.promote().then(() => promoted++, () => left++);
        else left++;
      }
      if (jobs.length < PAGE) break;
      // Promoted jobs leave the delayed set: the next page starts after those that stayed.
      start += left;
    }
    if (waiting || promoted) this.logger.log({ persist: waiting, collect: promoted, ms: Date.now() - started }, 'retries promoted: they run now');
  }
}
