import { DynamicModule, Module } from '@nestjs/common';
import { CollectorsModule } from '@tally/collectors';
import { AppConfig, ConfigModule } from '@tally/config';
import { DatabaseModule } from '@tally/database';
import { EventRelayModule } from '@tally/events';
import { JobWorkersModule, RedisModule } from '@tally/jobs';
import { BuiltinHooksModule } from '@tally/hooks';
import { LoggerModule } from 'nestjs-pino';
import { CollectProcessor } from './processors/collect.processor';
import { PersistProcessor } from './processors/persist.processor';
import { PrecacheProcessor } from './processors/precache.processor';
import { HeartbeatService } from './health/heartbeat.service';
import { ScheduleRegistration } from './schedule-registration';

/** The worker: no HTTP server; processors and job schedulers are registered here. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: { level: config.log.level, redact: { paths: ['*.secret', '*.password', '*.privateKey'], censor: '[redacted]' } } }),
        DatabaseModule,
        RedisModule,
        JobWorkersModule,
        CollectorsModule,
        EventRelayModule,
        BuiltinHooksModule,
      ],
      providers: [PrecacheProcessor, CollectProcessor, PersistProcessor, ScheduleRegistration, HeartbeatService],
    };
  }
}
