import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobProducer } from './job-producer.service';
import { JobWorkers } from './job-workers.service';
import { QueueMetrics } from './queue-metrics';

/** Enqueue only: what the API imports. Needs RedisModule and ConfigModule (both global). */
@Module({ providers: [JobProducer], exports: [JobProducer] })
export class JobsModule {}

/** Queue depths and Redis's tally_up at scrape time; each app imports it once. Needs MetricsModule (global). */
@Module({ providers: [QueueMetrics] })
export class QueueMetricsModule {}

/** Processing: the handler registry and one BullMQ Worker per queue. Only the worker imports it. */
@Module({ imports: [DiscoveryModule, JobsModule], providers: [JobWorkers], exports: [JobsModule, JobWorkers] })
export class JobWorkersModule {}
