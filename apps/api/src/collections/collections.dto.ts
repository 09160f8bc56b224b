import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CollectionRunEntity, RUN_KINDS, RUN_STATES, RunKind, RunState } from '@tally/database';
import { GanetiInstance } from '@tally/collectors';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { MAX_PAGE_SIZE, PageQueryDto } from '../common/pagination.dto';

export class TriggerCollectionDto {
  @ApiPropertyOptional({
    format: 'date-time', example: '2026-11-23T10:30:00Z',
    description: 'Any instant in the slot to collect; aligned down to the slot start (UTC). Default: the current slot. Not in the future, '
      + 'and not a closed slot (409).',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'slot must be an ISO 8601 timestamp such as 2026-11-23T10:30:00Z' })
  slot?: string;

  @ApiPropertyOptional({
    type: String, format: 'uuid', isArray: true, maxItems: MAX_PAGE_SIZE,
    description: 'Also collect these `node` and `ganeti-vm` resources into the slot\'s run now, whatever else has claimed the slot: '
      + 'once its collection has finished, each of them without an outcome in it is added to it (a resource is collected at most once per slot). '
      + 'They must exist and be active, with their project and client. Follow them with GET /collections/{id}?target=<id>.',
  })
  @IsOptional()
  @IsArray({ message: 'resourceIds must be an array of resource ids' })
  @ArrayMinSize(1, { message: 'resourceIds must name at least one resource' })
  @ArrayMaxSize(MAX_PAGE_SIZE, { message: `resourceIds must name at most ${MAX_PAGE_SIZE} resources` })
  @IsUUID('all', { each: true, message: 'resourceIds must contain only UUIDs' })
  resourceIds?: string[];
}

export class CollectionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: RUN_KINDS, description: '`collect` (a slot\'s collection) or `precache` (Ganeti cache refresh)' })
  @IsOptional()
  @IsIn(RUN_KINDS as unknown as string[], { message: `kind must be one of ${RUN_KINDS.join(', ')}` })
  kind?: RunKind;

  @ApiPropertyOptional({ enum: RUN_STATES, description: '`missed`: slot boundaries the schedule owed that closed with no collection (the slot ledger)' })
  @IsOptional()
  @IsIn(RUN_STATES as unknown as string[], { message: `state must be one of ${RUN_STATES.join(', ')}` })
  state?: RunState;
}

export class RunDetailQueryDto {
  @ApiPropertyOptional({
    enum: ['all', 'errors'], default: 'all',
    description: '`errors`: only the targets that failed, for runs over many thousands of resources',
  })
  @IsOptional()
  @IsIn(['all', 'errors'], { message: 'outcomes must be one of all, errors' })
  outcomes?: 'all' | 'errors';

  @ApiPropertyOptional({
    type: String, example: '5c1e…,9a7f…',
    description: 'Only these targets\' outcomes (resource ids, or cluster FQDNs for a pre-cache), comma-separated, at most 500',
  })
  @IsOptional()
  // Comma-separated, since a query parameter may appear only once (docs/api.md); neither ids nor FQDNs contain commas.
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsArray()
  @ArrayMaxSize(MAX_PAGE_SIZE, { message: `target may name at most ${MAX_PAGE_SIZE} targets` })
  @IsString({ each: true })
  @MaxLength(300, { each: true, message: 'target must be a resource id or a cluster FQDN' })
  target?: string[];
}

export class CollectionRunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: RUN_KINDS }) kind: RunKind;
  @ApiProperty({ format: 'date-time', description: 'Slot start (UTC). For a pre-cache, the collection slot it prepares.' }) slot: string;
  @ApiProperty({
    enum: RUN_STATES,
    description: 'queued → running → succeeded (all ok) | partial (some errors) | failed (all errors); '
      + '`missed`: a boundary the schedule owed closed before anything collected it (`reason` says why)',
  })
  state: string;
  @ApiProperty({ example: 'schedule', description: '`schedule`, `api`, or `reconcile` (the worker found the boundary without a run)' }) trigger: string;
  @ApiProperty({ nullable: true, type: String, example: 'Redis unavailable from 2026-12-01T10:29:50.000Z to 2026-12-01T11:02:10.000Z: not collected before it closed at 2026-12-01T11:00:00.000Z', description: 'Why a `missed` slot was missed; null otherwise' })
  reason: string | null;
  @ApiProperty({ description: 'Targets in the run: resources (collect) or clusters (precache)' }) total: number;
  @ApiProperty() okCount: number;
  @ApiProperty() errorCount: number;
  @ApiProperty({ description: 'Samples written (collect) or instances cached (precache)' }) sampleCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'finishedAt − startedAt, in ms; null while running' }) durationMs: number | null;

  static of(r: CollectionRunEntity): CollectionRunDto {
    return {
      id: r.id, kind: r.kind, slot: r.slot.toISOString(), state: r.state, trigger: r.trigger, reason: r.reason ?? null, total: r.total,
      okCount: r.okCount, errorCount: r.errorCount, sampleCount: r.sampleCount, createdAt: r.createdAt.toISOString(),
      startedAt: r.startedAt?.toISOString() ?? null, finishedAt: r.finishedAt?.toISOString() ?? null,
      durationMs: r.startedAt && r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null,
    };
  }
}

