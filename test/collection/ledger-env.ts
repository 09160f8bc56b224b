import { Client } from 'pg';
import { collectionEnv } from './collection-env';

export const MINUTE = 60_000;

/**
 * The shortest schedule the config allows (a 1-minute interval, no pre-cache lead, no late-push
 * grace: a slot closes one minute after it starts), a short schedule grace and a reconciler
 * that looks every few seconds, so a test spans several boundaries in a few minutes.
 */
export function ledgerEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return collectionEnv(databaseUrl, {
    TALLY_COLLECT_INTERVAL_MINUTES: '1',
    TALLY_PRECACHE_LEAD_MINUTES: '0',
    TALLY_LATE_PUSH_GRACE_MINUTES: '0',
    TALLY_SCHEDULE_GRACE_SECONDS: '5',
    TALLY_RECONCILE_INTERVAL_SECONDS: '5',
    ...extra,
  });
}

export interface LedgerRow {
  id: string;
  slot: Date;
  state: string;
  trigger: string;
  reason: string | null;
}

/** The collection runs (the slot ledger) by slot start in ms. */
export async function ledger(pg: Client): Promise<Map<number, LedgerRow>> {
  const { rows } = await pg.query<LedgerRow>(`SELECT id, slot, state, trigger, reason FROM collection_runs WHERE kind = 'collect' ORDER BY slot`);
  return new Map(rows.map((r) => [r.slot.getTime(), r]));
}

export const FINISHED = ['succeeded', 'partial', 'failed', 'missed'];

/** Resolves at `at` (epoch ms): positions a test in time relative to slot boundaries; never used to wait for an outcome. */
export function until(at: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));
}

/** The first boundary at least `leadMs` from now. */
export function nextBoundary(leadMs: number): number {
  return Math.ceil((Date.now() + leadMs) / MINUTE) * MINUTE;
}
