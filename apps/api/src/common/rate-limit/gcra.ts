import type { RateLimitPolicy } from '@tally/config';

/** One counter: a policy applied to one key, client address or other partition. */
export interface Bucket {
  /** Unique among all buckets, e.g. "key:<uuid>". */
  id: string;
  policy: RateLimitPolicy;
  /** -1 gives back a request counted earlier (never refused); default 1. */
  cost?: 1 | -1;
}

/** What one bucket says about one request. */
export interface BucketState {
  allowed: boolean;
  /** Further requests that would fit right now, after this one. */
  remaining: number;
  /** Allowed: ms until the bucket is full again. Refused: ms until this request would fit. */
  resetMs: number;
}

/**
 * GCRA, the generic cell rate algorithm: a token bucket kept as one number per bucket, its
 * "theoretical arrival time" (tat). Each request moves tat on by one emission interval
 * (window / limit); a request is refused when that would put tat more than a window past now.
 * So `limit` requests fit in a burst, and then one per interval.
 *
 * Times are whole microseconds (exact in a double until the year 2255), the interval rounded
 * to a whole microsecond and the window taken as limit × interval, so that no rounding error
 * can let a request through or refuse one at a boundary. The Lua script in redis-buckets.ts
 * is the same computation; keep them in step.
 */
export function gcra(storedTat: number | undefined, nowUs: number, policy: RateLimitPolicy, cost: 1 | -1 = 1): { state: BucketState; tat: number } {
  const interval = Math.max(1, Math.round((policy.windowSeconds * 1e6) / policy.limit));
  const capacity = interval * policy.limit;
  const tat = Math.max(storedTat ?? nowUs, nowUs);
  const next = Math.max(tat + cost * interval, nowUs);
  const wait = next - capacity - nowUs;
  if (cost > 0 && wait > 0) return { state: { allowed: false, remaining: 0, resetMs: Math.ceil(wait / 1000) }, tat };
  const remaining = Math.floor((capacity - (next - nowUs)) / interval);
  return { state: { allowed: true, remaining, resetMs: Math.ceil((next - nowUs) / 1000) }, tat: next };
}

/**
 * Buckets in this process's memory: the limiter while Redis cannot be reached. Bounded, so a
 * spray from many addresses cannot grow it without limit; the least recently used go first.
 */
export class MemoryBuckets {
  /** Bucket id → its tat in µs; a bucket whose tat has passed is full again, so it may be forgotten. */
  private readonly tats = new Map<string, number>();

  constructor(
    private readonly maxBuckets = 100_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * All or nothing: a request counts against every bucket only when every bucket allows it.
   * Refunds (cost -1) always apply.
   */
  take(buckets: Bucket[]): BucketState[] {
    const now = this.clock() * 1000;
    const decisions = buckets.map((b) => gcra(this.tats.get(b.id), now, b.policy, b.cost));
    const all = decisions.every((d) => d.state.allowed);
    buckets.forEach((b, i) => {
      if (all || b.cost === -1) this.store(b.id, decisions[i].tat, now);
    });
    return decisions.map((d) => d.state);
  }

  get size(): number {
    return this.tats.size;
  }

  private store(id: string, tat: number, now: number): void {
    this.tats.delete(id);
    if (this.tats.size >= this.maxBuckets) this.evict(now);
    this.tats.set(id, tat);
  }

  /** Down to 90 %, so that a full map is swept once per tenth of its size, not per request. */
  private evict(now: number): void {
    const target = Math.floor(this.maxBuckets * 0.9);
    for (const [id, tat] of this.tats) if (tat <= now) this.tats.delete(id);
    for (const id of this.tats.keys()) {
      if (this.tats.size <= target) break;
      this.tats.delete(id);
    }
  }
}
