import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, APP_CONFIG } from '@tally/config';
import Redis, { Cluster, RedisOptions } from 'ioredis';

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

/**
 * Every Redis connection of ours, to one server (REDIS_URL) or a Redis Cluster
 * (REDIS_CLUSTER_NODES, with REDIS_URL's credentials and TLS). The cluster client is typed as
 * a Redis: it has the same commands, and each caller's keys share the prefix's hash tag, so
 * its scripts and transactions stay within one slot.
 */
export function redisConnection(config: AppConfig, options: RedisOptions): Redis {
  const nodes = config.redis.clusterNodes;
  if (!nodes) return new Redis(config.redis.url, options);
  const url = new URL(config.redis.url);
  const redisOptions: RedisOptions = {
    ...options,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
  const cluster = new Cluster(nodes, {
    redisOptions,
    lazyConnect: options.lazyConnect,
    enableOfflineQueue: options.enableOfflineQueue,
    // Keep trying the seed nodes through an outage, as a single connection does.
    clusterRetryStrategy: (times) => Math.min(100 * times, 2_000),
  });
  return cluster as unknown as Redis;
}

/** A connection for commands (health, caches, enqueueing). BullMQ workers make their own ('waits'). */
export function createRedis(config: AppConfig, name: string, mode: RedisMode = 'waits'): Redis {
  const common = { connectionName: `tally-${name}`, lazyConnect: false };
  const redis = mode === 'waits'
    ? redisConnection(config, { ...common, maxRetriesPerRequest: null, enableOfflineQueue: true })
    : redisConnection(config, {
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
