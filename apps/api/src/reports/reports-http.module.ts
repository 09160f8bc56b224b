import { Module } from '@nestjs/common';
import { ReportsModule } from '@tally/reports';
import { TenancyModule } from '@tally/tenancy';
import { ReportsController } from './reports.controller';

@Module({
  imports: [ReportsModule, TenancyModule],
  controllers: [ReportsController],
})
export class ReportsHttpModule {}
