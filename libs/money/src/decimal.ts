import Big from 'big.js';

/**
 * The one decimal type for money and quantities. big.js adds, subtracts and multiplies
 * exactly; only division rounds, and only where `divideRounded` says to how many places.
 * Strict: a JavaScript number is refused (a float must never become an amount unnoticed);
 * text and bigints are the ways in. Never printed in exponential notation.
 */
export type Decimal = Big;

const Dec = Big();
Dec.strict = true;
Dec.NE = -1_000_000;
Dec.PE = 1_000_000;
Dec.RM = Dec.roundHalfEven;

export const ZERO: Decimal = new Dec('0');

/** Plain decimal notation as the API accepts it: no exponent, no plus sign, no stray zeros in front. */
export const DECIMAL_TEXT = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** A decimal from code: text in any notation big.js reads, or a bigint. Throws on anything else. */
export function decimal(value: string | bigint): Decimal {
  return new Dec(value);
}

/** A decimal from input, or undefined when the text is not plain decimal notation. */
export function parseDecimal(text: unknown): Decimal | undefined {
  return typeof text === 'string' && DECIMAL_TEXT.test(text) ? new Dec(text) : undefined;
}

/** Canonical text: plain notation, no trailing zeros, "0" for zero (never "-0"). */
export function decimalText(x: Decimal): string {
  return x.eq(ZERO) ? '0' : x.toFixed();
}

/** Digits after the decimal point in the canonical text. */
export function placesOf(x: Decimal): number {
  return Math.max(0, x.c.length - x.e - 1);
}

/** Digits before the decimal point (0 for |x| < 1). */
export function integerDigitsOf(x: Decimal): number {
  return x.eq(ZERO) ? 0 : Math.max(0, x.e + 1);
}

/**
 * numerator / denominator rounded half-even to `places` decimal places, exactly: big.js
 * divides digit by digit and rounds on the remainder, so a tie is a tie and nothing else is.
 */
export function divideRounded(numerator: Decimal, denominator: Decimal | bigint, places: number): Decimal {
  const saved = Dec.DP;
  Dec.DP = places;
  try {
    return new Dec(numerator).div(typeof denominator === 'bigint' ? new Dec(denominator) : denominator);
  } finally {
    Dec.DP = saved;
  }
}

/** x rounded half-even to `places` decimal places. */
export function roundHalfEven(x: Decimal, places: number): Decimal {
  return x.round(places, Dec.roundHalfEven);
}

/**
 * The decimal a double prints as (the shortest text that reads back as the same double).
 * For figures the report math still computes in floating point (usage); never for prices.
 */
export function decimalOfDouble(x: number): Decimal {
  if (!Number.isFinite(x)) throw new RangeError(`${x} is not a finite number`);
  return new Dec(String(x));
}

export function sumOf(values: Iterable<Decimal>): Decimal {
  let sum = ZERO;
  for (const v of values) sum = sum.plus(v);
  return sum;
}
