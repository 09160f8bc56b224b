import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, InjectConfig } from '@tally/config';
import type { PermitLoad } from '@tally/runtime';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';

/** A probe that takes longer than this is a database that does not answer. */
export const PROBE_TIMEOUT_MS = 2000;

export interface DatabaseProbe {
  /** `down` only when Postgres itself did not answer on the probe's own connection. */
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}

/**
 * Tells "Postgres is busy" apart from "Postgres is down". The probe runs on a connection of
 * its own, outside the pool, so it never queues behind the API's queries or reports: a wait
 * for the pool is load (see `poolLoad`), and only a failure on this connection is an outage.
 * Concurrent probes share one round trip. API only: a process that never probes never
 * opens the connection.
 */
@Injectable()
export class DatabaseHealth implements OnApplicationShutdown {
  private readonly probePool: Pool;
  private inFlight?: Promise<DatabaseProbe>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() config: AppConfig,
  ) {
    this.probePool = new Pool({
      connectionString: config.database.url,
      max: 1,
      idleTimeoutMillis: 0, // kept open, so a probe during an overload needs no new backend
      allowExitOnIdle: true, // but it alone never keeps a process alive
      connectionTimeoutMillis: PROBE_TIMEOUT_MS,
      query_timeout: PROBE_TIMEOUT_MS,
      application_name: 'tally-health',
    });
    // A dropped idle connection is replaced by the next probe; that probe reports what happened.
    this.probePool.on('error', () => undefined);
  }

  probe(): Promise<DatabaseProbe> {
    this.inFlight ??= this.run().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** The main pool: connections in use, and callers waiting for one. */
  poolLoad(): PermitLoad {
    const pool = (this.db.driver as unknown as { master?: Pool }).master;
    const size = (pool?.options.max as number | undefined) ?? 0;
    return { size, inUse: pool ? pool.totalCount - pool.idleCount : 0, waiting: pool?.waitingCount ?? 0 };
  }

  private async run(): Promise<DatabaseProbe> {
    const started = Date.now();
    try {
      await this.probePool.query('SELECT 1');
      return { status: 'up', latencyMs: Date.now() - started };
    } catch (e) {
      return { status: 'down', latencyMs: Date.now() - started, error: (e as Error).message };
    }
  }

  async onApplicationShutdown() {
    await this.probePool.end().catch(() => undefined);
  }
}
