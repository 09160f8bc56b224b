import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@tally/config';
import { DatabaseHealth } from '@tally/database';
import { InjectRedis, JobWorkers } from '@tally/jobs';
import Redis from 'ioredis';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Check, Heartbeat, HEARTBEAT_EVERY_MS } from './heartbeat';

const CHECK_TIMEOUT_MS = 2_000;

async function check(fn: () => Promise<unknown>): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([fn(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS)))]);
    return { status: 'up' };
  } catch (e) {
    return { status: 'down', error: (e as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Writes the heartbeat file every HEARTBEAT_EVERY_MS once the queue workers run: Postgres and
 * Redis answered, each queue's worker is taking jobs. Written whole and renamed into place, so
 * a reader never sees half a beat. Marked `stopping` on shutdown, so a stop is not read as a hang.
 */
@Injectable()
export class HeartbeatService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Heartbeat');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly database: DatabaseHealth,
    @InjectRedis() private readonly redis: Redis,
    private readonly workers: JobWorkers,
  ) {}

  async onApplicationBootstrap() {
    mkdirSync(dirname(this.config.worker.healthFile), { recursive: true });
    await this.beat();
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_EVERY_MS).unref();
    this.logger.log({ file: this.config.worker.healthFile }, 'heartbeat written every 10 s (check it: node dist/apps/worker/src/health.js)');
  }

  beforeApplicationShutdown() {
    clearInterval(this.timer);
    this.write({ pid: process.pid, at: new Date().toISOString(), status: 'stopping', checks: { postgres: { status: 'up' }, redis: { status: 'up' }, queues: [] } });
  }

  private async beat(): Promise<void> {
    // On a connection of its own: a pool busy with jobs is not Postgres down.
    const [probe, redis] = await Promise.all([this.database.probe(), check(() => this.redis.ping())]);
    const postgres: Check = probe.error ? { status: probe.status, error: probe.error } : { status: probe.status };
    const queues = this.workers.status();
    const up = postgres.status === 'up' && redis.status === 'up' && queues.every((q) => q.running);
    this.write({ pid: process.pid, at: new Date().toISOString(), status: up ? 'up' : 'down', checks: { postgres, redis, queues } });
  }

  private write(beat: Heartbeat): void {
    const file = this.config.worker.healthFile;
    try {
      writeFileSync(`${file}.${process.pid}.tmp`, `${JSON.stringify(beat)}\n`);
      renameSync(`${file}.${process.pid}.tmp`, file);
    } catch (err) {
      this.logger.warn({ err, file }, 'could not write the heartbeat file; the health command will report the worker as down');
    }
  }
}
