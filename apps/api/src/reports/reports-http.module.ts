import { Module } from '@nestjs/common';
import { PricingModule } from '@tally/pricing';
import { ReportsModule } from '@tally/reports';
import { TenancyModule } from '@tally/tenancy';
import { ReportsController } from './reports.controller';
import { ReportSummaryController } from './report-summary.controller';
import { DailyUsageController } from './daily-usage.controller';

@Module({
  imports: [ReportsModule, TenancyModule, PricingModule],
  controllers: [ReportsController, ReportSummaryController, DailyUsageController],
})
export class ReportsHttpModule {}
