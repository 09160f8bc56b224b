import { Decimal, divideRounded } from './decimal';
import { overRatio, Ratio, ratio } from './ratio';

/**
 * Units of usage and their exact conversions. A unit is a quantity, optionally times a
 * duration: `byte`, `GiB·h`, `vCPU·month`, `h`. Kinds convert only within themselves:
 * - information: byte, KiB, MiB, GiB, TiB, PiB (powers of 2) and kB, MB, GB, TB (powers of 10);
 * - counts without a dimension: `bool`, `CPU` and the empty unit, so `bool·h` is hours
 *   running and busy CPU seconds (`s`) are CPU·s, shown as CPU·h;
 * - any other quantity (`vCPU`, a custom `request`) is a kind of its own;
 * - durations: s, min, h, day, and month = 730 h (8760 h / 12). A fixed month keeps a price
 *   per GiB·month the same in February and March; it is what providers quote.
 * A text that fits none of this (two separators, say) is a unit of its own, converting only to itself.
 */
export const UNIT_SEPARATOR = '·';
export const HOURS_PER_MONTH = 730n;

const INFORMATION: Record<string, bigint> = {
  byte: 1n, KiB: 1n << 10n, MiB: 1n << 20n, GiB: 1n << 30n, TiB: 1n << 40n, PiB: 1n << 50n,
  kB: 10n ** 3n, MB: 10n ** 6n, GB: 10n ** 9n, TB: 10n ** 12n,
};
const COUNTS = new Set(['', 'bool', 'CPU']);
const DURATIONS: Record<string, bigint> = { s: 1n, min: 60n, h: 3600n, day: 86_400n, month: HOURS_PER_MONTH * 3600n };

export interface UnitInfo {
  unit: string;
  /** Units convert into each other when their kinds are equal. */
  kind: string;
  /** Size of one unit in the kind's base unit (byte, count, s, byte·s, …). */
  factor: Ratio;
}

function quantity(token: string): { kind: string; factor: bigint } {
  if (token in INFORMATION) return { kind: 'information', factor: INFORMATION[token] };
  if (COUNTS.has(token)) return { kind: 'count', factor: 1n };
  return { kind: `quantity ${token}`, factor: 1n };
}

/** Total: every text is some unit, at worst one that converts only to itself. */
export function parseUnit(unit: string): UnitInfo {
  const parts = unit.split(UNIT_SEPARATOR);
  if (parts.length === 1 && unit in DURATIONS) return { unit, kind: 'count·time', factor: ratio(DURATIONS[unit]) };
  if (parts.length === 1) {
    const q = quantity(unit);
    return { unit, kind: q.kind, factor: ratio(q.factor) };
  }
  if (parts.length === 2 && parts[1] in DURATIONS && !(parts[0] in DURATIONS)) {
    const q = quantity(parts[0]);
    return { unit, kind: `${q.kind}·time`, factor: ratio(q.factor * DURATIONS[parts[1]]) };
  }
  return { unit, kind: `unit ${unit}`, factor: ratio(1n) };
}

/** Written forms people type: `GiB*h` is `GiB·h`. */
export function normalizeUnit(text: string): string {
  return text.trim().replace(/\s*\*\s*/g, UNIT_SEPARATOR);
}

/** value_in_to = value_in_from × ratio, or undefined when the units are of different kinds. */
export function conversion(from: string, to: string): Ratio | undefined {
  const a = parseUnit(from);
  const b = parseUnit(to);
  return a.kind === b.kind ? overRatio(a.factor, b.factor) : undefined;
}

export function requireConversion(from: string, to: string): Ratio {
  const r = conversion(from, to);
  if (!r) throw new RangeError(`${from} does not convert to ${to}`);
  return r;
}

/** value (in `from`) in `to`, rounded half-even to `places` decimal places. */
export function convert(value: Decimal, from: string, to: string, places: number): Decimal {
  const r = requireConversion(from, to);
  return divideRounded(value.times(r.num), r.den, places);
}

/** The units a value in `unit` can be shown or priced in (itself included), for messages. */
export function unitsLike(unit: string): string[] {
  const info = parseUnit(unit);
  const parts = unit.split(UNIT_SEPARATOR);
  const timed = info.kind.endsWith('·time');
  const quantities =
    info.kind.startsWith('information') ? Object.keys(INFORMATION)
      : info.kind.startsWith('count') ? ['', 'bool', 'CPU']
        : info.kind.startsWith('quantity ') ? [parts[0]] : [];
  if (!quantities.length) return [unit];
  if (!timed) return quantities;
  return quantities.flatMap((q) => Object.keys(DURATIONS).map((d) => (q ? `${q}${UNIT_SEPARATOR}${d}` : d)));
}

/** Why `to` cannot show or price a value in `from`; undefined when it can. */
export function conversionProblem(from: string, to: string): string | undefined {
  if (conversion(from, to)) return undefined;
  const like = unitsLike(from).filter((u) => u !== '');
  return `${JSON.stringify(to)} is not a unit ${JSON.stringify(from)} converts to; use one of ${like.slice(0, 12).join(', ')}${like.length > 12 ? ', …' : ''}`;
}

/**
 * Unit of a report line's usage (design §4): gauges bill value × time (`vCPU·h`; a unitless
 * gauge gives plain hours), counters their own unit.
 */
export function usageUnitOf(kind: 'gauge' | 'counter', unit: string): string {
  if (kind === 'counter') return unit;
  return unit ? `${unit}${UNIT_SEPARATOR}h` : 'h';
}

/** How a measurement's usage is shown: in which unit, to how many decimal places (half-even). */
export interface DisplaySpec {
  unit: string;
  places: number;
}

/** Most places a display may ask for; the exact value is in the JSON beside it. */
export const MAX_DISPLAY_PLACES = 12;

/** usage (exact, in its usage unit) as shown in CSV and on the page. */
export function displayValue(usage: Decimal, usageUnit: string, display: DisplaySpec): Decimal {
  return convert(usage, usageUnit, display.unit, display.places);
}
