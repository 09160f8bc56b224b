import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { InjectRedis } from '@tally/jobs';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth/roles.decorator';

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS).unref())]);
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
  @ApiOkResponse({ description: 'The process is running' })
  live() {
    return { status: 'up' };
  }

  @Get('ready')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Postgres and Redis answer' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down; the body says which and why' })
  async ready() {
    const [postgres, redis] = await Promise.all([check(() => this.db.query('SELECT 1')), check(() => this.redis.ping())]);
    const body = { status: postgres.status === 'up' && redis.status === 'up' ? 'up' : 'down', checks: { postgres, redis } };
    if (body.status !== 'up') {
      throw new ServiceUnavailableException({ message: `not ready: ${JSON.stringify(body.checks)}` });
    }
    return body;
  }
}
