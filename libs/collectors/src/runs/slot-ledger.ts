import { slotJobId, slotStart } from '@tally/jobs';
import { Outage } from './outage-log';

const MINUTE = 60_000;

/**
 * The slot ledger's rules, without I/O. Every boundary the collection schedule fires at from
 * the ledger's start on is owed a row in collection_runs: collected (succeeded, partial,
 * failed) or `missed` with the reason. A boundary is the reconciler's only once the schedule
 * had its grace to start it.
 */

/** Boundaries (slot starts) from `from` (rounded up to a boundary) to `until` (rounded down), oldest first. */
export function owedBoundaries(from: Date, until: Date, intervalMinutes: number): Date[] {
  const size = intervalMinutes * MINUTE;
  const first = Math.ceil(from.getTime() / size) * size;
  const last = slotStart(until.getTime(), intervalMinutes).getTime();
  const out: Date[] = [];
  for (let t = first; t <= last; t += size) out.push(new Date(t));
  return out;
}

export interface MissedContext {
  /** When the slot closed: after it, nothing may be collected into it. */
  closedAt: Date;
  /** What this worker saw of Redis and Postgres while the slot was open. */
  outages: readonly Outage[];
  /** When this worker process started. */
  workerStartedAt: Date;
  /** The last time any collection was recorded before the slot, if any. */
  lastActivity: Date | null;
}

/**
 * Why nobody collected a slot while it was open, as an operator reads it. An outage this
 * worker saw while the slot was open comes first (it is the cause); else, a slot that closed
 * before this worker started had no worker; else the schedule did not start it.
 */
export function missedReason(slot: Date, c: MissedContext): string {
  const iso = (d: Date) => d.toISOString();
  const closed = `not collected before it closed at ${iso(c.closedAt)}`;
  if (c.outages.length) {
    const seen = c.outages.map((o) => `${o.dependency} unavailable from ${iso(o.from)} to ${o.to ? iso(o.to) : 'now (still down)'}`);
    return `${seen.join('; ')}: ${closed}`;
  }
  if (c.workerStartedAt.getTime() > slot.getTime()) {
    const from = c.lastActivity && c.lastActivity.getTime() < c.workerStartedAt.getTime() ? iso(c.lastActivity) : 'unknown';
    return `worker not running from ${from} to ${iso(c.workerStartedAt)}: ${closed}`;
  }
  return `no run was started for it (its job scheduler was missing or late): ${closed}`;
}

/**
 * A run still `running` a whole interval after it started is stuck: its fan-out gave up while
 * Postgres or Redis was down for hours, or Redis lost its data and with it the poll jobs not
 * yet polled. A younger run is left alone, so a second trigger never doubles a slot's work.
 * The one rule for the API's resume and the reconciler's.
 */
export function isStuck(run: { state: string; startedAt: Date | null }, now: number, intervalMinutes: number): boolean {
  return run.state === 'running' && (run.startedAt?.getTime() ?? 0) < now - intervalMinutes * MINUTE;
}

/**
 * The job options of a stuck run's resume: a fan-out collecting only the resources without an
 * outcome, one pending at a time per slot whoever (API or reconciler) asks.
 */
export function resumeJobOptions(slot: Date): { deduplication: { id: string } } {
  return { deduplication: { id: slotJobId('resume', slot) } };
}

/** The reason a stuck run of a closed slot is finished with: how many targets never got an outcome, and why. */
export function stuckReason(missing: number, total: number, why: string): string {
  return `${missing} of ${total} targets never got an outcome (their poll jobs were lost or never finished): ${why}`;
}
