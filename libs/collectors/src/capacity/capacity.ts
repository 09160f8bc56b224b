/** Percentiles of a duration, in ms, over `count` observations. */
export interface DurationStats {
  count: number;
  p50: number;
  p95: number;
  mean: number;
}

/** What the worker is set to run at once, and the time it has (TALLY_* settings). */
export interface CapacitySettings {
  intervalMinutes: number;
  precacheLeadMinutes: number;
  sshConcurrency: number;
  rapiConcurrency: number;
  persistConcurrency: number;
}

/** What recent collections cost (measured) and how much there is to collect now. */
export interface CapacityObserved {
  nodes: number;
  vms: number;
  clusters: number;
  /** Per polled node (collect outcomes with a duration). */
  sshPoll: DurationStats | null;
  /** Per cluster RAPI fetch (pre-cache outcomes). */
  rapiFetch: DurationStats | null;
  /** Recent collection runs, start to finish. */
  slot: (DurationStats & { max: number }) | null;
}

export type CapacityLimitName = 'ssh-concurrency' | 'rapi-concurrency' | 'persist' | 'interval';

export interface CapacityLimit {
  limit: CapacityLimitName;
  /** What it counts: node hosts, Ganeti clusters, or every collected resource. */
  unit: 'hosts' | 'clusters' | 'resources';
  current: number;
  /** The most this limit lets one worker collect per slot; null when there is nothing measured to project from. */
  maxPerSlot: number | null;
  /** current / maxPerSlot: above 1 the slot cannot be collected in time. */
  utilisation: number | null;
  basis: string;
}

/**
 * Projects, per limit, how many targets fit in one slot on one worker, from measured costs:
 * - ssh-concurrency: TALLY_SSH_CONCURRENCY polls at once, each taking the mean poll time,
 *   within one interval (Little's law: throughput = concurrency / time per host);
 * - rapi-concurrency: TALLY_RAPI_CONCURRENCY cluster fetches at once within the pre-cache lead,
 *   which must end before its slot starts;
 * - interval: the recent slots' p95 duration, scaled linearly to the whole interval: what the
 *   pipeline end to end (polls, persist, Postgres) managed;
 * - persist: not timed apart from the slot yet, so it has no projection of its own; the
 *   interval limit includes it.
 * The binding limit is the one with the highest utilisation.
 */
export function projectCapacity(s: CapacitySettings, o: CapacityObserved): { limits: CapacityLimit[]; binding: CapacityLimitName | null } {
  const intervalMs = s.intervalMinutes * 60_000;
  const leadMs = s.precacheLeadMinutes * 60_000;
  const resources = o.nodes + o.vms;
  const limit = (name: CapacityLimitName, unit: CapacityLimit['unit'], current: number, max: number | null, basis: string): CapacityLimit => ({
    limit: name, unit, current, maxPerSlot: max, utilisation: max === null ? null : round(current / Math.max(max, 1)), basis,
  });
  const perSlot = (concurrency: number, budgetMs: number, costMs: number) => Math.floor((concurrency * budgetMs) / Math.max(costMs, 1));
  const limits = [
    limit('ssh-concurrency', 'hosts', o.nodes, o.sshPoll ? perSlot(s.sshConcurrency, intervalMs, o.sshPoll.mean) : null,
      o.sshPoll ? `${s.sshConcurrency} SSH polls at once × ${s.intervalMinutes} min / ${Math.round(o.sshPoll.mean)} ms mean poll` : 'no polled node with a recorded duration yet'),
    limit('rapi-concurrency', 'clusters', o.clusters, o.rapiFetch ? perSlot(s.rapiConcurrency, leadMs, o.rapiFetch.mean) : null,
      o.rapiFetch ? `${s.rapiConcurrency} RAPI fetches at once × ${s.precacheLeadMinutes} min pre-cache lead / ${Math.round(o.rapiFetch.mean)} ms mean fetch` : 'no cluster fetch with a recorded duration yet'),
    limit('persist', 'resources', resources, null, `${s.persistConcurrency} persist jobs at once; not timed on its own: the interval limit includes it`),
    limit('interval', 'resources', resources, o.slot && resources > 0 ? Math.floor((resources * intervalMs) / Math.max(o.slot.p95, 1)) : null,
      o.slot ? `recent slots took ${Math.round(o.slot.p95)} ms (p95) for ${resources} resources, of ${s.intervalMinutes} min` : 'no finished collection yet'),
  ];
  let binding: CapacityLimit | null = null;
  for (const l of limits) if (l.utilisation !== null && (binding === null || l.utilisation > binding.utilisation!)) binding = l;
  return { limits, binding: binding?.limit ?? null };
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
