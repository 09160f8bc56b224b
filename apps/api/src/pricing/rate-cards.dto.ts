import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { RateCardEntity } from '@tally/database';
import { CURRENCY_CODES, currencyProblem } from '@tally/money';
import { AssignmentView, assignmentView, PriceView, rateCardView } from '@tally/pricing';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, Length, Matches, ValidateBy, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../common/pagination.dto';
import { NoControlChars, OptionalNotNull } from '../common/validation';
import { OverrideDto, PriceDto } from './prices.dto';

const NAME = /^\S(.*\S)?$/;
const IsCurrency = () =>
  ValidateBy({
    name: 'isCurrency',
    validator: { validate: (value) => currencyProblem(value) === undefined, defaultMessage: (args) => `currency ${currencyProblem(args?.value)}` },
  });

export class CreateRateCardDto {
  @ApiProperty({ example: 'Standard 2027', maxLength: 200 })
  @IsString() @Length(1, 200) @Matches(NAME, { message: 'name must not start or end with white space' }) @NoControlChars()
  name: string;

  @ApiProperty({ example: 'EUR', enum: CURRENCY_CODES, description: 'ISO 4217; amounts are rounded to its minor unit (EUR 2 decimals, JPY 0, KWD 3)' })
  @IsCurrency()
  currency: string;

  @ApiPropertyOptional({ example: 'List prices from January 2027', default: '', maxLength: 2000 })
  @OptionalNotNull() @IsString() @Length(0, 2000) @NoControlChars()
  description?: string;
}

/** The currency can change only while the card has no prices. Fields may be left out, not nulled. */
export class UpdateRateCardDto extends PartialType(CreateRateCardDto, { skipNullProperties: false }) {}

export class RateCardQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name, case-insensitive' }) @IsOptional() @IsString() @Length(1, 200) name?: string;
}

export class RateCardDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: 2, description: 'Decimal places of every amount in this currency' }) minorUnits: number;
  @ApiProperty() description: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static of(c: RateCardEntity): RateCardDto {
    return rateCardView(c);
  }
}

export class RateCardDetailDto extends RateCardDto {
  @ApiProperty({ type: PriceDto, isArray: true, description: "The card's own prices (clients' overrides are on their assignment), by measurement key, then start" })
  prices: PriceDto[];

  static withPrices(card: RateCardEntity, prices: PriceView[]): RateCardDetailDto {
    return { ...RateCardDto.of(card), prices: prices.map(PriceDto.of) };
  }
}

export class AssignRateCardDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'rateCardId must be a UUID' }) rateCardId: string;

  @ApiPropertyOptional({ type: OverrideDto, isArray: true, maxItems: 200, description: "This client's own prices, replacing any it had: each wins over the card's price while it is in effect" })
  @OptionalNotNull() @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => OverrideDto)
  overrides?: OverrideDto[];
}

export class RateCardAssignmentDto {
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty({ type: RateCardDto }) rateCard: RateCardDto;
  @ApiProperty({ type: PriceDto, isArray: true }) overrides: PriceDto[];
  @ApiProperty({ format: 'date-time', description: 'When the client was first assigned a card' }) assignedAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static of(a: AssignmentView): RateCardAssignmentDto {
    return assignmentView(a);
  }
}
