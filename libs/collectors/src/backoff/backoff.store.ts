import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@tally/config';
import { CollectTargetSnapshot, InjectRedis, PersistReading } from '@tally/jobs';
import { FailureClass } from '@tally/metrics';
import Redis from 'ioredis';
import { PluginReading } from '../plugins/collect-plugin';
import { afterPoll, BackoffPolicy, BackoffState, collectionStatus, CollectionStatus, skipReason } from './backoff';

/**
 * Hosts' runs of failed polls, in Redis: one hash `<queuePrefix>:collect-backoff`, resource id →
 * BackoffState as JSON, so a fan-out reads the state of a whole group of nodes in one HMGET.
 * Soft state: lost with Redis, every host is simply polled again, and the first failures
 * rebuild it. Written by the poll step only; a host that answers has no field.
 */
@Injectable()
export class BackoffStore {
  readonly policy: BackoffPolicy;
  private readonly logger = new Logger('Backoff');
  private warned = false;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectRedis() private readonly redis: Redis,
  ) {
    const c = config.collection;
    this.policy = { afterFailures: c.backoffAfterFailures, maxSlots: c.backoffMaxSlots, intervalMinutes: c.intervalMinutes };
  }

  private get key(): string {
    return `${this.config.redis.queuePrefix}:collect-backoff`;
  }

  async states(ids: readonly string[]): Promise<Map<string, BackoffState>> {
    const out = new Map<string, BackoffState>();
    if (!ids.length) return out;
    const values = await this.soft('read', () => this.redis.hmget(this.key, ...ids));
    values?.forEach((v, i) => v && out.set(ids[i], JSON.parse(v) as BackoffState));
    return out;
  }

  /**
   * Soft state must never hold up a poll: the worker's connection waits for Redis, so while
   * Redis is away a plain read or write would stall the poll (and its readings, which the spool
   * keeps) until it came back. Without Redis, every host is polled and nothing is recorded.
   */
  private async soft<T>(what: string, work: () => Promise<T>): Promise<T | undefined> {
    if (this.redis.status !== 'ready') return undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        work(),
        new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), this.config.redis.commandTimeoutMs))),
      ]);
      this.warned = false;
      return result;
    } catch (err) {
      if (!this.warned) this.logger.warn({ err: (err as Error).message }, `backoff state ${what} failed; polling every host meanwhile`);
      this.warned = true;
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * A fan-out's targets split into those to poll now and those skipped, the latter as the
   * readings persisted in their place: not ok, with the reason, and no value at all (a skipped
   * slot is neither a zero nor node.up = 0).
   */
  async sort(slot: Date, targets: readonly CollectTargetSnapshot[]): Promise<{ poll: CollectTargetSnapshot[]; skipped: PersistReading[] }> {
    const reasons = await this.skipReasons(slot, targets.map((t) => t.resourceId));
    const poll: CollectTargetSnapshot[] = [];
    const skipped: PersistReading[] = [];
    for (const t of targets) {
      const reason = reasons.get(t.resourceId);
      if (reason) skipped.push({ resourceId: t.resourceId, ok: false, reason, values: {} });
      else poll.push(t);
    }
    return { poll, skipped };
  }

  /** Why each of these subjects is skipped in `slot`, for those that are. */
  async skipReasons(slot: Date, ids: readonly string[]): Promise<Map<string, string>> {
    const states = await this.states(ids);
    const out = new Map<string, string>();
    for (const id of ids) {
      const reason = skipReason(states.get(id), slot, this.policy);
      if (reason) out.set(id, reason);
    }
    return out;
  }

  /** Records a batch's poll results for `slot`: answers clear a host's state, host failures extend it. */
  observe(slot: Date, targets: readonly CollectTargetSnapshot[], readings: readonly PluginReading[]): Promise<void> {
    return this.record(slot, targets.map((t, i) => ({ id: t.resourceId, ok: readings[i].ok, failure: readings[i].failure })));
  }

  /** The same for any subject (a node by resource id, a cluster by clusterSubject). */
  async record(slot: Date, results: readonly { id: string; ok: boolean; failure?: FailureClass }[]): Promise<void> {
    const before = await this.states(results.map((r) => r.id));
    const write = this.redis.pipeline();
    let changes = 0;
    results.forEach(({ id, ok, failure }) => {
      const old = before.get(id);
      const next = afterPoll(old, slot, ok, failure);
      if (next === old) return;
      changes++;
      if (next) write.hset(this.key, id, JSON.stringify(next));
      else write.hdel(this.key, id);
    });
    if (!changes) return;
    const done = await this.soft('write', () => write.exec());
    for (const [err] of done ?? []) if (err) this.logger.warn({ err: err.message }, 'backoff state write failed');
  }

  /** A cluster's key among the subjects: FQDNs and resource ids never collide. */
  static clusterSubject(fqdn: string): string {
    return `cluster:${fqdn}`;
  }

  async status(id: string): Promise<CollectionStatus> {
    return collectionStatus((await this.states([id])).get(id), this.policy);
  }
}
