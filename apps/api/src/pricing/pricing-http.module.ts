import { Module } from '@nestjs/common';
import { PricingModule } from '@tally/pricing';
import { ClientRateCardController } from './client-rate-card.controller';
import { RateCardsController } from './rate-cards.controller';

@Module({
  imports: [PricingModule],
  controllers: [RateCardsController, ClientRateCardController],
})
export class PricingHttpModule {}
