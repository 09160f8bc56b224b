import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { decimalProblem, MAX_TIERS, PriceView, priceView } from '@tally/pricing';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsString, Length, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { NoControlChars, OptionalNotNull } from '../common/validation';

/** Decimal text ("0.0125"): JSON numbers are refused, they would arrive as floating point. */
const IsDecimalText = (positive = false) =>
  ValidateBy({
    name: 'isDecimalText',
    validator: {
      validate: (value) => decimalProblem(value, { positive }) === undefined,
      defaultMessage: (args) => `${args?.property} ${decimalProblem(args?.value, { positive })}`,
    },
  });

const DECIMAL = { type: String, pattern: '^-?(0|[1-9]\\d*)(\\.\\d+)?$' } as const;

export class TierDto {
  @ApiProperty({ ...DECIMAL, nullable: true, example: '1000', description: 'Upper bound of the band in the price unit, counted from 0 over the line; null for the last band, which has no end' })
  @ValidateIf((_, v) => v !== null) @IsDecimalText(true)
  upTo: string | null;

  @ApiProperty({ ...DECIMAL, example: '0.01', description: 'Price per price unit within the band; decimal text, not negative' })
  @IsDecimalText()
  unitPrice: string;
}

/** Every field of a price but its measurement; cross-field rules are checked by the service. */
export class PriceFieldsDto {
  @ApiPropertyOptional({ example: 'GiB·h', maxLength: 32, description: "Unit the price is quoted per; it must convert exactly from the measurement's usage unit (`*` may stand for `·`). Default: the measurement's display unit" })
  @OptionalNotNull() @IsString() @Length(0, 32) @NoControlChars()
  priceUnit?: string;

  @ApiPropertyOptional({ ...DECIMAL, example: '0.04', description: 'A flat price per price unit, as decimal text. Give this or tiers' })
  @IsOptional() @IsDecimalText()
  unitPrice?: string;

  @ApiPropertyOptional({ type: TierDto, isArray: true, minItems: 1, maxItems: MAX_TIERS, description: 'Graduated bands, bounds increasing, the last open. Give this or unitPrice' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_TIERS) @ValidateNested({ each: true }) @Type(() => TierDto)
  tiers?: TierDto[];

  @ApiPropertyOptional({ format: 'date-time', example: '2026-12-01T00:00:00Z', description: 'Start of the price (inclusive), ISO 8601 with an offset. Default 2000-01-01T00:00:00Z' })
  @OptionalNotNull() @IsString()
  effectiveFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String, example: null, description: 'End of the price (exclusive); null or absent: no end' })
  @IsOptional() @IsString()
  effectiveTo?: string | null;
}

const MEASUREMENT_DOC = { example: 'ganeti.memory', description: 'A measurement key of the catalog' };

export class CreatePriceDto extends PriceFieldsDto {
  @ApiProperty(MEASUREMENT_DOC)
  @IsString() @Length(1, 64)
  measurement: string;

  @ApiPropertyOptional({ default: false, description: 'End the price of this measurement in effect at effectiveFrom there, in the same transaction: a price change in one request' })
  @OptionalNotNull() @IsBoolean()
  endPrevious?: boolean;
}

export class UpdatePriceDto extends PriceFieldsDto {}

export class OverrideDto extends PriceFieldsDto {
  @ApiProperty(MEASUREMENT_DOC)
  @IsString() @Length(1, 64)
  measurement: string;
}

export class PriceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) rateCardId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: "Set on a client's override" }) clientId: string | null;
  @ApiProperty({ example: 'ganeti.memory' }) measurement: string;
  @ApiProperty({ example: 'EUR', description: "The card's currency" }) currency: string;
  @ApiProperty({ example: 'GiB·h' }) priceUnit: string;
  @ApiProperty({ ...DECIMAL, nullable: true, example: '0.04', description: 'Flat price, or null when tiered' }) unitPrice: string | null;
  @ApiProperty({ type: TierDto, isArray: true, nullable: true, description: 'Graduated bands, or null when flat' }) tiers: TierDto[] | null;
  @ApiProperty({ format: 'date-time' }) effectiveFrom: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) effectiveTo: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static of(v: PriceView): PriceDto {
    return priceView(v);
  }
}
