import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { InjectRedis } from '@tally/jobs';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth/roles.decorator';

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS).unref())]);
}

class LiveDto {
  @ApiProperty({ enum: ['up'] }) status: 'up';
}

class CheckDto {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiPropertyOptional({ description: 'Why it is down' }) error?: string;
}

class ChecksDto {
  @ApiProperty({ type: CheckDto }) postgres: CheckDto;
  @ApiProperty({ type: CheckDto }) redis: CheckDto;
}

class ReadyDto {
  @ApiProperty({ enum: ['up'] }) status: 'up';
  @ApiProperty({ type: ChecksDto }) checks: ChecksDto;
}

async function check(fn: () => Promise<unknown>): Promise<{ status: 'up' | 'down'; error?: string }> {
  try {
    await withTimeout(fn());
    return { status: 'up' };
  } catch (e) {
    return { status: 'down', error: (e as Error).message };
  }
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRedis() private readonly redis: Redis,
  ) {}

  @Get('live')
  @ApiOperation({ operationId: 'getLiveness' })
  @ApiOkResponse({ type: LiveDto, description: 'The process is running' })
  live(): LiveDto {
    return { status: 'up' };
  }

  @Get('ready')
  @HttpCode(200)
  @ApiOperation({ operationId: 'getReadiness' })
  @ApiOkResponse({ type: ReadyDto, description: 'Postgres and Redis answer' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down; the message says which and why' })
  async ready(): Promise<ReadyDto> {
    const [postgres, redis] = await Promise.all([check(() => this.db.query('SELECT 1')), check(() => this.redis.ping())]);
    const checks = { postgres, redis };
    if (postgres.status !== 'up' || redis.status !== 'up') {
      throw new ServiceUnavailableException({ message: `not ready: ${JSON.stringify(checks)}` });
    }
    return { status: 'up', checks };
  }
}
