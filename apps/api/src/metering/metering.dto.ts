import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MEASUREMENT_KINDS, MEASUREMENT_SOURCES, MeasurementEntity, MeasurementKind, MeasurementSource } from '@tally/database';
import { MAX_SAMPLES_PER_REQUEST, MEASUREMENT_KEY, MEASUREMENT_KEY_MAX, measurementView } from '@tally/metering';
import { MAX_DISPLAY_PLACES } from '@tally/money';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ClosedPeriodErrorDto, ErrorDto } from '../common/api-errors';
import { PageQueryDto } from '../common/pagination.dto';
import { NoControlChars, OptionalNotNull } from '../common/validation';

const KEY_MSG = 'key must be lower-case words joined by dots, starting with a letter, e.g. db.storage';

const DISPLAY_UNIT_DOC = {
  example: 'GiB·h', maxLength: 32,
  description: 'Unit usage is shown in (CSV, billing page); it must convert exactly from the usage unit (byte·h → GiB·h or GiB·month, MiB·h → GiB·h, bool·h → h, s → CPU·h; a month is 730 h). `*` may stand for `·`. Default: the usage unit',
};
const DISPLAY_PLACES_DOC = { minimum: 0, maximum: MAX_DISPLAY_PLACES, default: 3, description: 'Decimal places shown, rounded half-even; JSON keeps the exact value beside them' };

/** How usage is shown; the rules (unit converts from the usage unit) are checked by MeasurementsService. */
export class UpdateMeasurementDto {
  @ApiPropertyOptional(DISPLAY_UNIT_DOC)
  @OptionalNotNull() @IsString() @Length(0, 32) @NoControlChars()
  displayUnit?: string;

  @ApiPropertyOptional(DISPLAY_PLACES_DOC)
  @OptionalNotNull() @IsInt() @Min(0) @Max(MAX_DISPLAY_PLACES)
  displayPlaces?: number;
}

export class CreateMeasurementDto extends UpdateMeasurementDto {
  @ApiProperty({ example: 'db.storage', maxLength: MEASUREMENT_KEY_MAX, pattern: MEASUREMENT_KEY.source })
  @IsString() @Length(3, MEASUREMENT_KEY_MAX) @Matches(MEASUREMENT_KEY, { message: KEY_MSG })
  key: string;

  @ApiProperty({ enum: MEASUREMENT_KINDS, description: 'gauge: a level (billed as value × time); counter: a running total (billed on its increases)' })
  @IsIn(MEASUREMENT_KINDS as unknown as string[], { message: `kind must be one of ${MEASUREMENT_KINDS.join(', ')}` })
  kind: MeasurementKind;

  @ApiPropertyOptional({ example: 'byte', default: '', maxLength: 32 })
  @OptionalNotNull() @IsString() @Length(0, 32) @NoControlChars()
  unit?: string;

  @ApiPropertyOptional({ example: 'Bytes stored by the managed database', default: '', maxLength: 2000 })
  @OptionalNotNull() @IsString() @Length(0, 2000) @NoControlChars()
  description?: string;

  @ApiPropertyOptional({ enum: ['push'], description: 'Custom measurements are always pushed; accepted for clarity, nothing else is allowed' })
  @OptionalNotNull() @IsIn(['push'], { message: 'source must be push: custom measurements can only be pushed' })
  source?: 'push';
}

export class MeasurementQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MEASUREMENT_SOURCES })
  @IsOptional() @IsIn(MEASUREMENT_SOURCES as unknown as string[], { message: `source must be one of ${MEASUREMENT_SOURCES.join(', ')}` })
  source?: MeasurementSource;

  @ApiPropertyOptional({ enum: MEASUREMENT_KINDS })
  @IsOptional() @IsIn(MEASUREMENT_KINDS as unknown as string[], { message: `kind must be one of ${MEASUREMENT_KINDS.join(', ')}` })
  kind?: MeasurementKind;
}

