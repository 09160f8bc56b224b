import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@tally/config';
import { METRICS, MetricsRegistry, SCRAPE_READ_TIMEOUT_MS, within } from '@tally/metrics';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { QUEUE_NAMES } from './job-names';
import { createRedis } from './redis.module';

const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * tally_queue_jobs and tally_up{dependency="redis"}, read at scrape time on a connection of
 * its own that fails fast: the worker's shared connection waits for Redis to come back, which
 * would hang a scrape for as long as Redis is down. While Redis is away the queue series are
 * absent and tally_up says why. Both processes report it (the numbers are Redis's, the same
 * from either): the API's still show a backlog when no worker runs.
 */
@Injectable()
export class QueueMetrics implements OnModuleInit, OnApplicationShutdown {
  private redis: Redis | undefined;
  private readonly queues = new Map<string, Queue>();

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly metrics: MetricsRegistry,
  ) {}

  onModuleInit() {
    // Connected now, not at the first scrape: a fails-fast connection refuses commands until it is.
    const redis = (this.redis = createRedis(this.config, 'metrics', 'fails-fast'));
    const queue = (name: string) => {
      let q = this.queues.get(name);
      if (!q) {
        q = new Queue(name, { connection: redis, prefix: this.config.redis.queuePrefix });
        q.on('error', () => undefined); // the connection logs outages (redis.module.ts)
        this.queues.set(name, q);
      }
      return q;
    };
    this.metrics.dependency('redis', async () => {
      if ((await redis.ping()) !== 'PONG') throw new Error('no PONG');
    });
    const ready = () => redis.status === 'ready';
    this.metrics.gauge(METRICS.queueJobs, async function collect() {
      this.reset();
      if (!ready()) return;
      const counts = await Promise.all(QUEUE_NAMES.map((name) => within(SCRAPE_READ_TIMEOUT_MS, () => queue(name).getJobCounts(...STATES))));
      QUEUE_NAMES.forEach((name, i) => {
        for (const state of STATES) if (counts[i]) this.set({ queue: name, state }, counts[i]![state] ?? 0);
      });
    });
  }

  async onApplicationShutdown() {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }
}
