import { AppConfig } from './config.types';
import { ConfigError } from './load-config';

/**
 * What each part of the worker that uses Postgres may hold at once. The parts are bounded
 * (queue concurrency or an in-process semaphore) by these numbers, and their sum must fit
 * the pool, so no job ever waits for a connection long enough to fail for want of one.
 * SSH polls need no connection of their own: only their credential lookups do.
 */
export interface WorkerDatabaseShares {
  /** Slot fan-outs (and late additions to a run) at once; a fan-out holds two connections (its inventory snapshot and its run row). */
  fanOuts: number;
  /** Persist jobs at once, one connection each (TALLY_PERSIST_CONCURRENCY). */
  persists: number;
  /** Credential reads at once, for polls and pre-caches (a cache in front makes them rare). */
  credentialLookups: number;
  /** The pre-cache job's own bookkeeping (its queue runs one job at a time). */
  precaches: number;
  /** The event relay: one batch at a time, hooks writing in its transaction (its LISTEN connection is outside the pool). */
  eventRelay: number;
  /** The sum: connections the worker may use at once. */
  connections: number;
}

const FAN_OUT_CONNECTIONS = 2;

export function workerDatabaseShares(config: AppConfig): WorkerDatabaseShares {
  const fanOuts = 1;
  const persists = config.collection.persistConcurrency;
  const credentialLookups = 2;
  const precaches = 1;
  const eventRelay = 1;
  return {
    fanOuts, persists, credentialLookups, precaches, eventRelay,
    connections: fanOuts * FAN_OUT_CONNECTIONS + persists + credentialLookups + precaches + eventRelay,
  };
}

/** Stops a worker at boot whose pool is smaller than what its jobs may use at once. */
export function checkWorkerPool(config: AppConfig): WorkerDatabaseShares {
  const shares = workerDatabaseShares(config);
  if (shares.connections > config.database.poolSize) {
    throw new ConfigError([
      `DATABASE_POOL_SIZE (${config.database.poolSize}) is too small for the worker, which may use ${shares.connections} connections at once ` +
        `(a fan-out ${FAN_OUT_CONNECTIONS}, TALLY_PERSIST_CONCURRENCY ${shares.persists}, credential lookups ${shares.credentialLookups}, ` +
        `pre-cache ${shares.precaches}, event relay ${shares.eventRelay}): raise DATABASE_POOL_SIZE to ${shares.connections} or lower TALLY_PERSIST_CONCURRENCY`,
    ]);
  }
  return shares;
}
