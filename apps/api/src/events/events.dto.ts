import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { PageQueryDto } from '../common/pagination.dto';

const EVENT_PATTERN = /^(\*|[a-z_]+(\.[a-z_]+)*(\.\*)?)$/;

export class EventActorDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) keyId: string | null;
  @ApiProperty({ nullable: true, type: String }) keyName: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'admin' }) role: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ nullable: true, type: String, example: '192.0.2.10' }) address: string | null;
}

export class EventSubjectDto {
  @ApiProperty({ example: 'client' }) type: string;
  @ApiProperty({ example: '0b7e…' }) id: string;
}

export class EventDto {
  @ApiProperty({ example: '1042', description: 'Increasing, but events can commit out of id order: page with `after`, not by id' }) id: string;
  @ApiProperty({ example: 'client.updated', description: 'docs/events.md lists every event and its payload' }) type: string;
  @ApiProperty({ example: 1, description: 'Payload version of this event type' }) version: number;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The client the event belongs to; null for installation-wide events' })
  clientId: string | null;
  @ApiProperty({ type: EventSubjectDto }) subject: EventSubjectDto;
  @ApiProperty({ type: EventActorDto, nullable: true, description: "Who made the change; null for the worker's own happenings" })
  actor: EventActorDto | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The payload of this type and version' }) data: Record<string, unknown>;
  @ApiProperty({
    type: 'object', additionalProperties: true, nullable: true,
    description: 'Changed fields, `{ before, after }`; a secret shows only `{ changed: true }`',
  })
  changes: Record<string, unknown> | null;
}

export class EventPageDto {
  @ApiProperty({ type: EventDto, isArray: true }) items: EventDto[];
  @ApiProperty({ description: 'Matching events in all pages' }) total: number;
  @ApiProperty({
    type: String, nullable: true,
    description: 'With `after`: pass this as `after` to get the events that follow (the same value when none did yet)',
  })
  nextCursor: string | null;
}

class EventFilterDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Events at or after this instant' })
  @IsOptional() @IsDateString({ strict: true }, { message: 'from must be an ISO 8601 date-time' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Events before this instant' })
  @IsOptional() @IsDateString({ strict: true }, { message: 'to must be an ISO 8601 date-time' })
  to?: string;
}

export class EventQueryDto extends EventFilterDto {
  @ApiPropertyOptional({ example: 'client.*', description: 'An event name, `prefix.*`, or `*`' })
  @IsOptional() @IsString() @Length(1, 100) @Matches(EVENT_PATTERN, { message: 'type must be an event name such as client.updated, or a prefix such as client.*' })
  type?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only events of this client' })
  @IsOptional() @IsUUID('all', { message: 'clientId must be a UUID' })
  clientId?: string;

  @ApiPropertyOptional({ example: 'resource', description: 'Only events about this kind of object' })
  @IsOptional() @IsString() @Length(1, 64)
  subjectType?: string;

  @ApiPropertyOptional({ description: 'Only events about this object (its id)' })
  @IsOptional() @IsString() @Length(1, 200)
  subjectId?: string;

  @ApiPropertyOptional({
    description: 'A cursor (`nextCursor` of an earlier page, or `head` for "from now on"): the events after it, oldest first. ' +
      'Without it, pages come newest first.',
  })
  @IsOptional() @IsString() @Length(1, 64)
  after?: string;
}

export class AuditQueryDto extends EventFilterDto {
  @ApiPropertyOptional({ example: 'client', description: 'The kind of object changed (client, project, resource, cluster, credential, api_key, …)' })
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;

  @ApiPropertyOptional({ description: 'The id of the object changed' })
  @IsOptional() @IsString() @Length(1, 200)
  id?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The API key that made the change' })
  @IsOptional() @IsUUID('all', { message: 'actor must be the UUID of an API key' })
  actor?: string;
}

export class HookDto {
  @ApiProperty({ example: 'require-billing-ref' }) name: string;
  @ApiProperty({ example: 'policy-billing-ref', description: 'The module (TALLY_HOOKS) that turns it on' }) module: string;
  @ApiProperty({ enum: ['before', 'after'], description: 'before: inside the request, may refuse (422); after: from the event log, in the worker' })
  phase: 'before' | 'after';
  @ApiProperty({ type: String, isArray: true, example: ['client.created', 'client.updated'] }) events: string[];
  @ApiProperty() description: string;
}

export class HookListDto {
  @ApiProperty({ type: HookDto, isArray: true }) items: HookDto[];
  @ApiProperty() total: number;
}
