import { Global, Module } from '@nestjs/common';
import { MetricsRegistry } from './metrics.registry';

/** One registry per application, for every lib that measures something. */
@Global()
@Module({ providers: [MetricsRegistry], exports: [MetricsRegistry] })
export class MetricsModule {}
