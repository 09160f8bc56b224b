import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LiveDto {
  @ApiProperty({ enum: ['up'] }) status: 'up';
}

export class ConnectionLoadDto {
  @ApiProperty({ description: 'Connections in all' }) size: number;
  @ApiProperty({ description: 'Connections in use now' }) inUse: number;
  @ApiProperty({ description: 'Callers waiting for one' }) waiting: number;
}

export class PostgresCheckDto {
  @ApiProperty({ enum: ['up', 'busy', 'down'], description: '`busy`: Postgres answers, but callers are waiting for a connection; `down`: it did not answer' })
  status: 'up' | 'busy' | 'down';
  @ApiProperty({ description: 'Round trip of the probe, on a connection of its own' }) latencyMs: number;
  @ApiProperty({ type: ConnectionLoadDto, description: "The process's connection pool" }) pool: ConnectionLoadDto;
  @ApiProperty({ type: ConnectionLoadDto, description: "Reports' share of that pool" }) reports: ConnectionLoadDto;
  @ApiPropertyOptional({ description: 'Why it is down' }) error?: string;
}

export class RedisCheckDto {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiPropertyOptional({ description: 'Why it is down' }) error?: string;
}

export class SchedulesCheckDto {
  @ApiProperty({
    enum: ['up', 'degraded', 'unknown'],
    description: '`degraded`: a job scheduler is missing or wrong, or no slot was collected within one interval plus TALLY_SCHEDULE_GRACE_SECONDS '
      + '(judged once a scheduled run exists); `unknown`: Redis or Postgres did not answer, so it could not be checked',
  })
  status: 'up' | 'degraded' | 'unknown';
  @ApiProperty({ type: String, isArray: true, description: 'What is wrong, for an operator (GET /api/v1/collections/schedules has the detail)' }) problems: string[];
}

export class ReadyChecksDto {
  @ApiProperty({ type: PostgresCheckDto }) postgres: PostgresCheckDto;
  @ApiProperty({ type: RedisCheckDto }) redis: RedisCheckDto;
  @ApiProperty({ type: SchedulesCheckDto }) schedules: SchedulesCheckDto;
}

export class ReadyDto {
  @ApiProperty({
    enum: ['up', 'busy', 'degraded'],
    description: '`busy` still serves: requests may wait a little for a database connection. `degraded` still serves too, '
      + 'but collection is not happening as scheduled (checks.schedules says why): alert on it, do not take the API out of rotation',
  })
  status: 'up' | 'busy' | 'degraded';
  @ApiProperty({ type: ReadyChecksDto }) checks: ReadyChecksDto;
}
