import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@tally/config';
import { JobsOptions, Queue } from 'bullmq';
import Redis from 'ioredis';
import { jobOptions } from './job-options';
import { JOB_QUEUE, JobName, QueueName } from './job-names';
import { JobPayloads } from './job-payloads';
import { RedisUnavailableError } from './redis-errors';
import { InjectRedis } from './redis.module';

export interface NewJob<N extends JobName> {
  data: JobPayloads[N];
  /** Deterministic ids make a repeated add a no-op while the first job is still kept. */
  jobId?: string;
  opts?: Omit<JobsOptions, 'jobId'>;
}

/**
 * Enqueues jobs with their central options. The API and the worker both produce; only the
 * worker consumes. Queues share the module's Redis connection (BullMQ does not close it).
 */
@Injectable()
export class JobProducer implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectRedis() private readonly redis: Redis,
  ) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      const created = new Queue(name, { connection: this.redis, prefix: this.config.redis.queuePrefix });
      // The connection's own listener logs outages (redis.module.ts); without one here a queue's
      // 'error' event would be thrown as an unhandled error.
      created.on('error', () => undefined);
      // A queue whose set-up failed (Redis dropped mid-way) would fail every later add: start afresh.
      created.waitUntilReady().catch(() => {
        if (this.queues.get(name) === created) this.queues.delete(name);
        created.close().catch(() => undefined);
      });
      this.queues.set(name, (queue = created));
    }
    return queue;
  }

  /**
   * Whether Redis is connected right now. A queue first used while it is not would wait for it
   * and add the job whenever it came back, so a caller that must answer now checks this first.
   */
  isConnected(): boolean {
    return this.redis.status === 'ready';
  }

  /**
   * A Redis read for a caller that must answer now. BullMQ waits for a disconnected connection
   * to come back before sending, for as long as that takes; this refuses at once while Redis is
   * not connected and gives up after the command timeout.
   */
  async readNow<T>(what: string, work: () => Promise<T>): Promise<T> {
    if (!this.isConnected()) throw new RedisUnavailableError(`Redis is not connected, so ${what} cannot be read`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RedisUnavailableError(`Redis did not answer within ${this.config.redis.commandTimeoutMs} ms, so ${what} cannot be read`)), this.config.redis.commandTimeoutMs);
    });
    try {
      return await Promise.race([work(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async add<N extends JobName>(name: N, job: NewJob<N>) {
    return this.queue(JOB_QUEUE[name]).add(name, job.data, this.options(name, job));
  }

  async addBulk<N extends JobName>(name: N, jobs: NewJob<N>[]) {
    if (!jobs.length) return [];
    return this.queue(JOB_QUEUE[name]).addBulk(jobs.map((j) => ({ name, data: j.data, opts: this.options(name, j) })));
  }

  /** Central options first; a caller may only add to them (a delay, a deduplication id). */
  private options<N extends JobName>(name: N, job: NewJob<N>): JobsOptions {
    return { ...jobOptions(name, this.config), ...job.opts, ...(job.jobId ? { jobId: job.jobId } : {}) };
  }

  /** After the workers have drained (beforeApplicationShutdown), since their last jobs still enqueue. */
  async onApplicationShutdown() {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}
