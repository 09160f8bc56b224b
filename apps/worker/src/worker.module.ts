import { DynamicModule, Module } from '@nestjs/common';
import { AlertsModule } from '@tally/alerts';
import { CollectorsModule } from '@tally/collectors';
import { AppConfig, checkWorkerPool, ConfigModule } from '@tally/config';
import { DatabaseHealth, DatabaseMetrics, DatabaseModule } from '@tally/database';
import { EventRelayModule } from '@tally/events';
import { JobWorkersModule, QueueMetricsModule, RedisModule } from '@tally/jobs';
import { MetricsModule } from '@tally/metrics';
import { BuiltinHooksModule } from '@tally/hooks';
import { MailSenderModule } from '@tally/mail';
import { loggerParams } from '@tally/runtime';
import { WebhookDispatchModule } from '@tally/webhooks';
import { LoggerModule } from 'nestjs-pino';
import { CollectProcessor } from './processors/collect.processor';
import { PersistProcessor } from './processors/persist.processor';
import { AlertsProcessor } from './processors/alerts.processor';
import { PrecacheProcessor } from './processors/precache.processor';
import { HeartbeatService } from './health/heartbeat.service';
import { ScheduleRegistration } from './schedule-registration';
import { DependencyWatch } from './reconcile/dependency-watch';
import { SlotReconciler } from './reconcile/slot-reconciler';
import { WorkerMetricsServer } from './metrics/worker-metrics.server';

/** The worker: no HTTP server; processors and job schedulers are registered here. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    checkWorkerPool(config);
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        // The worker decrypts credentials: it redacts what the API does, at every depth the API does.
        LoggerModule.forRoot(loggerParams(config.log.level, { http: false })),
        DatabaseModule,
        RedisModule.forRoot('waits'),
        JobWorkersModule,
        CollectorsModule,
        EventRelayModule,
        BuiltinHooksModule,
        WebhookDispatchModule,
        MailSenderModule,
        MetricsModule,
        QueueMetricsModule,
        AlertsModule,
      ],
      providers: [PrecacheProcessor, CollectProcessor, PersistProcessor, AlertsProcessor, ScheduleRegistration, DatabaseHealth, HeartbeatService,
        DependencyWatch, SlotReconciler, DatabaseMetrics, WorkerMetricsServer],
    };
  }
}
