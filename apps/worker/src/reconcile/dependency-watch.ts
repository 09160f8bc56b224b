import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Dependency, OutageLog } from '@tally/collectors';
import { DatabaseHealth } from '@tally/database';
import { InjectRedis } from '@tally/jobs';
import Redis from 'ioredis';

/** How often Postgres is probed for coming back (the probe has a connection of its own). */
const POSTGRES_PROBE_MS = 5_000;

/**
 * Notices when Redis or Postgres goes away and comes back, writes it into the OutageLog (so a
 * missed slot can say "Redis unavailable from … to …"), and tells listeners the moment one is
 * back, so the reconciler and the schedule check run then rather than at their next tick.
 */
@Injectable()
export class DependencyWatch implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('DependencyWatch');
  private readonly listeners: ((dependency: Dependency) => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(
    private readonly outages: OutageLog,
    private readonly database: DatabaseHealth,
    @InjectRedis() private readonly redis: Redis,
  ) {}

  onRecovered(listener: (dependency: Dependency) => void): void {
    this.listeners.push(listener);
  }

  onApplicationBootstrap() {
    if (this.redis.status !== 'ready') this.outages.down('Redis');
    this.redis.on('close', () => {
      if (!this.stopping) this.outages.down('Redis');
    });
    this.redis.on('ready', () => this.recovered('Redis'));
    this.timer = setInterval(() => void this.probePostgres(), POSTGRES_PROBE_MS).unref();
  }

  beforeApplicationShutdown() {
    this.stopping = true;
    clearInterval(this.timer);
  }

  private async probePostgres(): Promise<void> {
    const probe = await this.database.probe();
    if (this.stopping) return;
    if (probe.status === 'down') this.outages.down('Postgres');
    else this.recovered('Postgres');
  }

  private recovered(dependency: Dependency): void {
    const outage = this.outages.up(dependency);
    if (!outage || this.stopping) return;
    this.logger.log({ dependency, from: outage.from.toISOString(), to: outage.to?.toISOString() }, 'dependency back: reconciling the slot ledger and the schedules');
    for (const listener of this.listeners) listener(dependency);
  }
}
