import type { Level } from './levels';

/** Results kept per series for flap detection, as Nagios does. */
export const FLAP_HISTORY = 21;
/** Start flapping above this percent state change, stop below FLAP_LOW: the gap is the hysteresis. */
export const FLAP_HIGH = 20;
export const FLAP_LOW = 5;

/**
 * Nagios' percent state change: of the transitions among the last FLAP_HISTORY results, each
 * weighted from 0.8 (oldest) to 1.2 (newest), so recent changes count more.
 */
export function percentStateChange(history: string): number {
  const h = history.slice(-FLAP_HISTORY);
  const transitions = FLAP_HISTORY - 1;
  let total = 0;
  for (let i = 1; i < h.length; i++) {
    // Position among the full window, so a short history weighs like the newest part of a full one.
    const position = transitions - (h.length - 1 - i) - 1;
    const weight = 0.8 + (0.4 * position) / (transitions - 1);
    if (h[i] !== h[i - 1]) total += weight;
  }
  return (total * 100) / transitions;
}

/** The next flapping flag, with hysteresis. */
export function nextFlapping(flapping: boolean, percent: number): boolean {
  return flapping ? percent >= FLAP_LOW : percent > FLAP_HIGH;
}

/** What a series without a row looks like: it has been ok for as long as anyone remembers. */
export function steadyHistory(level: Level = 'o'): string {
  return level.repeat(FLAP_HISTORY - 1);
}
