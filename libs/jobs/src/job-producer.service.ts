import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@tally/config';
import { JobsOptions, Queue } from 'bullmq';
import Redis from 'ioredis';
import { jobOptions } from './job-options';
import { JOB_QUEUE, JobName, QueueName } from './job-names';
import { JobPayloads } from './job-payloads';
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
      queue = new Queue(name, { connection: this.redis, prefix: this.config.redis.queuePrefix });
      this.queues.set(name, queue);
    }
    return queue;
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
