import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@tally/config';
import { dataSourceOptions, migrateLocked } from '@tally/database';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { MIGRATIONS } from '../../migrations';
import { PG_ADMIN_URL, TEST_DATABASE } from '../setup/test-env';

/**
 * A worker collects every active resource in its database, so a collection suite gets a
 * database of its own (created and migrated here, dropped after): its polls never touch
 * another suite's resources, and other suites' resources never slow it down.
 */
export async function privateDatabase(options: { migrateBefore?: string } = {}): Promise<{ url: string; drop(): Promise<void> }> {
  // Named after the run's database, so a crashed run's leftovers are dropped with it (global-setup).
  const name = `${TEST_DATABASE}_c${randomUUID().slice(0, 8)}`;
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  // migrateBefore leaves the named migration and later ones to the test (an upgrade over old data).
  const upTo = options.migrateBefore ? MIGRATIONS.findIndex((m) => m.name === options.migrateBefore) : MIGRATIONS.length;
  if (upTo < 0) throw new Error(`no migration ${options.migrateBefore}`);
  const config = loadConfig({ ...process.env, DATABASE_URL: url.toString() });
  const ds = new DataSource(dataSourceOptions(config, { migrations: MIGRATIONS.slice(0, upTo) }));
  await ds.initialize();
  await migrateLocked(ds);
  await ds.destroy();
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

const OPEN_DAYS = 7;

/**
 * Short timeouts so failure cases cost seconds, and a queue prefix no other suite uses. A week
 * of late-push grace keeps the past week open (libs/metering closed-periods.ts), so suites can
 * trigger distinct past slots (testSlot) as an operator may while they are open.
 */
export function collectionEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    TALLY_LATE_PUSH_GRACE_MINUTES: String(OPEN_DAYS * 1440),
    TALLY_QUEUE_PREFIX: `${process.env.TALLY_QUEUE_PREFIX}-${randomUUID().slice(0, 8)}`,
    TALLY_SSH_CONNECT_TIMEOUT_MS: '2000',
    TALLY_SSH_COMMAND_TIMEOUT_MS: '3000',
    TALLY_RAPI_CONNECT_TIMEOUT_MS: '1500',
    TALLY_RAPI_TIMEOUT_MS: '2000',
    TALLY_PERSIST_RETRY_HOURS: '1',
    // A spool per environment: a restarted worker of this suite finds its own entries, and no other.
    TALLY_SPOOL_DIR: join(tmpdir(), 'tally-test-spool', randomUUID().slice(0, 8)),
    ...extra,
  };
}

/** The worker module in this process: same processors, schedules and shutdown as main.ts. */
export async function startWorkerApp(env: Record<string, string>): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig({ ...process.env, ...env })), { logger: false });
  app.enableShutdownHooks();
  await app.init();
  return app;
}

/** Deletes this suite's keys only (never FLUSHALL: other suites share the Redis). */
export async function dropRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

type Admin = { get(url: string): { expect(status: number): PromiseLike<{ body: any }> } };

/** Reads a run over the API, and waits for it to reach a finished state. */
export function runWatcher(admin: () => Admin, defaultTimeoutMs = 30_000) {
  const run = async (id: string) => (await admin().get(`/api/v1/collections/${id}`).expect(200)).body;
  const done = (id: string, timeoutMs = defaultTimeoutMs) =>
    waitFor(`run ${id} to finish`, async () => {
      const r = await run(id);
      return ['succeeded', 'partial', 'failed'].includes(r.state) && r;
    }, timeoutMs);
  return { run, done };
}

const SLOT_MS = 30 * 60_000;
/**
 * A distinct past slot per call, later each time, so runs (unique per kind and slot) never
 * collide. All open under collectionEnv: the first starts 6 to 5 days ago, and a suite uses a
 * few dozen of the 240 slots before the last day, which the schedules' own slots never reach.
 */
const firstSlot = Math.floor((Date.now() - 6 * 86_400_000) / SLOT_MS) * SLOT_MS + Math.floor(Math.random() * 48) * SLOT_MS;
let slotCounter = 0;
export function testSlot(): Date {
  return new Date(firstSlot + slotCounter++ * SLOT_MS);
}
