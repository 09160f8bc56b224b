import { AppConfig } from '@tally/config';
import type { BackoffStrategy, JobsOptions, WorkerOptions } from 'bullmq';
import { hostname } from 'node:os';
import { JobName, QueueName, QUEUES } from './job-names';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Custom backoff: exponential from BACKOFF_BASE_MS, capped, so a long outage is retried steadily. */
export const CAPPED_EXPONENTIAL = 'capped-exponential';
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 5 * MINUTE;

export function backoffDelay(attemptsMade: number, base = BACKOFF_BASE_MS, cap = BACKOFF_CAP_MS): number {
  return Math.min(base * 2 ** Math.max(0, attemptsMade - 1), cap);
}

/** Attempts needed so the retries of one job span at least `totalMs`. */
export function attemptsSpanning(totalMs: number, base = BACKOFF_BASE_MS, cap = BACKOFF_CAP_MS): number {
  let waited = 0;
  let retries = 0;
  while (waited < totalMs) waited += backoffDelay(++retries, base, cap);
  return retries + 1;
}

export const backoffStrategy: BackoffStrategy = (attemptsMade, type) => {
  if (type !== CAPPED_EXPONENTIAL) throw new Error(`unknown backoff type ${type}`);
  return backoffDelay(attemptsMade);
};

/**
 * Retention: BullMQ keeps finished jobs forever by default. Completed slot-level jobs are kept
 * two days, longer than any slot, because a job id that still exists is what makes a repeated
 * trigger for the same slot a no-op. Failed ones stay a month for an operator to inspect.
 */
const RETENTION = { removeOnComplete: { age: (2 * DAY) / 1000, count: 100_000 }, removeOnFail: { age: (30 * DAY) / 1000 } };
/**
 * Completed batch jobs carry a slot's targets and readings (tens of megabytes for 100,000
 * VMs), so Redis keeps them only an hour. Their ids only guard against a batch enqueued twice
 * while it is in flight: a restarted fan-out skips resources that have an outcome, and a
 * batch repeated after that is written again by upsert, changing nothing.
 */
const BATCH_RETENTION = { ...RETENTION, removeOnComplete: { age: HOUR / 1000, count: 20_000 } };

/** The one place attempts, backoff and retention are decided, per job. */
export function jobOptions(name: JobName, config: AppConfig): JobsOptions {
  const backoff = { type: CAPPED_EXPONENTIAL, delay: BACKOFF_BASE_MS };
  // Only infrastructure (Postgres, Redis) makes these throw; a host problem is an outcome, not
  // an error. They retry as long as a persist does, so an outage delays data but loses none.
  const durable = attemptsSpanning(config.collection.persistRetryHours * HOUR);
  switch (name) {
    case 'ganeti-precache':
      // The next pre-cache comes one interval later; retrying past it is pointless.
      return { ...RETENTION, backoff, attempts: attemptsSpanning(config.collection.intervalMinutes * MINUTE) };
    case 'collect-slot':
    case 'collect-resources':
      return { ...RETENTION, backoff, attempts: durable };
    case 'collect-batch':
    case 'persist-samples':
      return { ...BATCH_RETENTION, backoff, attempts: durable };
    case 'evaluate-alerts':
      // Like a persist: an outage delays alerts, never drops them (replays skip what was evaluated).
      return { ...BATCH_RETENTION, backoff, attempts: durable };
  }
}

/** Worker settings per queue: concurrency from config, lock and stall handling shared. */
export function workerOptions(queue: QueueName, config: AppConfig): Omit<WorkerOptions, 'connection'> {
  const concurrency = {
    [QUEUES.precache]: 1, // one job fetches every cluster with its own bounded parallelism
    [QUEUES.collect]: config.collection.sshConcurrency,
    // Counted against the pool with the worker's other database users (workerDatabaseShares).
    [QUEUES.persist]: config.collection.persistConcurrency,
    // Evaluations serialise on an advisory lock anyway; one at a time keeps slot order.
    [QUEUES.alerts]: 1,
  }[queue];
  return {
    prefix: config.redis.queuePrefix,
    // Recorded on each job it takes (processedBy): with several workers, which one ran a job.
    name: `${hostname()}:${process.pid}`,
    concurrency,
    // A killed worker's jobs return to the queue once their lock lapses; 15 s + one stall
    // check bounds that, while renewal every 7.5 s tolerates long event-loop pauses.
    lockDuration: 15_000,
    stalledInterval: 10_000,
    // A stall is a crash, not the job's fault: never fail a poll or a persist for it.
    maxStalledCount: 20,
    settings: { backoffStrategy },
  };
}
