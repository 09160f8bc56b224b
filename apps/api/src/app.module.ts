import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AppConfig, ConfigModule } from '@tally/config';
import { DatabaseModule } from '@tally/database';
import { RedisModule } from '@tally/jobs';
import { TenancyModule } from '@tally/tenancy';
import { BuiltinHooksModule } from '@tally/hooks';
import { LoggerModule } from 'nestjs-pino';
import { BillingPageModule } from './billing-page/billing-page.module';
import { CollectionsHttpModule } from './collections/collections-http.module';
import { AuthGuard } from './common/auth/auth.guard';
import { BootstrapAdminKey } from './common/auth/bootstrap-admin-key';
import { loggerParams } from './common/logger';
import { RequestContextInterceptor } from './common/request-context.interceptor';
import { EventsHttpModule } from './events/events-http.module';
import { RateLimiter } from './common/rate-limit/rate-limiter';
import { HealthController } from './health/health.controller';
import { InventoryHttpModule } from './inventory/inventory-http.module';
import { MeteringHttpModule } from './metering/metering-http.module';
import { PricingHttpModule } from './pricing/pricing-http.module';
import { ReportsHttpModule } from './reports/reports-http.module';
import { TenancyHttpModule } from './tenancy/tenancy-http.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config)),
        DatabaseModule,
        RedisModule,
        TenancyModule,
        TenancyHttpModule,
        InventoryHttpModule,
        MeteringHttpModule,
        CollectionsHttpModule,
        ReportsHttpModule,
        PricingHttpModule,
        BillingPageModule,
        EventsHttpModule,
        BuiltinHooksModule,
      ],
      controllers: [HealthController],
      providers: [RateLimiter, { provide: APP_GUARD, useClass: AuthGuard }, { provide: APP_INTERCEPTOR, useClass: RequestContextInterceptor }, BootstrapAdminKey],
    };
  }
}
