import Redis from 'ioredis';
import { Bucket, BucketState } from './gcra';

/**
 * MemoryBuckets.take() of gcra.ts, in one atomic step, so that API replicas never race on a
 * count. Time is the Redis server's (TIME), not each replica's clock. KEYS: the buckets;
 * ARGV: limit, window seconds and cost (1, or -1 for a refund) per bucket. Returns allowed
 * (1/0), remaining and reset ms per bucket.
 */
const GCRA_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local out, nexts, all = {}, {}, true
local costs = {}
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[i * 3 - 2])
  local interval = math.max(1, math.floor(tonumber(ARGV[i * 3 - 1]) * 1000000 / limit + 0.5))
  local cost = tonumber(ARGV[i * 3])
  local capacity = interval * limit
  local tat = math.max(tonumber(redis.call('GET', key) or now), now)
  local nxt = math.max(tat + cost * interval, now)
  local wait = nxt - capacity - now
  costs[i] = cost
  if cost > 0 and wait > 0 then
    all = false
    out[#out + 1] = 0
    out[#out + 1] = 0
    out[#out + 1] = math.ceil(wait / 1000)
  else
    nexts[i] = nxt
    out[#out + 1] = 1
    out[#out + 1] = math.floor((capacity - (nxt - now)) / interval)
    out[#out + 1] = math.ceil((nxt - now) / 1000)
  end
end
for i, key in ipairs(KEYS) do
  if nexts[i] and (all or costs[i] < 0) then
    if nexts[i] > now then
      redis.call('SET', key, string.format('%.0f', nexts[i]), 'PX', math.ceil((nexts[i] - now) / 1000))
    else
      redis.call('DEL', key)
    end
  end
end
return out
`;

type WithScript = Redis & { tallyGcra(numKeys: number, ...keysAndArgs: (string | number)[]): Promise<number[]> };

/** Buckets shared by every API replica, under `<queue prefix>:ratelimit:`. */
export class RedisBuckets {
  private readonly redis: WithScript;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    redis.defineCommand('tallyGcra', { lua: GCRA_SCRIPT });
    this.redis = redis as WithScript;
  }

  async take(buckets: Bucket[]): Promise<BucketState[]> {
    const keys = buckets.map((b) => `${this.prefix}:ratelimit:${b.id}`);
    const args = buckets.flatMap((b) => [b.policy.limit, b.policy.windowSeconds, b.cost ?? 1]);
    const out = await this.redis.tallyGcra(keys.length, ...keys, ...args);
    return buckets.map((_, i) => ({ allowed: out[i * 3] === 1, remaining: out[i * 3 + 1], resetMs: out[i * 3 + 2] }));
  }
}