export class RunOutcomeDto {
  @ApiProperty({ description: 'Resource id (collect) or cluster FQDN (precache)' }) target: string;
  @ApiProperty({ enum: ['resource', 'cluster'] }) targetType: 'resource' | 'cluster';
  @ApiPropertyOptional({ description: 'Resource name, when the target is a resource that still exists' }) name?: string;
  @ApiPropertyOptional({ description: 'Resource type, when the target is a resource that still exists' }) type?: string;
  @ApiProperty() ok: boolean;
  @ApiPropertyOptional({ description: 'Why it failed (or what was odd), for an operator to act on' }) reason?: string;
  @ApiProperty({ description: 'Samples written (resource) or instances cached (cluster)' }) samples: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiPropertyOptional({ type: 'integer', description: 'How long the poll (or the cluster fetch) took; absent when nothing was contacted (a cached VM, a skipped slot)' })
  durationMs?: number;
}

export class CollectionRunDetailDto extends CollectionRunDto {
  @ApiProperty({ type: RunOutcomeDto, isArray: true, description: 'Errors first, then by name' }) outcomes: RunOutcomeDto[];
  @ApiProperty({
    description: 'True when retention (TALLY_RUN_OUTCOME_RETENTION_DAYS) has removed this run\'s per-target outcomes; its counts remain',
  })
  outcomesPruned: boolean;
}

export class ScheduleDto {
  @ApiProperty({ example: 'schedule-collect-slot' }) id: string;
  @ApiProperty({ example: 'collect-slot' }) job: string;
  @ApiProperty({ example: 'tally-collect' }) queue: string;
  @ApiProperty({ example: '0 0,30 * * * *', description: 'Cron with seconds, UTC' }) pattern: string;
  @ApiProperty({ description: 'False when no worker has registered it: nothing runs on schedule until a worker starts' }) registered: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) next: string | null;
  @ApiProperty({ type: CollectionRunDto, nullable: true, description: 'The latest run this schedule started' }) lastRun: CollectionRunDto | null;
  @ApiProperty({
    enum: ['up', 'degraded'],
    description: '`degraded`: slots are owed (a scheduled run exists) and this scheduler is missing, fires at another pattern, '
      + 'or (collection) no slot was collected within one interval plus TALLY_SCHEDULE_GRACE_SECONDS',
  })
  status: 'up' | 'degraded';
  @ApiPropertyOptional({ description: 'Why it is degraded' }) problem?: string;
}

export class GanetiInstanceDto {
  @ApiProperty({ example: 'vm1.example.org' }) name: string;
  @ApiProperty({ example: 'running' }) status: string;
  @ApiProperty({ nullable: true, type: Boolean }) adminUp: boolean | null;
  @ApiProperty() vcpus: number;
  @ApiProperty({ description: 'MiB' }) memoryMiB: number;
  @ApiProperty({ description: 'MiB' }) diskMiB: number;
  @ApiPropertyOptional() primaryNode?: string;

  static of(i: GanetiInstance): GanetiInstanceDto {
    return { name: i.name, status: i.status, adminUp: i.adminUp, vcpus: i.vcpus, memoryMiB: i.memoryMiB, diskMiB: i.diskMiB, ...(i.primaryNode ? { primaryNode: i.primaryNode } : {}) };
  }
}

export class UnassignedInstancesDto {
  @ApiProperty({ example: 'cluster1.example.org' }) cluster: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When the cached answer was fetched; null if never' }) fetchedAt: string | null;
  @ApiProperty({ type: GanetiInstanceDto, isArray: true }) items: GanetiInstanceDto[];
  @ApiProperty({ description: 'Matching items in all pages' }) total: number;
}
