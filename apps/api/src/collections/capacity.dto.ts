import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const LIMITS = ['ssh-concurrency', 'rapi-concurrency', 'persist', 'interval'] as const;

export class DurationStatsDto {
  @ApiProperty({ type: 'integer', description: 'Observations (outcomes or runs) the figures are taken from' }) count: number;
  @ApiProperty() p50: number;
  @ApiProperty() p95: number;
  @ApiProperty() mean: number;
}

export class SlotDurationDto extends DurationStatsDto {
  @ApiProperty() max: number;
}

export class CapacitySettingsDto {
  @ApiProperty({ type: 'integer', description: 'TALLY_COLLECT_INTERVAL_MINUTES' }) intervalMinutes: number;
  @ApiProperty({ type: 'integer', description: 'TALLY_PRECACHE_LEAD_MINUTES: the time the Ganeti pre-cache has before its slot' }) precacheLeadMinutes: number;
  @ApiProperty({ type: 'integer', description: 'TALLY_SSH_CONCURRENCY (per worker)' }) sshConcurrency: number;
  @ApiProperty({ type: 'integer', description: 'TALLY_RAPI_CONCURRENCY (per worker)' }) rapiConcurrency: number;
  @ApiProperty({ type: 'integer', description: 'TALLY_PERSIST_CONCURRENCY (per worker)' }) persistConcurrency: number;
}

export class CapacitySourceDto {
  @ApiProperty({ enum: ['ssh', 'ganeti'] }) source: 'ssh' | 'ganeti';
  @ApiProperty({ example: 'node' }) resourceType: string;
  @ApiProperty({ type: 'integer', description: 'Collectable resources of the source now (a VM counts as a host)' }) hosts: number;
  @ApiPropertyOptional({ type: 'integer', description: 'Ganeti: clusters the pre-cache fetches' }) clusters?: number;
  @ApiProperty({ type: DurationStatsDto, nullable: true, description: 'Time per polled host in recent runs, ms; null before any (and for VMs, read from the cache)' })
  timePerHostMs: DurationStatsDto | null;
  @ApiPropertyOptional({ type: DurationStatsDto, nullable: true, description: 'Ganeti: time per cluster fetch in recent pre-cache runs, ms' })
  timePerClusterMs?: DurationStatsDto | null;
}

export class CapacityLimitDto {
  @ApiProperty({ enum: LIMITS }) limit: (typeof LIMITS)[number];
  @ApiProperty({ enum: ['hosts', 'clusters', 'resources'] }) unit: 'hosts' | 'clusters' | 'resources';
  @ApiProperty({ type: 'integer' }) current: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The most one worker can collect per slot under this limit; null when nothing measured allows a projection' })
  maxPerSlot: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'current / maxPerSlot: above 1 a slot cannot be collected in time' }) utilisation: number | null;
  @ApiProperty({ description: 'How the projection was made' }) basis: string;
}

export class CapacityDto {
  @ApiProperty({ type: CapacitySettingsDto }) settings: CapacitySettingsDto;
  @ApiProperty({ type: 'integer', description: 'Latest finished runs of each kind the figures come from' }) recentRuns: number;
  @ApiProperty({ type: CapacitySourceDto, isArray: true }) sources: CapacitySourceDto[];
  @ApiProperty({ type: SlotDurationDto, nullable: true, description: 'Start to finish of recent collection runs, ms' }) slotDurationMs: SlotDurationDto | null;
  @ApiProperty({ type: CapacityLimitDto, isArray: true }) limits: CapacityLimitDto[];
  @ApiProperty({ enum: LIMITS, nullable: true, description: 'The limit with the highest utilisation: the one to raise (or add a worker) first' })
  binding: (typeof LIMITS)[number] | null;
}
