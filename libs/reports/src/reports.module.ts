import { Module } from '@nestjs/common';
import { DatabaseModule } from '@tally/database';
import { ReportService } from './report.service';
import { ReportSummaryService } from './report-summary.service';

/** Report building for the API; expects ConfigModule.forRoot (global) in the app. */
@Module({
  imports: [DatabaseModule],
  providers: [ReportService, ReportSummaryService],
  exports: [ReportService, ReportSummaryService],
})
export class ReportsModule {}
