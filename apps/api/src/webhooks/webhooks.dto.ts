import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DELIVERY_STATUSES, DeliveryStatus } from '@tally/webhooks';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { BoolQuery } from '../common/bool-query';
import { PageQueryDto } from '../common/pagination.dto';
import { NoControlChars, OptionalNotNull } from '../common/validation';

const EVENTS_DOC = 'Event names, `prefix.*` or `*` (docs/events.md); a pattern that matches no event is refused';
const URL_DOC = 'http:// or https://; private, loopback, link-local and metadata addresses are refused unless TALLY_WEBHOOKS_ALLOW_PRIVATE is set';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://example.net/tally-hook', maxLength: 2000, description: URL_DOC })
  @IsString() @Length(1, 2000) @NoControlChars()
  url: string;

  @ApiProperty({ type: [String], example: ['client.*', 'host.down'], description: EVENTS_DOC, maxItems: 100 })
  @IsArray() @ArrayNotEmpty() @ArrayMaxSize(100) @IsString({ each: true }) @Length(1, 100, { each: true })
  events: string[];

  @ApiPropertyOptional({ format: 'uuid', type: String, nullable: true, description: "Only this client's events. A client key's webhooks are always its own client's; an admin's without one get every event" })
  @IsOptional() @IsUUID('all', { message: 'clientId must be a UUID' })
  clientId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional() @IsString() @Length(0, 500) @NoControlChars()
  description?: string | null;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional({ maxLength: 2000, description: URL_DOC })
  @OptionalNotNull() @IsString() @Length(1, 2000) @NoControlChars()
  url?: string;

  @ApiPropertyOptional({ type: [String], description: EVENTS_DOC, maxItems: 100 })
  @OptionalNotNull() @IsArray() @ArrayNotEmpty() @ArrayMaxSize(100) @IsString({ each: true }) @Length(1, 100, { each: true })
  events?: string[];

  @ApiPropertyOptional({ description: 'false pauses deliveries (they wait); true resumes them, also after Tally disabled it' })
  @OptionalNotNull() @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500, description: 'null clears it' })
  @IsOptional() @IsString() @Length(0, 500) @NoControlChars()
  description?: string | null;
}

export const SECRET_OVERLAP = { defaultSeconds: 86_400, maxSeconds: 7 * 86_400 };

export class RotateWebhookSecretDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: SECRET_OVERLAP.maxSeconds, default: SECRET_OVERLAP.defaultSeconds, description: 'How long the old secret keeps signing beside the new one' })
  @OptionalNotNull() @IsInt() @Min(0) @Max(SECRET_OVERLAP.maxSeconds)
  overlapSeconds?: number;
}

export class WebhookQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'clientId must be a UUID' }) clientId?: string;
  @ApiPropertyOptional() @IsOptional() @BoolQuery() @IsBoolean() active?: boolean;
}

export class DeliveryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES }) @IsOptional() @IsIn(DELIVERY_STATUSES, { message: `status must be one of ${DELIVERY_STATUSES.join(', ')}` }) status?: DeliveryStatus;
}

export class WebhookDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null: every client (an admin subscription)' }) clientId: string | null;
  @ApiProperty() url: string;
  @ApiProperty({ type: [String] }) events: string[];
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When Tally disabled it for failing (webhook.disabled)' }) disabledAt: string | null;
  @ApiProperty({ nullable: true, type: String }) disabledReason: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Since when deliveries fail without a success in between' }) failingSince: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Until when the secret replaced by the last rotation also signs' }) previousSecretValidUntil: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CreatedWebhookDto extends WebhookDto {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'The signing secret (Standard Webhooks), in this response only' })
  secret: string;
}

export class DeliveryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) webhookId: string;
  @ApiProperty({ example: '1042' }) eventId: string;
  @ApiProperty({ example: 'client.created' }) eventType: string;
  @ApiProperty({ description: 'The webhook-id header, the same on every attempt' }) messageId: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: DeliveryStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) nextAttemptAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastAttemptAt: string | null;
  @ApiProperty({ nullable: true, type: Number, description: "The receiver's HTTP status; null when it gave none" }) lastStatusCode: number | null;
  @ApiProperty({ nullable: true, type: Number }) lastLatencyMs: number | null;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) deliveredAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AttemptDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ description: 'A 2xx in time' }) ok: boolean;
  @ApiProperty({ nullable: true, type: Number }) statusCode: number | null;
  @ApiProperty() latencyMs: number;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
}

export class DeliveryWithAttemptsDto extends DeliveryDto {
  @ApiProperty({ type: AttemptDto, isArray: true, description: 'Every attempt, oldest first' }) attemptLog: AttemptDto[];
}
