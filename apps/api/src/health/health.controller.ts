import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ScheduleStatusService } from '@tally/collectors';
import { DatabaseHealth, PROBE_TIMEOUT_MS } from '@tally/database';
import { InjectRedis } from '@tally/jobs';
import { ReportService } from '@tally/reports';
import Redis from 'ioredis';
import { Public } from '../common/auth/roles.decorator';
import { ErrorDto } from '../common/api-errors';
import { LiveDto, PostgresCheckDto, ReadyDto, RedisCheckDto, SchedulesCheckDto } from './health.dto';

/** How long a schedules check is reused while the pool is too busy to ask again. */
const SCHEDULES_REUSE_MS = 60_000;

function withTimeout<T>(p: Promise<T>): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS).unref())]);
}

/**
 * Hand-written rather than @nestjs/terminus, for two things terminus cannot do:
 * - `busy` apart from `down`: terminus's TypeOrmHealthIndicator pings through the app's own
 *   pool, so a pool taken by reports waits (or times out) and reads as Postgres down, and a
 *   load balancer then drops a replica that is only busy. DatabaseHealth probes on a
 *   connection of its own, outside the pool, and reads the pool's load separately.
 * - The documented contract (docs/api.md, test/api/*health*): `{ status: up|busy, checks }`
 *   and 503 with our error shape; terminus answers `{ status: ok|error, info, error, details }`
 *   with its own 503 body, and has no third, still-serving state.
 * The worker has no HTTP server at all (its health is a heartbeat file, health/heartbeat.ts).
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: DatabaseHealth,
    private readonly reports: ReportService,
    @InjectRedis() private readonly redis: Redis,
    private readonly schedules: ScheduleStatusService,
  ) {}

  @Get('live')
  @ApiOperation({ operationId: 'getLiveness' })
  @ApiOkResponse({ type: LiveDto, description: 'The process is running' })
  live(): LiveDto {
    return { status: 'up' };
  }

  /**
   * Ready while Postgres and Redis answer, even when every connection is taken (then `busy`):
   * a load balancer that took a busy API out would only move the load. 503 means down.
   * `degraded` (schedules missing or collection late) is a 200 too: the API serves, and taking
   * it out of rotation would not bring a job scheduler back; it is for monitoring to alert on.
   */
  @Get('ready')
  @HttpCode(200)
  @ApiOperation({ operationId: 'getReadiness' })
  @ApiOkResponse({
    type: ReadyDto,
    description: 'Postgres and Redis answer; `busy` when callers wait for a database connection; `degraded` when collection is not running as scheduled '
      + '(still 200: the API serves, and taking it out of rotation would not fix the schedule)',
  })
  @ApiServiceUnavailableResponse({ type: ErrorDto, description: 'Postgres or Redis does not answer; the message says which and why' })
  async ready(): Promise<ReadyDto> {
    const [postgres, redis] = await Promise.all([this.postgres(), this.redisCheck()]);
    const schedules = postgres.status === 'down' || redis.status === 'down'
      ? { status: 'unknown' as const, problems: ['not checked: Postgres or Redis does not answer'] }
      : await this.schedulesCheck(postgres.status === 'busy');
    const checks = { postgres, redis, schedules };
    if (postgres.status === 'down' || redis.status === 'down') {
      throw new ServiceUnavailableException(`not ready: ${JSON.stringify(checks)}`);
    }
    // Degraded outranks busy: data not being collected matters more than a short wait.
    const status = schedules.status === 'degraded' ? 'degraded' : postgres.status === 'busy' ? 'busy' : 'up';
    return { status, checks };
  }

  private lastSchedules?: { at: number; check: SchedulesCheckDto };

  /**
   * The schedules' check reads the runs through the pool. While the pool is busy it is not
   * asked (a health check must not queue behind the load it reports): the last answer stands
   * for up to a minute, and after that the check says it is unknown.
   */
  private async schedulesCheck(poolBusy: boolean): Promise<SchedulesCheckDto> {
    const recent = this.lastSchedules && Date.now() - this.lastSchedules.at < SCHEDULES_REUSE_MS ? this.lastSchedules.check : undefined;
    if (poolBusy) return recent ?? { status: 'unknown', problems: ['not checked: every database connection is in use'] };
    try {
      const check = await withTimeout(this.schedules.health());
      this.lastSchedules = { at: Date.now(), check };
      return check;
    } catch (e) {
      return { status: 'unknown', problems: [`not checked: ${(e as Error).message}`] };
    }
  }

  private async postgres(): Promise<PostgresCheckDto> {
    const probe = await this.database.probe();
    const pool = this.database.poolLoad();
    const reports = this.reports.load();
    const waited = pool.waiting > 0 || reports.waiting > 0 || pool.inUse >= pool.size;
    const status = probe.status === 'down' ? 'down' : waited ? 'busy' : 'up';
    return { status, latencyMs: probe.latencyMs, pool, reports, ...(probe.error ? { error: probe.error } : {}) };
  }

  private async redisCheck(): Promise<RedisCheckDto> {
    if (this.redis.status !== 'ready') return { status: 'down', error: `not connected (${this.redis.status})` };
    try {
      await withTimeout(this.redis.ping());
      return { status: 'up' };
    } catch (e) {
      return { status: 'down', error: (e as Error).message };
    }
  }
}
