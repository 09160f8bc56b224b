import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@tally/config';
import { DatabaseModule } from '@tally/database';
import { RedisModule } from '@tally/jobs';
import { LoggerModule } from 'nestjs-pino';

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
      ],
    };
  }
}
