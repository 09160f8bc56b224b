import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, APP_CONFIG } from '@tally/config';
import Redis from 'ioredis';

export const REDIS = Symbol('REDIS');
export const InjectRedis = () => Inject(REDIS);

/** One shared connection for commands (health, caches). BullMQ makes its own blocking ones. */
export function createRedis(config: AppConfig, name: string): Redis {
  return new Redis(config.redis.url, {
    connectionName: `tally-${name}`,
    // BullMQ requires null; for plain commands it means "wait for Redis to come back".
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    lazyConnect: false,
  });
}

class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown() {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  providers: [
    { provide: REDIS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createRedis(config, 'main') },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
