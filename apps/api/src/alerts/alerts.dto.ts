import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Incident } from '@tally/alerts';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../common/pagination.dto';

export class AlertQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'recovered'] }) @IsOptional() @IsIn(['open', 'recovered']) status?: 'open' | 'recovered';
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ruleId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'A resource id (or a client id, for budget rules)' }) @IsOptional() @IsUUID() subjectId?: string;
}

export class AlertDto implements Incident {
  @ApiProperty({ description: 'The incident number' }) id: number;
  @ApiProperty({ format: 'uuid' }) ruleId: string;
  @ApiProperty() ruleName: string;
  @ApiProperty() measurement: string;
  @ApiProperty({ enum: ['resource', 'client'] }) subjectType: 'resource' | 'client';
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ type: String, nullable: true }) subjectName: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) clientId: string | null;
  @ApiProperty({ enum: ['warn', 'crit', 'nodata'] }) severity: 'warn' | 'crit' | 'nodata';
  @ApiProperty({ enum: ['open', 'recovered'] }) status: 'open' | 'recovered';
  @ApiProperty({ type: Number, nullable: true, description: 'The value that last moved it: a rate per second for counters, the month-to-date usage for budgets' }) value: number | null;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) escalatedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) recoveredAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acknowledgedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) acknowledgedBy: string | null;
  @ApiProperty() notifications: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastNotifiedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the latest notification was held back (maintenance, notifications off, flapping, cut-off), or null' }) suppressed: string | null;
  @ApiProperty() flapping: boolean;
}

class StatusIncidentDto {
  @ApiProperty() id: number;
  @ApiProperty() ruleName: string;
  @ApiProperty({ enum: ['warn', 'crit', 'nodata'] }) severity: string;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ type: String, nullable: true }) acknowledgedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) suppressed: string | null;
  @ApiProperty() flapping: boolean;
}

class LastPollDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() ok: boolean;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
}

export class StatusEntryDto {
  @ApiProperty({ enum: ['host', 'cluster'] }) kind: string;
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() type: string;
  @ApiProperty({ type: String, nullable: true }) clientId: string | null;
  @ApiProperty({ type: String, nullable: true }) clientName: string | null;
  @ApiProperty({ enum: ['up', 'down', 'flapping', 'maintenance', 'unknown'] }) state: string;
  @ApiProperty({ type: LastPollDto, nullable: true }) lastPoll: LastPollDto | null;
  @ApiProperty({ type: String, nullable: true, description: 'The maintenance window covering it now' }) maintenance: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Not tracked yet: always null' }) backingOff: null;
  @ApiProperty({ type: StatusIncidentDto, isArray: true }) incidents: StatusIncidentDto[];
}

export class StatusDto {
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: StatusEntryDto, isArray: true }) items: StatusEntryDto[];
}
