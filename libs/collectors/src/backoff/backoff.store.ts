import { Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@tally/config';
import { CollectTargetSnapshot, InjectRedis, PersistReading } from '@tally/jobs';
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
    const values = await this.redis.hmget(this.key, ...ids);
    values.forEach((v, i) => v && out.set(ids[i], JSON.parse(v) as BackoffState));
    return out;
  }

  /**
   * A fan-out's targets split into those to poll now and those skipped, the latter as the
   * readings persisted in their place: not ok, with the reason, and no value at all (a skipped
   * slot is neither a zero nor node.up = 0).
   */
  async sort(slot: Date, targets: readonly CollectTargetSnapshot[]): Promise<{ poll: CollectTargetSnapshot[]; skipped: PersistReading[] }> {
    const states = await this.states(targets.map((t) => t.resourceId));
    const poll: CollectTargetSnapshot[] = [];
    const skipped: PersistReading[] = [];
    for (const t of targets) {
      const reason = skipReason(states.get(t.resourceId), slot, this.policy);
      if (reason) skipped.push({ resourceId: t.resourceId, ok: false, reason, values: {} });
      else poll.push(t);
    }
    return { poll, skipped };
  }

  /** Records a batch's poll results for `slot`: answers clear a host's state, host failures extend it. */
  async observe(slot: Date, targets: readonly CollectTargetSnapshot[], readings: readonly PluginReading[]): Promise<void> {
    const ids = targets.map((t) => t.resourceId);
    const before = await this.states(ids);
    const write = this.redis.pipeline();
    let changes = 0;
    ids.forEach((id, i) => {
      const old = before.get(id);
      const next = afterPoll(old, slot, readings[i].ok, readings[i].failure);
      if (next === old) return;
      changes++;
      if (next) write.hset(this.key, id, JSON.stringify(next));
      else write.hdel(this.key, id);
    });
    if (!changes) return;
    for (const [err] of (await write.exec()) ?? []) if (err) throw err;
  }

  async status(id: string): Promise<CollectionStatus> {
    return collectionStatus((await this.states([id])).get(id), this.policy);
  }
}
