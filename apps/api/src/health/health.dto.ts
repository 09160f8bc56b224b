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

export class ReadyChecksDto {
  @ApiProperty({ type: PostgresCheckDto }) postgres: PostgresCheckDto;
  @ApiProperty({ type: RedisCheckDto }) redis: RedisCheckDto;
}

export class ReadyDto {
  @ApiProperty({ enum: ['up', 'busy'], description: '`busy` still serves: requests may wait a little for a database connection' })
  status: 'up' | 'busy';
  @ApiProperty({ type: ReadyChecksDto }) checks: ReadyChecksDto;
}
