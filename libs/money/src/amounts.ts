import { requireMinorUnits } from './currencies';
import { Decimal, decimal, decimalText, DECIMAL_TEXT, divideRounded, placesOf, ZERO } from './decimal';

/**
 * Design §11: an amount is rounded once, per line, to the currency's minor unit, half-even;
 * totals are sums of rounded lines, so they need no rounding of their own. Amounts travel
 * as decimal text with exactly the currency's minor digits ("12.30", JPY "1230", KWD "1.005").
 */

/** numerator / denominator (an exact amount not yet rounded) as the line's amount. */
export function roundAmount(numerator: Decimal, denominator: Decimal | bigint, currency: string): Decimal {
  return divideRounded(numerator, denominator, requireMinorUnits(currency));
}

/** Amount text with exactly the currency's minor digits; refuses a value that has more. */
export function amountText(amount: Decimal, currency: string): string {
  const minor = requireMinorUnits(currency);
  if (placesOf(amount) > minor) throw new RangeError(`${decimalText(amount)} has more decimals than ${currency} allows (${minor}); round it first`);
  return amount.eq(ZERO) ? ZERO.toFixed(minor) : amount.toFixed(minor);
}

/** Reads an amount written by amountText (or any rounded amount of that currency). */
export function parseAmount(text: string, currency: string): Decimal {
  const minor = requireMinorUnits(currency);
  if (!DECIMAL_TEXT.test(text)) throw new RangeError(`"${text}" is not a decimal amount`);
  const value = decimal(text);
  if (placesOf(value) > minor) throw new RangeError(`"${text}" has more decimals than ${currency} allows (${minor})`);
  return value;
}

/** Σ of rounded amounts, as amount text: what a subtotal or total is. */
export function sumAmounts(amounts: Iterable<string>, currency: string): string {
  let sum = ZERO;
  for (const a of amounts) sum = sum.plus(parseAmount(a, currency));
  return amountText(sum, currency);
}