export class MeasurementDto {
  @ApiProperty({ example: 'disk.used' }) key: string;
  @ApiProperty({ enum: MEASUREMENT_KINDS }) kind: MeasurementKind;
  @ApiProperty({ example: 'byte', description: 'May be empty (a plain number)' }) unit: string;
  @ApiProperty({ example: 'byte·h', description: 'Unit of report usage: unit·h for gauges (h when unitless), unit for counters' }) usageUnit: string;
  @ApiProperty({ example: 'GiB·month', description: 'Unit usage is shown in' }) displayUnit: string;
  @ApiProperty({ example: 3, description: 'Decimal places shown' }) displayPlaces: number;
  @ApiProperty({ enum: MEASUREMENT_SOURCES, description: 'Who produces it: the Ganeti or SSH collector, or a client pushing samples' }) source: MeasurementSource;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'Shipped with Tally; only its display unit and places can be changed' }) builtin: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static of(m: MeasurementEntity): MeasurementDto {
    return measurementView(m);
  }
}

/**
 * The push body is checked by a hand-written validator (see libs/metering sample-batch.ts), not
 * class-validator: these classes only document it for OpenAPI.
 */
export class PushSampleDto {
  @ApiProperty({ format: 'uuid', description: 'A resource this key may write to' }) resourceId: string;
  @ApiProperty({ example: 'db.storage', description: 'A catalog key; client keys may push only measurements of source push' }) measurement: string;
  @ApiProperty({
    format: 'date-time', example: '2026-11-23T10:00:00Z',
    description: 'ISO 8601 with an offset or Z; from 2000-01-01 to 24 h ahead; stored to the millisecond',
  })
  ts: string;
  @ApiProperty({
    example: 52428800, minimum: -1e21, maximum: 1e21,
    description: 'A JSON number from -1e21 to 1e21 that is 0 or at least 1e-300 in magnitude: room for any 64-bit counter (1.8e19) and negative gauges, '
      + 'and a range in which no report sum can overflow. Anything else is refused with a 400 naming the item',
  })
  value: number;
}

export class PushSamplesDto {
  @ApiProperty({
    type: PushSampleDto, isArray: true, minItems: 1, maxItems: MAX_SAMPLES_PER_REQUEST,
    description: 'At most one item per (resourceId, measurement, ts): a repeat inside one batch is rejected',
  })
  samples: PushSampleDto[];
}

export class PushSamplesResultDto {
  @ApiProperty({ example: 120, description: 'Samples stored; a resent sample replaces the stored value, so resending a batch changes nothing' })
  accepted: number;
}

export class SampleItemErrorDto {
  @ApiProperty({ example: 3, description: 'Position of the bad item in `samples`' }) index: number;
  @ApiProperty({ example: 'value', description: 'resourceId, measurement, ts, value, an unexpected property, or item when the item is not an object' })
  field: string;
  @ApiProperty({ example: 'samples[3].value must be a finite number (got string)' }) message: string;
}

/** A 400 of POST /samples: `errors` is there when items were refused, not when the body itself was. */
export class SampleBatchErrorDto extends ErrorDto {
  @ApiPropertyOptional({
    type: SampleItemErrorDto, isArray: true,
    description: 'Each bad item (the first 1000 errors), when items were refused; absent when the body itself was (not JSON, not { samples: [...] }). Nothing of the batch was stored',
  })
  errors?: SampleItemErrorDto[];
}

export class SampleClosedPeriodErrorDto extends ClosedPeriodErrorDto {
  @ApiProperty({ type: SampleItemErrorDto, isArray: true, description: 'Each item before closedBefore (the first 1000); nothing of the batch was stored' })
  errors: SampleItemErrorDto[];
}

export class SampleQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'disk.used', description: 'Only this measurement' })
  @IsOptional() @IsString() @Length(1, 64)
  measurement?: string;

  // The format (offset required, real calendar dates) is checked by SamplesService.
  @ApiPropertyOptional({ format: 'date-time', example: '2026-11-01T00:00:00Z', description: 'Samples with ts ≥ from; ISO 8601 with an offset or Z (encode + as %2B)' })
  @IsOptional() @IsString()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-12-01T00:00:00Z', description: 'Samples with ts < to; must be later than from' })
  @IsOptional() @IsString()
  to?: string;
}

export class SampleDto {
  @ApiProperty({ example: 'disk.used' }) measurement: string;
  @ApiProperty({ format: 'date-time' }) ts: string;
  @ApiProperty({ example: 52428800 }) value: number;

  static of(s: { measurement: string; ts: Date; value: number }): SampleDto {
    return { measurement: s.measurement, ts: s.ts.toISOString(), value: s.value };
  }
}
