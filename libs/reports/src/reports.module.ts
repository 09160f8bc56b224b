import { Module } from '@nestjs/common';
import { DatabaseModule } from '@tally/database';
import { ReportService } from './report.service';
import { ReportSummaryService } from './report-summary.service';
import { DailyUsageService } from './daily-usage.service';

/** Report building for the API; expects ConfigModule.forRoot (global) in the app. */
@Module({
  imports: [DatabaseModule],
  providers: [ReportService, ReportSummaryService, DailyUsageService],
  exports: [ReportService, ReportSummaryService, DailyUsageService],
})
export class ReportsModule {}
