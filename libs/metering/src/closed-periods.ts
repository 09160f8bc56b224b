/**
 * The one rule for closed periods (design §4 and §7). Report status, pushes, collection
 * triggers, the worker's persist step and corrections all ask this module, so they can never
 * disagree about whether an instant may still change.
 *
 * An instant t is closed at `now` once t < now − (interval + pre-cache lead + late-push grace).
 * A report [from, to) is final exactly when every instant in it is closed: to ≤ that boundary.
 * So a report that said final can never see a sample change under it except by a correction,
 * whatever its window (a day in Europe/Berlin, 10:07 to 11:13): the rule is on instants, and
 * time zones only change how a window's dates are read into instants.
 *
 * A collection slot writes every sample at its start, so a slot is closed once its start is.
 * It closes well before the slot's own full-slot report turns final: a report ending a
 * millisecond after the slot start already contains the slot's samples.
 */
export interface ClosureRule {
  intervalMs: number;
  leadMs: number;
  /** TALLY_LATE_PUSH_GRACE_MINUTES: how much longer a push may arrive late. */
  graceMs: number;
}

export type PeriodStatus = 'provisional' | 'final';

export function closureRule(collection: { intervalMinutes: number; precacheLeadMinutes: number; latePushGraceMinutes: number }): ClosureRule {
  return {
    intervalMs: collection.intervalMinutes * 60_000,
    leadMs: collection.precacheLeadMinutes * 60_000,
    graceMs: collection.latePushGraceMinutes * 60_000,
  };
}

/** How long an instant stays open. */
export function closureHorizonMs(rule: ClosureRule): number {
  return rule.intervalMs + rule.leadMs + rule.graceMs;
}

/** At `now`, data stamped before this instant is closed: only a correction may change it. */
export function closedBefore(now: Date | number, rule: ClosureRule): Date {
  return new Date(ms(now) - closureHorizonMs(rule));
}

export function isClosed(ts: Date | number, now: Date | number, rule: ClosureRule): boolean {
  return ms(ts) < closedBefore(now, rule).getTime();
}

/** The last moment an instant (or a slot, by its start) is still open; a millisecond later it is closed. */
export function openUntil(ts: Date | number, rule: ClosureRule): Date {
  return new Date(ms(ts) + closureHorizonMs(rule));
}

/** A window ending at `to` is final once every instant before `to` is closed. */
export function windowStatus(to: Date | number, now: Date | number, rule: ClosureRule): PeriodStatus {
  return ms(to) <= closedBefore(now, rule).getTime() ? 'final' : 'provisional';
}

const ms = (t: Date | number) => (typeof t === 'number' ? t : t.getTime());
