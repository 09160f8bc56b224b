/**
 * When a failed delivery is tried again: the configured schedule (Svix's by default: 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h, 10 h, each counted from the previous failure), with ±20 % jitter so
 * the deliveries of one outage do not all come back in the same second. `attempts` counts the
 * attempts made so far, the failed one included; undefined means the schedule is used up.
 */
export function retryDelayMs(attempts: number, scheduleMs: readonly number[], random: () => number = Math.random): number | undefined {
  const base = scheduleMs[attempts - 1];
  if (base === undefined) return undefined;
  return Math.round(base * (0.8 + 0.4 * random()));
}
