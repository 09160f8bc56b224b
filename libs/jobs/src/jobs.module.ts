import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobProducer } from './job-producer.service';
import { JobWorkers } from './job-workers.service';

/** Enqueue only: what the API imports. Needs RedisModule and ConfigModule (both global). */
@Module({ providers: [JobProducer], exports: [JobProducer] })
export class JobsModule {}

/** Processing: the handler registry and one BullMQ Worker per queue. Only the worker imports it. */
@Module({ imports: [DiscoveryModule, JobsModule], providers: [JobWorkers], exports: [JobsModule, JobWorkers] })
export class JobWorkersModule {}
