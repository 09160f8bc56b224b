import type { EventChanges } from '@tally/database';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields that differ between two views of an object, before and after. Fields named in
 * `secret` only say that they changed: their values never reach the event log.
 */
export function diffFields<T extends object>(before: T, after: T, secret: readonly string[] = []): EventChanges {
  const changes: EventChanges = {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    const a = (before as Record<string, unknown>)[key];
    const b = (after as Record<string, unknown>)[key];
    if (same(a, b)) continue;
    changes[key] = secret.includes(key) ? { changed: true } : { before: a ?? null, after: b ?? null };
  }
  return changes;
}

/** The lifecycle event an update amounts to: a deactivation or reactivation says so by name. */
export function updateEventName(subject: string, changes: EventChanges): string {
  const active = changes.active;
  if (active && 'after' in active) return `${subject}.${active.after ? 'reactivated' : 'deactivated'}`;
  return `${subject}.updated`;
}
