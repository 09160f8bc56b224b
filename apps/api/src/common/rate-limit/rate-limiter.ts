import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppConfig, InjectConfig, RateLimitPolicy } from '@tally/config';
import { redisConnection } from '@tally/jobs';
import Redis from 'ioredis';
import { setTimeout as delay } from 'node:timers/promises';
import { Bucket, BucketState, MemoryBuckets } from './gcra';
import { RateClass } from './rate-limit.decorator';
import { AppliedPolicy, rateLimitHeaders } from './rate-limit-headers';
import { RedisBuckets } from './redis-buckets';

/** What the limiter says about one request: the headers to send, and a message when refused. */
export interface Verdict {
  allowed: boolean;
  headers: Record<string, string>;
  message?: string;
}

const OPEN: Verdict = { allowed: true, headers: {} };
/** After a Redis failure, how long requests use the per-process limiter before Redis is tried again. */
const REDIS_RETRY_MS = 1000;
/** The most start-up waits for Redis, so a normal start does not begin on the fallback. */
const CONNECT_WAIT_MS = 1000;

interface Named extends Bucket {
  name: string;
  refused: (retryAfter: number) => string;
}

/**
 * The API's rate limits (docs/api.md): failed authentications per client address, requests per
 * key, and ingestion per key, each a GCRA bucket (gcra.ts). Counts live in Redis so every replica shares them; when Redis
 * cannot answer within TALLY_RATE_LIMIT_REDIS_TIMEOUT_MS, each process counts on its own
 * (logged once per outage) rather than failing or stalling the request.
 */
@Injectable()
export class RateLimiter implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly settings: AppConfig['rateLimit'];
  private readonly redis?: Redis;
  private readonly shared?: RedisBuckets;
  private readonly local = new MemoryBuckets();
  private redisSkipUntil = 0;
  private degraded = false;

  constructor(@InjectConfig() config: AppConfig) {
    this.settings = config.rateLimit;
    if (!this.settings.enabled) return;
    this.redis = redisConnection(config, {
      connectionName: 'tally-ratelimit',
      lazyConnect: true,
      // Fail at once while Redis is away, rather than queue requests behind a reconnect.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: this.settings.redisTimeoutMs,
    });
    // Reported once per outage by take(), not once per reconnection attempt.
    this.redis.on('error', () => undefined);
    this.shared = new RedisBuckets(this.redis, config.redis.queuePrefix);
  }

  async onModuleInit(): Promise<void> {
    if (!this.redis) return;
    await Promise.race([this.redis.connect(), delay(CONNECT_WAIT_MS, undefined, { ref: false })]).catch(() => undefined);
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }

  /**
   * Before any key lookup: counts an authentication attempt from this address, refused once
   * the address has used up its budget. admitKey() gives the attempt back when it succeeds,
   * so only failures stay counted, and no number of concurrent requests gets more lookups.
   */
  async reserveAttempt(address: string): Promise<Verdict> {
    if (!this.settings.enabled) return OPEN;
    const bucket = this.addressBucket(address);
    return this.verdict([bucket], await this.take([bucket]));
  }

  /** One request of a key that authenticated from `address`, on a route of the given class. */
  async admitKey(keyId: string, address: string, rateClass?: RateClass): Promise<Verdict> {
    if (!this.settings.enabled) return OPEN;
    const { key, ingestion } = this.settings;
    const buckets: Named[] = [
      named('key', `key:${keyId}`, key, (s) => `Rate limit of ${key.limit} requests per ${key.windowSeconds} s for this API key exceeded; retry after ${s} s`),
    ];
    if (rateClass === 'ingestion') {
      buckets.push(named('ingestion', `ingestion:${keyId}`, ingestion, (s) =>
        `Ingestion rate limit of ${ingestion.limit} requests per ${ingestion.windowSeconds} s for this API key exceeded ` +
        `(send fewer, larger batches); retry after ${s} s`));
    }
    const [, ...states] = await this.take([{ ...this.addressBucket(address), cost: -1 }, ...buckets]);
    return this.verdict(buckets, states);
  }

  private addressBucket(address: string): Named {
    const p = this.settings.authFailures;
    return named('auth-failures', `auth-failures:${address}`, p, (s) =>
      `Too many failed authentications from ${address} (${p.limit} per ${p.windowSeconds} s); retry after ${s} s`);
  }

  private verdict(buckets: Named[], states: BucketState[]): Verdict {
    const applied: AppliedPolicy[] = buckets.map((b, i) => ({ name: b.name, policy: b.policy, state: states[i] }));
    const headers = rateLimitHeaders(applied);
    const refused = buckets.find((_, i) => !states[i].allowed);
    return refused ? { allowed: false, headers, message: refused.refused(Number(headers['Retry-After'])) } : { allowed: true, headers };
  }

  private async take(buckets: Bucket[]): Promise<BucketState[]> {
    if (this.shared && Date.now() >= this.redisSkipUntil) {
      try {
        const states = await this.shared.take(buckets);
        if (this.degraded) {
          this.degraded = false;
          this.logger.log('Redis answers again: rate limits are shared by all API processes again');
        }
        return states;
      } catch (e) {
        this.redisSkipUntil = Date.now() + REDIS_RETRY_MS;
        if (!this.degraded) {
          this.degraded = true;
          this.logger.warn(`Redis does not answer for rate limits (${(e as Error).message}); each API process limits on its own until it does`);
        }
      }
    }
    return this.local.take(buckets);
  }
}

function named(name: string, id: string, policy: RateLimitPolicy, refused: (retryAfter: number) => string): Named {
  return { name, id, policy, refused };
}
