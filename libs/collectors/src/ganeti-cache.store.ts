import { Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@tally/config';
import { InjectRedis } from '@tally/jobs';
import Redis from 'ioredis';
import { GanetiInstance, RapiInstanceProblem } from './ganeti';

/** One cluster's last good `/2/instances?bulk=1` answer, as the pre-cache stored it. */
export interface GanetiCacheEntry {
  cluster: string;
  fetchedAt: string;
  instances: GanetiInstance[];
  /** Instances the answer listed but that could not be read; a resource naming one gets this reason. */
  problems: RapiInstanceProblem[];
}

/**
 * Kept a week so a cluster that stops answering still has its last good copy (the reader
 * judges its age); a cluster nobody references any more ages out on its own.
 */
const TTL_SECONDS = 7 * 24 * 3600;

/** Redis: `<queuePrefix>:ganeti-cache:<fqdn>` → JSON entry. Written by the pre-cache only. */
@Injectable()
export class GanetiCacheStore {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectRedis() private readonly redis: Redis,
  ) {}

  key(fqdn: string): string {
    return `${this.config.redis.queuePrefix}:ganeti-cache:${fqdn}`;
  }

  async put(entry: GanetiCacheEntry): Promise<void> {
    await this.redis.set(this.key(entry.cluster), JSON.stringify(entry), 'EX', TTL_SECONDS);
  }

  async get(fqdn: string): Promise<GanetiCacheEntry | null> {
    const raw = await this.redis.get(this.key(fqdn));
    return raw ? (JSON.parse(raw) as GanetiCacheEntry) : null;
  }
}
