import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { MaintenanceWindow, WINDOW_SCOPES, WindowScope } from '@tally/alerts';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { PageQueryDto } from '../common/pagination.dto';
import { NoControlChars, OptionalNotNull } from '../common/validation';

const NAME = /^\S(.*\S)?$/;
const OFFSET = /(Z|[+-]\d\d:\d\d)$/;

export class CreateMaintenanceWindowDto {
  @ApiProperty({ example: 'patch night', maxLength: 200 })
  @IsString() @Length(1, 200) @Matches(NAME, { message: 'name must not start or end with white space' }) @NoControlChars()
  name: string;

  @ApiProperty({ enum: WINDOW_SCOPES })
  @IsIn(WINDOW_SCOPES)
  scopeType: WindowScope;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The client, project or resource; absent for all' })
  @IsOptional() @IsUUID()
  scopeId?: string | null;

  @ApiProperty({ format: 'date-time', description: 'One-off: the start. Recurring: when the recurrence begins' })
  @IsISO8601({ strict: true }) @Matches(OFFSET, { message: 'startsAt must carry Z or an offset' })
  startsAt: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'One-off: the end (required). Recurring: when it stops; absent for never' })
  @IsOptional() @IsISO8601({ strict: true }) @Matches(OFFSET, { message: 'endsAt must carry Z or an offset' })
  endsAt?: string | null;

  @ApiPropertyOptional({ enum: ['none', 'daily', 'weekly'], default: 'none' })
  @OptionalNotNull() @IsIn(['none', 'daily', 'weekly'])
  recurrence?: 'none' | 'daily' | 'weekly';

  @ApiPropertyOptional({ type: [Number], example: [2], description: 'Weekly: ISO weekdays, 1 = Monday … 7 = Sunday' })
  @OptionalNotNull() @IsArray() @ArrayMaxSize(7) @IsInt({ each: true }) @Min(1, { each: true }) @Max(7, { each: true })
  weekdays?: number[];

  @ApiPropertyOptional({ type: String, example: '23:00', nullable: true, description: 'Recurring: local start time in timeZone' })
  @IsOptional() @IsString() @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'startTime must be HH:MM (00:00 to 23:59)' })
  startTime?: string | null;

  @ApiPropertyOptional({ type: Number, example: 120, nullable: true, minimum: 1, maximum: 10080 })
  @IsOptional() @IsInt() @Min(1) @Max(10080)
  durationMinutes?: number | null;

  @ApiPropertyOptional({ default: 'UTC', example: 'Europe/Berlin' })
  @OptionalNotNull() @IsString() @Length(1, 64)
  timeZone?: string;
}

export class UpdateMaintenanceWindowDto extends PartialType(CreateMaintenanceWindowDto, { skipNullProperties: false }) {}

export class MaintenanceWindowQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Only windows that may cover this instant' })
  @IsOptional() @IsISO8601({ strict: true }) @Matches(OFFSET, { message: 'activeAt must carry Z or an offset' })
  activeAt?: string;
}

export class MaintenanceWindowDto implements MaintenanceWindow {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: WINDOW_SCOPES }) scopeType: WindowScope;
  @ApiProperty({ type: String, nullable: true }) scopeId: string | null;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endsAt: string | null;
  @ApiProperty({ enum: ['none', 'daily', 'weekly'] }) recurrence: 'none' | 'daily' | 'weekly';
  @ApiProperty({ type: [Number] }) weekdays: number[];
  @ApiProperty({ type: String, nullable: true }) startTime: string | null;
  @ApiProperty({ type: Number, nullable: true }) durationMinutes: number | null;
  @ApiProperty() timeZone: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ResourceNotificationsDto {
  @ApiProperty({ description: 'false: no alert notifications about this resource (incidents still open, marked suppressed)' })
  @IsBoolean()
  enabled: boolean;

  @ApiPropertyOptional({ maxLength: 500, default: '' })
  @OptionalNotNull() @IsString() @Length(0, 500) @NoControlChars()
  reason?: string;
}

export class ResourceNotificationsStateDto {
  @ApiProperty({ format: 'uuid' }) resourceId: string;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) since: string | null;
}
