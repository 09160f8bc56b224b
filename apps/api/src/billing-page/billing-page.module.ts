import { Module } from '@nestjs/common';
import { BillingPageAssets } from './billing-page.assets';
import { BillingPageController } from './billing-page.controller';

/** The billing page: static files only; its data comes from the REST API. */
@Module({
  controllers: [BillingPageController],
  providers: [BillingPageAssets],
})
export class BillingPageModule {}
