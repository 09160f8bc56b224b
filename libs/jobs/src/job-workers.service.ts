import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { AppConfig, InjectConfig } from '@tally/config';
import { METRICS, MetricsRegistry } from '@tally/metrics';
import { DelayedError, Job, UnrecoverableError, Worker } from 'bullmq';
import Redis from 'ioredis';
import { buildHandlerTable, FoundHandler, JOB_HANDLER, JobHandlerFn } from './job-handler';
import { JOB_NAMES, JOB_QUEUE, QUEUE_NAMES } from './job-names';
import { workerOptions } from './job-options';
import { createRedis } from './redis.module';

/**
 * Finds every `@OnJob` method, refuses to boot unless each job has exactly one, and runs one
 * BullMQ Worker per queue that dispatches by job name. Only the worker app imports this.
 */
@Injectable()
export class JobWorkers implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobWorkers');
  private handlers = new Map<string, JobHandlerFn>();
  private readonly workers: { worker: Worker; connection: Redis }[] = [];
  private readonly durations = this.metrics.histogram(METRICS.jobDuration);

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly metrics: MetricsRegistry,
  ) {}

  onModuleInit() {
    const found: FoundHandler[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const proto = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const name = this.reflector.get<string | undefined>(JOB_HANDLER, proto[method]);
        if (!name) continue;
        const fn = (instance[method] as JobHandlerFn).bind(instance);
        found.push({ name, where: `${proto.constructor.name}.${method}`, fn });
      }
    }
    this.handlers = buildHandlerTable(JOB_NAMES, found);
  }

  async onApplicationBootstrap() {
    for (const queue of QUEUE_NAMES) {
      const connection = createRedis(this.config, `worker-${queue}`);
      const worker = new Worker(queue, (job, token) => this.dispatch(queue, job, token), { ...workerOptions(queue, this.config), connection });
      worker.on('error', (err) => this.logger.error({ err, queue }, 'queue worker error'));
      worker.on('failed', (job, err) => {
        const final = job && job.attemptsMade >= (job.opts.attempts ?? 1);
        const entry = { queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: err.message };
        if (final) this.logger.error(entry, 'job failed for good');
        else this.logger.warn(entry, 'job failed, will retry');
      });
      this.workers.push({ worker, connection });
    }
    await Promise.all(this.workers.map(({ worker }) => worker.waitUntilReady()));
    this.logger.log(`processing ${QUEUE_NAMES.join(', ')}`);
  }

  private async dispatch(queue: string, job: Job, token?: string): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    // A job this build does not know (a renamed contract): fail it visibly, never retry.
    if (!handler || JOB_QUEUE[job.name as keyof typeof JOB_QUEUE] !== queue) {
      throw new UnrecoverableError(`no handler for job "${job.name}" on queue ${queue}`);
    }
    const end = this.durations.startTimer({ queue, job_name: job.name });
    try {
      const result = await handler(job, token);
      end({ outcome: 'completed' });
      return result;
    } catch (e) {
      // A job that parks itself in the delayed set (collect-resources waiting for its run) did not fail.
      end({ outcome: e instanceof DelayedError ? 'delayed' : 'failed' });
      throw e;
    }
  }

  /** Each queue's worker, and whether it is taking jobs (not closing, not paused). */
  status(): { queue: string; running: boolean }[] {
    return this.workers.map(({ worker }) => ({ queue: worker.name, running: worker.isRunning() && !worker.isPaused() && !worker.closing }));
  }

  /** Waits for active jobs to finish; a job cut off by a harder stop returns to the queue via its lock. */
  async beforeApplicationShutdown() {
    await Promise.all(this.workers.map(({ worker }) => worker.close()));
    await Promise.all(this.workers.map(({ connection }) => connection.quit().catch(() => connection.disconnect())));
    this.workers.length = 0;
  }
}
