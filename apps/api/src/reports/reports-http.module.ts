import { Module } from '@nestjs/common';
import { ReportsModule } from '@tally/reports';
import { TenancyModule } from '@tally/tenancy';
import { ReportsController } from './reports.controller';
import { ReportSummaryController } from './report-summary.controller';

@Module({
  imports: [ReportsModule, TenancyModule],
  controllers: [ReportsController, ReportSummaryController],
})
export class ReportsHttpModule {}
