import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, APP_CONFIG } from '@tally/config';
import Redis from 'ioredis';

export const REDIS = Symbol('REDIS');
export const InjectRedis = () => Inject(REDIS);

/**
 * `waits`: what BullMQ requires of a worker's connections, and what the worker's own commands
 * want: a command waits for Redis to come back (offline queue, unlimited retries).
 * `fails-fast`: for an HTTP caller, who must be told the truth at once. A command is never
 * buffered while disconnected nor resent after a reconnect, and fails after a timeout, so
 * a command that failed was not carried out later behind the caller's back.
 */
export type RedisMode = 'waits' | 'fails-fast';

/** A connection for commands (health, caches, enqueueing). BullMQ workers make their own ('waits'). */
export function createRedis(config: AppConfig, name: string, mode: RedisMode = 'waits'): Redis {
  const common = { connectionName: `tally-${name}`, lazyConnect: false };
  const redis = mode === 'waits'
    ? new Redis(config.redis.url, { ...common, maxRetriesPerRequest: null, enableOfflineQueue: true })
    : new Redis(config.redis.url, {
        ...common,
        enableOfflineQueue: false,
        autoResendUnfulfilledCommands: false,
        maxRetriesPerRequest: 0,
        commandTimeout: config.redis.commandTimeoutMs,
      });
  logOutages(redis, name);
  return redis;
}

/** One warning when a connection is lost (ioredis retries every few seconds) and one line when it is back. */
function logOutages(redis: Redis, name: string): void {
  const logger = new Logger('Redis');
  let down = false;
  redis.on('error', (err: Error) => {
    if (!down) logger.warn({ connection: name, err: err.message }, 'Redis connection lost; reconnecting');
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.log({ connection: name }, 'Redis connection back');
    down = false;
  });
}

class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown() {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** The process's shared Redis connection: the API's fails fast, the worker's waits. */
@Global()
@Module({})
export class RedisModule {
  static forRoot(mode: RedisMode): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        { provide: REDIS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createRedis(config, 'main', mode) },
        RedisCloser,
      ],
      exports: [REDIS],
    };
  }
}
