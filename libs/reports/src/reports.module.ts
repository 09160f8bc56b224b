import { Module } from '@nestjs/common';
import { DatabaseModule } from '@tally/database';
import { ReportService } from './report.service';

/** Report building for the API; expects ConfigModule.forRoot (global) in the app. */
@Module({
  imports: [DatabaseModule],
  providers: [ReportService],
  exports: [ReportService],
})
export class ReportsModule {}
