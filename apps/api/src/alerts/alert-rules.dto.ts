import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { AlertRule, COMPARISONS, RuleKind, SCOPE_TYPES, ScopeType } from '@tally/alerts';
import type { Comparison } from '@tally/alerts';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { NoControlChars, OptionalNotNull } from '../common/validation';

const NAME = /^\S(.*\S)?$/;
const LIMIT = 1e15;

export class CreateAlertRuleDto {
  @ApiProperty({ example: 'node down', maxLength: 200 })
  @IsString() @Length(1, 200) @Matches(NAME, { message: 'name must not start or end with white space' }) @NoControlChars()
  name: string;

  @ApiPropertyOptional({ enum: ['threshold', 'budget'], default: 'threshold', description: "budget: the client's usage of the measurement this calendar month (in timeZone) against crit (and warn)" })
  @OptionalNotNull() @IsIn(['threshold', 'budget'])
  kind?: RuleKind;

  @ApiProperty({ example: 'node.up', description: 'A measurement key of the catalog; counters are evaluated as a rate per second' })
  @IsString() @Length(1, 100)
  measurement: string;

  @ApiProperty({ enum: SCOPE_TYPES, description: 'What the rule watches: every resource, or those of a client, a project, one resource, or a resource type' })
  @IsIn(SCOPE_TYPES)
  scopeType: ScopeType;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'The client, project or resource id, or the resource type (e.g. node); absent for all' })
  @IsOptional() @IsString() @Length(1, 100) @NoControlChars()
  scopeId?: string | null;

  @ApiPropertyOptional({ enum: COMPARISONS, default: '>', description: 'value <comparison> threshold breaches (budget rules: always >=)' })
  @OptionalNotNull() @IsIn(COMPARISONS)
  comparison?: Comparison;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 80 })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-LIMIT) @Max(LIMIT)
  warn?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 1, description: 'For node.up with comparison <: crit 1 fires when the node does not answer' })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-LIMIT) @Max(LIMIT)
  crit?: number | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, description: 'Flap guard: evaluations in a row that must agree before the state changes (default 3; budget 1)' })
  @OptionalNotNull() @IsInt() @Min(1) @Max(100)
  forEvaluations?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 3, description: 'Evaluations in a row without a sample before the series is nodata (never read as zero)' })
  @OptionalNotNull() @IsInt() @Min(1) @Max(100)
  nodataAfter?: number;

  @ApiPropertyOptional({ default: 'UTC', description: 'Budget rules: the zone whose calendar month counts' })
  @OptionalNotNull() @IsString() @Length(1, 64)
  timeZone?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 1000, default: 3, description: 'Cut-off: at most this many notifications per incident, then silence until it recovers' })
  @OptionalNotNull() @IsInt() @Min(0) @Max(1000)
  maxNotifications?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 43200, default: 240, description: 'Re-notify an unacknowledged open incident this often; 0: never' })
  @OptionalNotNull() @IsInt() @Min(0) @Max(43200)
  renotifyMinutes?: number;

  @ApiPropertyOptional({ default: true, description: 'false: incidents open and show, but nothing is sent (recorded as alert.suppressed)' })
  @OptionalNotNull() @IsBoolean()
  notificationsEnabled?: boolean;

  @ApiPropertyOptional({ default: true, description: 'false: not evaluated at all' })
  @OptionalNotNull() @IsBoolean()
  enabled?: boolean;
}

export class UpdateAlertRuleDto extends PartialType(CreateAlertRuleDto, { skipNullProperties: false }) {}

export class AlertRuleDto implements AlertRule {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['threshold', 'budget'] }) kind: RuleKind;
  @ApiProperty() measurement: string;
  @ApiProperty() measurementId: number;
  @ApiProperty({ enum: ['gauge', 'counter'] }) measurementKind: string;
  @ApiProperty({ enum: SCOPE_TYPES }) scopeType: ScopeType;
  @ApiProperty({ type: String, nullable: true }) scopeId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The client the scope lies in; null for installation-wide rules' }) clientId: string | null;
  @ApiProperty({ enum: COMPARISONS }) comparison: Comparison;
  @ApiProperty({ type: Number, nullable: true }) warn: number | null;
  @ApiProperty({ type: Number, nullable: true }) crit: number | null;
  @ApiProperty() forEvaluations: number;
  @ApiProperty() nodataAfter: number;
  @ApiProperty() timeZone: string;
  @ApiProperty() maxNotifications: number;
  @ApiProperty() renotifyMinutes: number;
  @ApiProperty() notificationsEnabled: boolean;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
