import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CorrectionEntity } from '@tally/database';
import { CorrectionChange, correctionView, MAX_CORRECTION_ITEMS, MAX_REASON_LENGTH } from '@tally/metering';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { ErrorDto } from '../common/api-errors';
import { PageOf, PageQueryDto } from '../common/pagination.dto';
import { PushSampleDto } from './metering.dto';

/**
 * The JSON form of a correction. Like a push, it is checked by a hand-written validator
 * (libs/metering corrections), not class-validator: these classes document it for OpenAPI.
 */
export class CorrectionDeleteDto {
  @ApiProperty({ format: 'uuid' }) resourceId: string;
  @ApiProperty({ example: 'disk.used' }) measurement: string;
  @ApiProperty({ format: 'date-time', example: '2026-10-01T00:30:00Z', description: 'The sample to delete; deleting a sample that does not exist changes nothing' })
  ts: string;
}

export class CreateCorrectionDto {
  @ApiProperty({ minLength: 1, maxLength: MAX_REASON_LENGTH, example: 'Re-import October from the cluster accounting log (ticket 4711)', description: 'Why; kept with the correction for good' })
  reason: string;

  @ApiPropertyOptional({ type: PushSampleDto, isArray: true, description: 'Samples to write (insert or replace), in closed or open periods alike' })
  samples?: PushSampleDto[];

  @ApiPropertyOptional({ type: CorrectionDeleteDto, isArray: true, description: 'Samples to delete' })
  deletes?: CorrectionDeleteDto[];
}

export class CorrectionActorDto {
  @ApiProperty({ format: 'uuid' }) apiKeyId: string;
  @ApiProperty({ example: 'billing-anna', description: 'The key\'s name when it applied the correction' }) name: string;
  @ApiProperty({ enum: ['admin', 'billing'] }) role: string;
}

export class CorrectionItemsDto {
  @ApiProperty({ description: 'Sample items sent' }) samples: number;
  @ApiProperty({ description: 'Delete items sent' }) deletes: number;
  @ApiProperty({ description: 'Samples that did not exist and were written' }) inserted: number;
  @ApiProperty({ description: 'Samples whose value was replaced' }) updated: number;
  @ApiProperty({ description: 'Samples deleted' }) deleted: number;
  @ApiProperty({ description: 'Items that changed nothing: the stored value sent again, or a delete of a sample that did not exist' }) unchanged: number;
}

export class CorrectionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date-time', description: 'When it was applied' }) createdAt: string;
  @ApiProperty({ type: CorrectionActorDto, description: 'The API key that applied it' }) by: CorrectionActorDto;
  @ApiProperty({ description: 'The request that applied it (X-Request-Id), to find it in the logs' }) requestId: string;
  @ApiProperty({ type: CorrectionItemsDto }) items: CorrectionItemsDto;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Earliest sample ts it changed; null when it changed nothing' }) changedFrom: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Latest sample ts it changed; null when it changed nothing' }) changedTo: string | null;

  static of(c: CorrectionEntity): CorrectionDto {
    return correctionView(c);
  }
}

export class CorrectionChangeDto {
  @ApiProperty({ format: 'uuid' }) resourceId: string;
  @ApiProperty({ example: 'disk.used' }) measurement: string;
  @ApiProperty({ format: 'date-time' }) ts: string;
  @ApiProperty({ nullable: true, type: Number, description: 'The value before; null when the correction inserted the sample' }) before: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The value after; null when the correction deleted the sample' }) after: number | null;

  static of(c: CorrectionChange): CorrectionChangeDto {
    return { resourceId: c.resourceId, measurement: c.measurement, ts: c.ts.toISOString(), before: c.before, after: c.after };
  }
}

export class CorrectionDetailDto extends CorrectionDto {
  @ApiProperty({ type: PageOf(CorrectionChangeDto), description: 'Each sample it changed, before → after, by resource, measurement and ts; paged with limit and offset' })
  changes: { items: CorrectionChangeDto[]; total: number };
}

export class CorrectionItemErrorDto {
  @ApiProperty({ example: 'samples[3]', description: 'The item as sent: samples[i] or deletes[i] in JSON, line N in NDJSON' }) item: string;
  @ApiProperty({ example: 'value', description: 'resourceId, measurement, ts, value, an unexpected property, or item' }) field: string;
  @ApiProperty({ example: 'samples[3].value must be a finite number (got string)' }) message: string;
}

export class CorrectionErrorDto extends ErrorDto {
  @ApiPropertyOptional({
    type: CorrectionItemErrorDto, isArray: true,
    description: 'Each bad item (the first 1000); nothing was changed. Absent when the body as a whole was refused (not JSON, too deep, no reason, …)',
  })
  errors?: CorrectionItemErrorDto[];
}

export class CorrectionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only corrections that changed this resource' })
  @IsOptional() @IsUUID('all', { message: 'resourceId must be a UUID' })
  resourceId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only corrections that changed this client\'s resources' })
  @IsOptional() @IsUUID('all', { message: 'clientId must be a UUID' })
  clientId?: string;

  // The format (offset required, real calendar dates) is checked by the controller.
  @ApiPropertyOptional({ format: 'date-time', example: '2026-10-01T00:00:00Z', description: 'Only corrections that changed samples with ts ≥ from' })
  @IsOptional() @IsString() @Length(1, 64)
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-11-01T00:00:00Z', description: 'Only corrections that changed samples with ts < to' })
  @IsOptional() @IsString() @Length(1, 64)
  to?: string;
}

export const CORRECTION_LIMITS = `at most ${MAX_CORRECTION_ITEMS.toLocaleString('en')} items`;
