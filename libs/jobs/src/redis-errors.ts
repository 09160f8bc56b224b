/**
 * What ioredis (and BullMQ over it) raise when Redis cannot take a command: refused while
 * disconnected (the API's client never buffers), a connection closed under the command, a
 * command that timed out, retries exhausted. The caller should retry later, not fix its input.
 */
const REDIS_UNREACHABLE = /Stream isn't writeable|enableOfflineQueue|Connection is closed|Command timed out|max retries per request|MaxRetriesPerRequest|All sentinels are unreachable|Cluster(All)?FailedError|Failed to refresh slots cache/i;

/** Raised by our own code when Redis cannot be used now (JobProducer.readNow). */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
}

export function isRedisUnavailable(error: unknown): boolean {
  const e = error as { name?: unknown; message?: unknown };
  return e instanceof RedisUnavailableError || e?.name === 'MaxRetriesPerRequestError' || (typeof e?.message === 'string' && REDIS_UNREACHABLE.test(e.message));
}
