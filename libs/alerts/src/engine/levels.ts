/**
 * One evaluation's verdict on one series, as a letter so a series' history is a short string:
 * o ok, w warn, c crit, n nodata (K evaluations in a row without a sample).
 */
export type Level = 'o' | 'w' | 'c' | 'n';
export type Severity = 'ok' | 'warn' | 'crit' | 'nodata';
export type Comparison = '>' | '>=' | '<' | '<=';

export const SEVERITY: Record<Level, Severity> = { o: 'ok', w: 'warn', c: 'crit', n: 'nodata' };
export const LEVEL: Record<Severity, Level> = { ok: 'o', warn: 'w', crit: 'c', nodata: 'n' };

/** How bad a level is: nodata < warn < crit, so warn → crit escalates and crit → warn does not. */
export const RANK: Record<Level, number> = { o: 0, n: 1, w: 2, c: 3 };

export interface Thresholds {
  comparison: Comparison;
  warn: number | null;
  crit: number | null;
}

export function breaches(value: number, comparison: Comparison, limit: number): boolean {
  switch (comparison) {
    case '>': return value > limit;
    case '>=': return value >= limit;
    case '<': return value < limit;
    case '<=': return value <= limit;
  }
}

/** crit wins over warn; a missing threshold never fires. */
export function classify(value: number, t: Thresholds): Level {
  if (t.crit !== null && breaches(value, t.comparison, t.crit)) return 'c';
  if (t.warn !== null && breaches(value, t.comparison, t.warn)) return 'w';
  return 'o';
}

export interface CounterPoint {
  value: number;
  ts: number;
  bootId: string | null;
}

/**
 * A counter's rate per second between two samples, or undefined when there is none to take:
 * no earlier sample, a reboot (boot ids differ) or a reset (the value fell). Undefined is
 * "not evaluated", never zero.
 */
export function counterRate(current: CounterPoint, previous: CounterPoint | undefined): number | undefined {
  if (!previous || previous.ts >= current.ts) return undefined;
  if (current.bootId && previous.bootId && current.bootId !== previous.bootId) return undefined;
  if (current.value < previous.value) return undefined;
  return (current.value - previous.value) / ((current.ts - previous.ts) / 1000);
}
