import { Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@tally/config';
import { InjectRedis } from '@tally/jobs';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { GanetiInstance, RapiInstanceProblem } from './ganeti';

/** When and from where a cluster's answer was fetched, and what in it could not be read. */
export interface GanetiCacheMeta {
  cluster: string;
  fetchedAt: string;
  /** Instances the answer listed but that could not be read; a resource naming one gets this reason. */
  problems: RapiInstanceProblem[];
}

/** One cluster's last good `/2/instances?bulk=1` answer, as the pre-cache stored it. */
export interface GanetiCacheEntry extends GanetiCacheMeta {
  instances: GanetiInstance[];
}

/** What a batch of VMs' collection needs: the cluster's meta and each VM's instance, if the answer had it. */
export interface GanetiCacheLookup {
  meta: GanetiCacheMeta;
  /** In the order of the names asked for. */
  instances: (GanetiInstance | null)[];
}

/**
 * Kept a week so a cluster that stops answering still has its last good copy (the reader
 * judges its age); a cluster nobody references any more ages out on its own.
 */
const TTL_SECONDS = 7 * 24 * 3600;
/** A temporary key a crashed writer left behind goes away on its own. */
const TEMP_TTL_SECONDS = 3600;
/** Ganeti instance names are host names, so no instance can be called this. */
const META_FIELD = '@meta';
/** Fields per HSET, so writing a large cluster never holds Redis up in one command. */
const FIELDS_PER_WRITE = 500;

/**
 * Redis: `<queuePrefix>:ganeti-cache:<fqdn>` → hash, `@meta` → JSON meta and one field per
 * instance name → JSON instance, so a collection reads the fields of its VMs, not the
 * whole cluster. Written by the pre-cache only.
 */
@Injectable()
export class GanetiCacheStore {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectRedis() private readonly redis: Redis,
  ) {}

  key(fqdn: string): string {
    return `${this.config.redis.queuePrefix}:ganeti-cache:${fqdn}`;
  }

  /** Replaces the cluster's copy at once: a reader sees the old answer or the new one, never a mix. */
  async put(entry: GanetiCacheEntry): Promise<void> {
    const key = this.key(entry.cluster);
    const temp = `${key}:writing:${randomUUID()}`;
    const meta: GanetiCacheMeta = { cluster: entry.cluster, fetchedAt: entry.fetchedAt, problems: [...entry.problems] };
    const fields: string[] = [];
    for (const [index, instance] of entry.instances.entries()) {
      if (instance.name === META_FIELD) meta.problems.push({ name: instance.name, index, reason: 'the name is reserved by the cache' });
      else fields.push(instance.name, JSON.stringify(instance));
    }
    const write = this.redis.pipeline().hset(temp, META_FIELD, JSON.stringify(meta));
    for (let i = 0; i < fields.length; i += 2 * FIELDS_PER_WRITE) write.hset(temp, ...fields.slice(i, i + 2 * FIELDS_PER_WRITE));
    check(await write.expire(temp, TEMP_TTL_SECONDS).exec());
    // RENAME carries the temporary key's short TTL over: EXPIRE in the same transaction, so
    // the cluster's copy never lives with the one-hour TTL.
    check(await this.redis.multi().rename(temp, key).expire(key, TTL_SECONDS).exec());
  }

  /** The cluster's meta and the named instances in one round trip; null when the cluster has no copy. */
  async lookup(fqdn: string, names: readonly string[]): Promise<GanetiCacheLookup | null> {
    const missing = [null, ...names.map(() => null)];
    const [meta, ...found] = await this.legacyAsMissing(() => this.redis.hmget(this.key(fqdn), META_FIELD, ...names), missing);
    if (!meta) return null;
    return {
      meta: JSON.parse(meta) as GanetiCacheMeta,
      instances: found.map((json, i) => (json && names[i] !== META_FIELD ? (JSON.parse(json) as GanetiInstance) : null)),
    };
  }

  /** The whole copy, instances by name (for listings); a collection uses lookup(). */
  async get(fqdn: string): Promise<GanetiCacheEntry | null> {
    const all = await this.legacyAsMissing(() => this.redis.hgetall(this.key(fqdn)), {});
    const meta = all[META_FIELD];
    if (!meta) return null;
    const instances = Object.entries(all)
      .filter(([field]) => field !== META_FIELD)
      .map(([, json]) => JSON.parse(json) as GanetiInstance)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return { ...(JSON.parse(meta) as GanetiCacheMeta), instances };
  }

  /**
   * A copy written as one JSON string (before the hash layout) reads as no copy: the next
   * pre-cache replaces it, and until then its VMs report why instead of failing on WRONGTYPE.
   */
  private async legacyAsMissing<T>(read: () => Promise<T>, missing: T): Promise<T> {
    try {
      return await read();
    } catch (e) {
      if (e instanceof Error && e.message.startsWith('WRONGTYPE')) return missing;
      throw e;
    }
  }
}

/** A pipeline or transaction answers per command; one failed command fails the write. */
function check(results: [Error | null, unknown][] | null): void {
  if (!results) throw new Error('Redis transaction aborted');
  const failed = results.find(([error]) => error);
  if (failed) throw failed[0];
}
