import { FailureClass } from '@tally/metrics';

/** What a host's run of failed polls looks like; absent while it answers. Slots are ISO instants. */
export interface BackoffState {
  /** Polled slots in a row that failed (skipped slots neither add nor reset). */
  failures: number;
  /** The first failed slot of the run. */
  failingSince: string;
  /** The latest failed slot: the gap to the next poll counts from it. */
  lastFailedSlot: string;
}

export interface BackoffPolicy {
  /** Failures in a row before slots are skipped (TALLY_BACKOFF_AFTER_FAILURES). */
  afterFailures: number;
  /** The longest gap between polls, in slots (TALLY_BACKOFF_MAX_SLOTS). */
  maxSlots: number;
  intervalMinutes: number;
}

/** Skipped outcomes start with this, so a late explicit request can tell them from polls and poll again. */
export const SKIPPED_PREFIX = 'skipped: backing off';

/**
 * Failures that say the host did not answer as it should. A resource without a host, user or a
 * readable credential fails without contacting anything, so polling it every slot costs nothing
 * and it should recover the slot it is fixed; those never back off.
 */
const HOST_FAILURES: ReadonlySet<FailureClass> = new Set(['connect', 'hostkey', 'auth', 'exec', 'parse', 'timeout', 'other']);

export function countsAsHostFailure(failure: FailureClass | undefined): boolean {
  return failure === undefined || HOST_FAILURES.has(failure);
}

/**
 * The next slot this host is polled at, or null when it is polled every slot. After K failures
 * in a row the gap is 2 slots, then 4, 8..., capped at maxSlots: one more failure doubles it.
 */
export function nextPollSlot(state: BackoffState | undefined, policy: BackoffPolicy): Date | null {
  if (!state || state.failures < policy.afterFailures) return null;
  const gap = Math.min(2 ** Math.min(state.failures - policy.afterFailures + 1, 30), policy.maxSlots);
  return new Date(Date.parse(state.lastFailedSlot) + gap * policy.intervalMinutes * 60_000);
}

/**
 * Whether this slot is skipped, and why (the outcome's reason). A slot at or before the latest
 * failure (a past slot collected late) is always polled: backoff only thins out the future.
 */
export function skipReason(state: BackoffState | undefined, slot: Date, policy: BackoffPolicy): string | null {
  const next = nextPollSlot(state, policy);
  if (!state || !next) return null;
  const t = slot.getTime();
  if (t <= Date.parse(state.lastFailedSlot) || t >= next.getTime()) return null;
  return `${SKIPPED_PREFIX} after ${state.failures} failures since ${state.failingSince}, next poll at ${next.toISOString()}`;
}

/**
 * The state after a poll of `slot`. An answer ends the run of failures; a host failure for a
 * slot later than the latest one extends it; the same slot polled again (a retried job, an
 * explicit request) or an older one counts once, so a replay never stretches the backoff.
 */
export function afterPoll(state: BackoffState | undefined, slot: Date, ok: boolean, failure?: FailureClass): BackoffState | undefined {
  if (ok) return undefined;
  if (!countsAsHostFailure(failure)) return state;
  const at = slot.toISOString();
  if (state && slot.getTime() <= Date.parse(state.lastFailedSlot)) return state;
  return { failures: (state?.failures ?? 0) + 1, failingSince: state?.failingSince ?? at, lastFailedSlot: at };
}

export type CollectionState = 'ok' | 'failing' | 'backing_off';

/** How a resource's collection looks from outside (GET /resources/:id). */
export interface CollectionStatus {
  state: CollectionState;
  failures: number;
  failingSince: string | null;
  nextPollSlot: string | null;
}

export function collectionStatus(state: BackoffState | undefined, policy: BackoffPolicy): CollectionStatus {
  if (!state) return { state: 'ok', failures: 0, failingSince: null, nextPollSlot: null };
  const next = nextPollSlot(state, policy);
  return { state: next ? 'backing_off' : 'failing', failures: state.failures, failingSince: state.failingSince, nextPollSlot: next?.toISOString() ?? null };
}
