import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { RateCardsService } from '@tally/pricing';
import { Principal } from '@tally/tenancy';
import { CurrentPrincipal } from '../common/auth/principal.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { ApiErrors, ErrorDto } from '../common/api-errors';
import { PageOf } from '../common/pagination.dto';
import { UuidPipe } from '../common/uuid.pipe';
import { CreatePriceDto, PriceDto, UpdatePriceDto } from './prices.dto';
import { CreateRateCardDto, RateCardDetailDto, RateCardDto, RateCardQueryDto, UpdateRateCardDto } from './rate-cards.dto';

const OVERLAP = 'Another price of the measurement is in effect during this period (the message names it and the field)';

@ApiTags('rate-cards')
@ApiErrors()
@Controller('rate-cards')
export class RateCardsController {
  constructor(private readonly cards: RateCardsService) {}

  @Get()
  @Roles('admin', 'billing', 'client')
  @ApiOperation({ operationId: 'listRateCards' })
  @ApiOkResponse({ type: PageOf(RateCardDto), description: "Ordered by name. A client key sees only its own client's card" })
  async list(@CurrentPrincipal() who: Principal, @Query() query: RateCardQueryDto) {
    const page = await this.cards.list(who, query);
    return { items: page.items.map(RateCardDto.of), total: page.total };
  }

  @Get(':id')
  @Roles('admin', 'billing', 'client')
  @ApiOperation({ operationId: 'getRateCard' })
  @ApiOkResponse({ type: RateCardDetailDto, description: 'The card with its own prices' })
  async get(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string) {
    const { card, prices } = await this.cards.prices(who, id);
    return RateCardDetailDto.withPrices(card, prices);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ operationId: 'createRateCard' })
  @ApiCreatedResponse({ type: RateCardDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'The name is taken' })
  async create(@Body() body: CreateRateCardDto) {
    return RateCardDto.of(await this.cards.create(body));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ operationId: 'updateRateCard' })
  @ApiOkResponse({ type: RateCardDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'The name is taken, or the currency was to change on a card that has prices' })
  async update(@Param('id', UuidPipe) id: string, @Body() body: UpdateRateCardDto) {
    return RateCardDto.of(await this.cards.update(id, body));
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteRateCard' })
  @ApiNoContentResponse({ description: 'Deleted with its prices' })
  @ApiConflictResponse({ type: ErrorDto, description: 'A client is assigned to it' })
  async remove(@Param('id', UuidPipe) id: string) {
    await this.cards.remove(id);
  }

  @Post(':id/prices')
  @Roles('admin')
  @ApiOperation({ operationId: 'createRateCardPrice' })
  @ApiCreatedResponse({ type: PriceDto, description: 'A price for one measurement and period; with endPrevious the price in effect at its start ends there' })
  @ApiConflictResponse({ type: ErrorDto, description: OVERLAP })
  async createPrice(@Param('id', UuidPipe) id: string, @Body() body: CreatePriceDto) {
    return PriceDto.of(await this.cards.createPrice(id, body));
  }

  @Get(':id/prices/:priceId')
  @Roles('admin', 'billing', 'client')
  @ApiOperation({ operationId: 'getRateCardPrice' })
  @ApiOkResponse({ type: PriceDto })
  async getPrice(@CurrentPrincipal() who: Principal, @Param('id', UuidPipe) id: string, @Param('priceId', UuidPipe) priceId: string) {
    return PriceDto.of(await this.cards.getPrice(who, id, priceId));
  }

  @Patch(':id/prices/:priceId')
  @Roles('admin')
  @ApiOperation({ operationId: 'updateRateCardPrice' })
  @ApiOkResponse({ type: PriceDto, description: 'Fields not given keep their value; unitPrice replaces tiers and the other way round; the measurement cannot change' })
  @ApiConflictResponse({ type: ErrorDto, description: OVERLAP })
  async updatePrice(@Param('id', UuidPipe) id: string, @Param('priceId', UuidPipe) priceId: string, @Body() body: UpdatePriceDto) {
    return PriceDto.of(await this.cards.updatePrice(id, priceId, body));
  }

  @Delete(':id/prices/:priceId')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteRateCardPrice' })
  @ApiNoContentResponse({ description: 'Deleted; usage in its period is no longer priced unless another price covers it' })
  async removePrice(@Param('id', UuidPipe) id: string, @Param('priceId', UuidPipe) priceId: string) {
    await this.cards.removePrice(id, priceId);
  }
}
