import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AppConfig, ConfigModule, InjectConfig } from '@tally/config';
import { DatabaseHealth, DatabaseMetrics, DatabaseModule } from '@tally/database';
import { QueueMetricsModule, RedisModule } from '@tally/jobs';
import { MetricsModule } from '@tally/metrics';
import { ReportsModule } from '@tally/reports';
import { loggerParams } from '@tally/runtime';
import { TenancyModule } from '@tally/tenancy';
import { BuiltinHooksModule } from '@tally/hooks';
import { LoggerModule } from 'nestjs-pino';
import { AlertsHttpModule } from './alerts/alerts-http.module';
import { StatusPageModule } from './status-page/status-page.module';
import { BillingPageModule } from './billing-page/billing-page.module';
import { CollectionsHttpModule } from './collections/collections-http.module';
import { AuthGuard } from './common/auth/auth.guard';
import { BootstrapAdminKey } from './common/auth/bootstrap-admin-key';
import { jsonBody } from './common/http/json-body';
import { CORRECTIONS_NDJSON } from './metering/corrections.controller';
import { RequestContextInterceptor } from './common/request-context.interceptor';
import { EventsHttpModule } from './events/events-http.module';
import { RateLimiter } from './common/rate-limit/rate-limiter';
import { HealthController } from './health/health.controller';
import { InventoryHttpModule } from './inventory/inventory-http.module';
import { MeteringHttpModule } from './metering/metering-http.module';
import { PricingHttpModule } from './pricing/pricing-http.module';
import { ReportsHttpModule } from './reports/reports-http.module';
import { TenancyHttpModule } from './tenancy/tenancy-http.module';
import { WebhooksHttpModule } from './webhooks/webhooks-http.module';
import { MetricsHttpModule } from './metrics/metrics-http.module';

@Module({})
export class AppModule implements NestModule {
  constructor(@InjectConfig() private readonly config: AppConfig) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config.log.level, { http: true })),
        DatabaseModule,
        RedisModule.forRoot('fails-fast'),
        TenancyModule,
        TenancyHttpModule,
        InventoryHttpModule,
        MeteringHttpModule,
        CollectionsHttpModule,
        ReportsModule, // the health check reads the reports' share of the pool
        ReportsHttpModule,
        PricingHttpModule,
        BillingPageModule,
        EventsHttpModule,
        BuiltinHooksModule,
        WebhooksHttpModule,
        MetricsModule,
        QueueMetricsModule,
        MetricsHttpModule,
        AlertsHttpModule,
        StatusPageModule,
      ],
      controllers: [HealthController],
      providers: [RateLimiter, { provide: APP_GUARD, useClass: AuthGuard }, { provide: APP_INTERCEPTOR, useClass: RequestContextInterceptor }, BootstrapAdminKey, DatabaseHealth, DatabaseMetrics],
    };
  }

  /**
   * After the request logger (an imported module's middleware runs first), so a refused body
   * is logged like any other answer, under its request id.
   */
  configure(consumer: MiddlewareConsumer): void {
    const limits = { maxBytes: this.config.http.bodyLimitBytes, maxDepth: this.config.http.jsonMaxDepth, streamed: [CORRECTIONS_NDJSON] };
    consumer.apply(jsonBody(limits)).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
