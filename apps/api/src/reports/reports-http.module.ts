import { Module } from '@nestjs/common';
import { PricingModule } from '@tally/pricing';
import { ReportsModule } from '@tally/reports';
import { TenancyModule } from '@tally/tenancy';
import { ReportsController } from './reports.controller';

@Module({
  imports: [ReportsModule, TenancyModule, PricingModule],
  controllers: [ReportsController],
})
export class ReportsHttpModule {}
