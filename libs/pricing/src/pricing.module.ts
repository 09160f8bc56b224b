import { Module } from '@nestjs/common';
import { DatabaseModule } from '@tally/database';
import { EventsModule } from '@tally/events';
import { MeteringModule } from '@tally/metering';
import { TenancyModule } from '@tally/tenancy';
import { PriceChecks } from './price-checks';
import { RateCardAssignmentsService } from './rate-card-assignments.service';
import { RateCardsService } from './rate-cards.service';

/** Rate cards, their prices and client assignments; owns rate_cards, rate_card_prices, client_rate_cards. */
@Module({
  imports: [DatabaseModule, EventsModule, MeteringModule, TenancyModule],
  providers: [PriceChecks, RateCardsService, RateCardAssignmentsService],
  exports: [RateCardsService, RateCardAssignmentsService],
})
export class PricingModule {}
